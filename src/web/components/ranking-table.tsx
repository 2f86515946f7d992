import type { ScoreRow } from "../api/endpoints.ts";
import { formatCoverage, formatScore } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { FrameworkDetail } from "../pages/framework-data.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { BandChip } from "./band-chip.tsx";
import { ChangeValue, ScoreBar } from "./score-parts.tsx";
import { ImputedTag, WorkingTag } from "./score-source.tsx";
import { SortHeader, type SortValue, useSortedRows } from "./sortable.tsx";

/** The overall ranking for one cycle: rank, country, score with band, change and coverage. */
export function RankingTable({
  rows,
  caption,
  countryName,
  framework,
}: {
  rows: ScoreRow[];
  caption: string;
  countryName: (code: string) => string;
  framework: FrameworkDetail;
}) {
  const { t, lang } = useLanguage();
  const accessors: Record<string, (row: ScoreRow) => SortValue> = {
    rank: (r) => r.rank,
    country: (r) => countryName(r.country),
    score: (r) => r.score,
    change: (r) => r.change,
    coverage: (r) => r.coverage,
  };
  const { sorted, sort, toggle } = useSortedRows(rows, accessors, { key: "rank", direction: "ascending" });
  const header = (key: string, label: string, className?: string, first?: "ascending" | "descending") => (
    <SortHeader
      label={label}
      columnKey={key}
      sort={sort}
      onSort={toggle}
      className={className}
      firstDirection={first}
    />
  );
  return (
    <div className="table-scroll">
      <table className="data-table ranking-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header("rank", t("rank"), "num rank-col", "ascending")}
            {header("country", t("country"), undefined, "ascending")}
            {header("score", t("score"), "score-col")}
            {header("change", t("change"), "num")}
            {header("coverage", t("coverage"), "num")}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.country}>
              <td className="num rank-col">{row.rank ?? "–"}</td>
              <th scope="row">
                <Link to={paths.country(framework.id, row.country)}>{countryName(row.country)}</Link>
                <WorkingTag row={row} />
                <ImputedTag count={row.imputed} />
              </th>
              <td className="score-col">
                <span className="score-cell">
                  <span className="score-cell__value">
                    {formatScore(row.score, framework.precision, lang)}
                  </span>
                  <ScoreBar
                    score={row.score}
                    scale={framework.scoreScale}
                    bands={framework.bands}
                    band={row.band}
                  />
                  <BandChip
                    bands={framework.bands}
                    code={row.band}
                    fallbackLanguage={framework.defaultLanguage}
                  />
                </span>
              </td>
              <td className="num">
                <ChangeValue change={row.change} precision={framework.precision} />
              </td>
              <td className="num" title={t("coverageHint")}>
                {formatCoverage(row.coverage, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
