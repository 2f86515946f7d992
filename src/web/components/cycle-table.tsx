import type { CycleSummary, ScoreRow } from "../api/endpoints.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { FrameworkDetail } from "../pages/framework-data.ts";
import { HeatCell } from "./heat-cell.tsx";
import { ChangeValue } from "./score-parts.tsx";

export interface CycleTableRow {
  /** Score key: a node code or `classification:value`. */
  key: string;
  label: string;
  /** 0 for the overall score, 1 for sections (and classification values), 2 for articles… */
  depth: number;
}

/** One country's scores: parts of the framework down, cycles across, then the latest change. */
export function CycleTable({
  caption,
  rows,
  cycles,
  scores,
  framework,
  itemHeader,
}: {
  caption: string;
  /** Heading of the first column; defaults to "Part of the framework". */
  itemHeader?: string;
  rows: CycleTableRow[];
  cycles: CycleSummary[];
  scores: Map<string, Map<string, ScoreRow>>;
  framework: FrameworkDetail;
}) {
  const { t, pick } = useLanguage();
  const latest = cycles[cycles.length - 1];
  return (
    <div className="table-scroll">
      <table className="data-table cycle-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{itemHeader ?? t("item")}</th>
            {cycles.map((cycle) => (
              <th scope="col" className="num" key={cycle.id}>
                {pick(cycle.name, framework.defaultLanguage) || cycle.period}
              </th>
            ))}
            <th scope="col" className="num">
              {t("change")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={`depth-${Math.min(row.depth, 3)}`}>
              <th scope="row" style={{ paddingInlineStart: `${1 + Math.max(0, row.depth - 1) * 1.5}rem` }}>
                {row.label}
              </th>
              {cycles.map((cycle) => (
                <HeatCell key={cycle.id} row={scores.get(row.key)?.get(cycle.period)} framework={framework} />
              ))}
              <td className="num">
                <ChangeValue
                  change={latest ? (scores.get(row.key)?.get(latest.period)?.change ?? null) : null}
                  precision={framework.precision}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
