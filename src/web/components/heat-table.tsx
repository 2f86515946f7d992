import type { ScoreRow } from "../api/endpoints.ts";
import type { ScoreIndex } from "../format/score-index.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { FrameworkDetail } from "../pages/framework-data.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { HeatCell } from "./heat-cell.tsx";
import { WorkingTag } from "./score-source.tsx";
import { SortHeader, type SortValue, useSortedRows } from "./sortable.tsx";

export interface HeatColumn {
  /** Score key: a node code or `classification:value`. */
  key: string;
  label: string;
}

/** Countries down, sections or classification values across, each cell coloured by band; every column sorts. */
export function HeatTable({
  caption,
  columns,
  scores,
  countryName,
  framework,
}: {
  caption: string;
  columns: HeatColumn[];
  scores: ScoreIndex;
  countryName: (code: string) => string;
  framework: FrameworkDetail;
}) {
  const { t } = useLanguage();
  const countries = [...scores.keys()];
  const accessors: Record<string, (code: string) => SortValue> = { country: (code) => countryName(code) };
  for (const column of columns) {
    accessors[`col:${column.key}`] = (code) => scores.get(code)?.get(column.key)?.score ?? null;
  }
  const { sorted, sort, toggle } = useSortedRows(countries, accessors, {
    key: "country",
    direction: "ascending",
  });
  const cell = (code: string, key: string): ScoreRow | undefined => scores.get(code)?.get(key);
  return (
    <div className="table-scroll">
      <table className="data-table heat-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <SortHeader
              label={t("country")}
              columnKey="country"
              sort={sort}
              onSort={toggle}
              firstDirection="ascending"
            />
            {columns.map((column) => (
              <SortHeader
                key={column.key}
                className="num"
                label={column.label}
                columnKey={`col:${column.key}`}
                sort={sort}
                onSort={toggle}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((code) => (
            <tr key={code}>
              <th scope="row">
                <Link to={paths.country(framework.id, code)}>{countryName(code)}</Link>
                <WorkingTag row={scores.get(code)?.values().next().value} />
              </th>
              {columns.map((column) => (
                <HeatCell key={column.key} row={cell(code, column.key)} framework={framework} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
