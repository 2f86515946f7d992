import { BarFigure, type BarRow } from "../charts/bars.tsx";
import { Figure } from "../charts/figure.tsx";
import { TrendChart, TrendLegend, trendSeries } from "../charts/trend.tsx";
import type { PageEnv } from "../context.ts";
import { classificationItems, sectionNodes } from "../model/derive.ts";
import { DataTable } from "../parts.tsx";

/** Rows of a country's scores for some items, each with the regional average as marker. */
export function countryRows(
  env: PageEnv,
  country: string,
  items: { item: string; label: string }[],
): BarRow[] {
  return items.map(({ item, label }) => {
    const row = env.idx.score(country, item);
    return {
      key: item,
      label,
      value: row?.score ?? null,
      band: row?.band ?? null,
      marker: env.idx.regional(item),
    };
  });
}

/** Lower-cases a classification name for use inside a sentence, unless it starts with an acronym (UNCRC). */
export function inSentence(label: string): string {
  return label.length > 1 && label[1] === label[1]!.toLowerCase()
    ? label[0]!.toLowerCase() + label.slice(1)
    : label;
}

function MarkerLegend({ env }: { env: PageEnv }) {
  return (
    <ul className="legend">
      <li>
        <span className="swatch swatch--marker" aria-hidden="true" />
        {env.t("regionalAverage")}
      </li>
    </ul>
  );
}

/** What a country figure is drawn from; `embed: false` leaves out the "Embed this chart" snippet (embed and print pages). */
interface CountryFigureProps {
  env: PageEnv;
  country: string;
  embed?: boolean;
}

/** A country's scores by section, with the regional average marked. */
export function SectionsFigure({ env, country, embed = true }: CountryFigureProps) {
  const name = env.countryName(country);
  const rows = countryRows(
    env,
    country,
    sectionNodes(env).map((n) => ({ item: n.code, label: env.text(n.label) })),
  );
  return (
    <BarFigure
      env={env}
      id="sections"
      svgId="sections-svg"
      title={env.t("sectionsTitle")}
      rows={rows}
      desc={(summary) => env.t("sectionsDesc", { country: name, summary })}
      head={env.t("section")}
      legend={<MarkerLegend env={env} />}
      embed={embed ? { page: "embed-sections", lang: env.lang, country: country.toLowerCase() } : undefined}
    />
  );
}

/** A country's scores by the values of one classification (dimension, UNCRC article…). */
export function ClassificationFigure({
  env,
  country,
  code,
}: {
  env: PageEnv;
  country: string;
  code: string;
}) {
  const cls = env.fw.classifications.find((c) => c.code === code)!;
  const name = inSentence(env.text(cls.label));
  const rows = countryRows(env, country, classificationItems(env, code));
  if (!rows.length) return null;
  const title = env.t("classificationTitle", { name });
  return (
    <BarFigure
      env={env}
      id={`cls-${code}`}
      svgId={`cls-${code}-svg`}
      title={title}
      rows={rows}
      desc={(summary) => env.t("classificationDesc", { country: env.countryName(country), name, summary })}
      head={env.text(cls.label)}
      legend={<MarkerLegend env={env} />}
      wide={rows.length > 12}
    >
      <p className="chart__note">{env.t("classificationNote", { name })}</p>
    </BarFigure>
  );
}

/** A country's overall score across releases, with the regional average. */
export function TrendFigure({ env, country, embed = true }: CountryFigureProps) {
  const series = trendSeries(env, country);
  const name = env.countryName(country);
  const summary = series.map((s) => `${s.period}: ${env.score(s.value)}`).join("; ");
  return (
    <Figure
      env={env}
      id="trend"
      title={env.t("trendTitle")}
      legend={<TrendLegend env={env} country={name} />}
      embed={embed ? { page: "embed-trend", lang: env.lang, country: country.toLowerCase() } : undefined}
      embedHeight={360}
      table={
        <DataTable head={[env.t("period"), { num: name }, { num: env.t("regionalAverage") }]}>
          {series.map((s) => (
            <tr key={s.period}>
              <th scope="row">{s.period}</th>
              <td className="num">{env.score(s.value)}</td>
              <td className="num">{env.score(s.average)}</td>
            </tr>
          ))}
        </DataTable>
      }
    >
      <TrendChart
        env={env}
        id="trend-svg"
        series={series}
        title={env.t("trendTitle")}
        desc={env.t("trendDesc", { country: name, summary })}
      />
      {series.length < 2 && <p className="chart__note">{env.t("trendSingle")}</p>}
    </Figure>
  );
}
