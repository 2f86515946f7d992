import type { ReactNode } from "react";
import { type AreaShapeCollection, areaShapesToSvg, type ReleaseArea } from "../../core/index.ts";
import { BandLegend, bandColorOf } from "../charts/figure.tsx";
import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { sectionNodes } from "../model/derive.ts";
import { BandBadge, Local, Section } from "../parts.tsx";

/*
 * A country's areas below the country (regions, districts …) in a release: per level, a map of
 * the areas coloured by the band of their overall score (where the administrator gave their
 * shapes) and always a table comparing them like the countries of a region (overall and section
 * scores, rank among the areas of the same level, assessed or rolled up from the areas below).
 * The tables sort by any column with portal.js; without it they are in rank order.
 */

/** The release's areas of a country (upper-case code), or none. */
export function areasOf(env: PageEnv, country: string): ReleaseArea[] {
  return (env.snap.areas ?? []).filter((a) => a.country === country.toUpperCase());
}

/** The countries of a release that have areas, as lower-case codes (for the routes). */
export function countriesWithAreas(areas: readonly ReleaseArea[] | undefined): string[] {
  return [...new Set((areas ?? []).map((a) => a.country.toLowerCase()))].sort();
}

function scoreOf(area: ReleaseArea, item: string) {
  return area.scores.find((s) => s.item === item);
}

/** An area's overall result in words, for the map's titles and its text alternative. */
function areaResult(env: PageEnv, area: ReleaseArea): string {
  const row = scoreOf(area, env.rootNode);
  const band = env.text(env.band(row?.band)?.label);
  const score = row?.score === null || row?.score === undefined ? env.t("noScore") : env.score(row.score);
  return `${env.text(area.name)}: ${score}${band ? ` (${band})` : ""}`;
}

const anchorOf = (area: ReleaseArea) => `area-${area.code.toLowerCase().replace(/[^a-z0-9_-]+/g, "-")}`;

/** The map of one level's areas that have shapes; nothing when none has. */
function AreaMap({
  env,
  areas,
  shapes,
  id,
}: {
  env: PageEnv;
  areas: ReleaseArea[];
  shapes: AreaShapeCollection | undefined;
  id: string;
}) {
  if (!shapes) return null;
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const geo = areaShapesToSvg(shapes, { width: 560, maxHeight: 420, only: areas.map((a) => a.code) });
  if (!geo.paths.length) return null;
  const summary = geo.paths.map((p) => areaResult(env, byCode.get(p.code)!)).join("; ");
  return (
    <figure className="chart area-map">
      <svg
        className="map area-map__svg"
        viewBox={`0 0 ${geo.width} ${geo.height}`}
        aria-labelledby={`${id}-t ${id}-d`}
      >
        <title id={`${id}-t`}>{env.t("areasMapTitle")}</title>
        <desc id={`${id}-d`}>{env.t("mapDesc", { summary })}</desc>
        <g className="map__countries">
          {geo.paths.map((p) => {
            const area = byCode.get(p.code)!;
            const row = scoreOf(area, env.rootNode);
            return (
              <a key={p.code} href={`#${anchorOf(area)}`}>
                <title>{areaResult(env, area)}</title>
                <path d={p.d} fill={bandColorOf(env, row?.band)} fillRule="evenodd" />
              </a>
            );
          })}
        </g>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the labels repeat the links' names */}
        <g className="map__labels" aria-hidden="true">
          {geo.paths.map((p) => {
            // A label only where it fits in its area (about 7.5 units a character at 12 px): the name, else the code.
            const name = env.text(byCode.get(p.code)!.name);
            const label = [name, p.code].find((text) => text.length * 7.5 < p.room);
            return label ? (
              <text key={p.code} x={p.x} y={p.y} textAnchor="middle">
                {label}
              </text>
            ) : null;
          })}
        </g>
      </svg>
      <BandLegend
        env={env}
        extra={
          <li>
            <span className="swatch swatch--neighbour" aria-hidden="true" />
            {env.t("noScore")}
          </li>
        }
      />
    </figure>
  );
}

/** A sortable number cell: the value shown, the number to sort by. */
function NumCell({
  value,
  sort,
  children,
}: {
  value?: number | null;
  sort?: number | null;
  children: ReactNode;
}) {
  const key = sort ?? value;
  return (
    <td className="num" data-sort={key === null || key === undefined ? "" : String(key)}>
      {children}
    </td>
  );
}

/** One level's areas compared: a row per area in rank order, the country's own scores below. */
function AreaTable({
  env,
  country,
  areas,
  parents,
  level,
}: {
  env: PageEnv;
  country: string;
  areas: ReleaseArea[];
  parents: Map<string, ReleaseArea>;
  level: number;
}) {
  const sections = sectionNodes(env);
  const scored = areas.filter((a) => typeof scoreOf(a, env.rootNode)?.rank === "number");
  const ranked = [...areas].sort(
    (a, b) =>
      (scoreOf(a, env.rootNode)?.rank ?? Number.POSITIVE_INFINITY) -
        (scoreOf(b, env.rootNode)?.rank ?? Number.POSITIVE_INFINITY) ||
      env.text(a.name).localeCompare(env.text(b.name), env.lang),
  );
  const hasParents = level > 1;
  const countryRow = env.idx.score(country, env.rootNode);
  return (
    <div className="table-scroll">
      <table className="data area-table" data-sortable="">
        <caption className="visually-hidden">
          {env.t("areasTableCaption", { level, country: env.countryName(country) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" data-sort-type="text">
              {env.t("areaColumn")}
            </th>
            {hasParents && (
              <th scope="col" data-sort-type="text">
                {env.t("areaPartOf")}
              </th>
            )}
            <th scope="col" className="num" data-sort-type="number">
              {env.t("overallScore")}
            </th>
            <th scope="col" className="num" data-sort-type="number" aria-sort="ascending">
              {env.t("rank")}
            </th>
            {sections.map((n) => (
              <th key={n.code} scope="col" className="num" data-sort-type="number">
                <Local env={env} value={n.label} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ranked.map((area) => {
            const overall = scoreOf(area, env.rootNode);
            const parent = area.parent ? parents.get(area.parent) : undefined;
            return (
              <tr key={area.code} id={anchorOf(area)}>
                <th scope="row" data-sort={env.text(area.name)}>
                  <bdi lang={env.textLang(area.name)}>{env.text(area.name)}</bdi>
                  <span className="area-table__source">
                    {area.source === "assessed"
                      ? env.t("areaAssessed")
                      : env.t("areaRolledUp", { count: area.from ?? 0 })}
                  </span>
                </th>
                {hasParents && (
                  <td data-sort={parent ? env.text(parent.name) : ""}>
                    {parent ? <bdi lang={env.textLang(parent.name)}>{env.text(parent.name)}</bdi> : "–"}
                  </td>
                )}
                <NumCell value={overall?.score}>
                  {env.score(overall?.score)} {overall?.band && <BandBadge env={env} band={overall.band} />}
                </NumCell>
                <NumCell value={overall?.rank}>
                  {overall?.rank ? env.t("rankOf", { rank: overall.rank, total: scored.length }) : "–"}
                </NumCell>
                {sections.map((n) => {
                  const s = scoreOf(area, n.code);
                  return (
                    <NumCell key={n.code} value={s?.score}>
                      {env.score(s?.score)}
                    </NumCell>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{env.t("areasCountryRow", { country: env.countryName(country) })}</th>
            {hasParents && <td />}
            <td className="num">
              {env.score(countryRow?.score)}{" "}
              {countryRow?.band && <BandBadge env={env} band={countryRow.band} />}
            </td>
            <td className="num">–</td>
            {sections.map((n) => (
              <td key={n.code} className="num">
                {env.score(env.idx.score(country, n.code)?.score)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The areas page of a country: one section per level, first level first. */
export function CountryAreasPage({
  env,
  country,
  shapes,
}: {
  env: PageEnv;
  country: string;
  shapes?: AreaShapeCollection;
}) {
  const code = country.toUpperCase();
  const areas = areasOf(env, code);
  const name = env.countryName(code);
  const parents = new Map(areas.map((a) => [a.code, a]));
  const levels = [...new Set(areas.map((a) => a.level))].sort((a, b) => a - b);
  const lead = env.t("areasLead", { count: areas.length, country: name, period: env.snap.release.period });
  return (
    <PortalDocument env={env} title={env.t("areasTitle", { country: name })} description={lead}>
      <Hero
        back={{
          href: env.href({ page: "country", lang: env.lang, country: code.toLowerCase() }),
          label: env.t("membersCountryProfile", { country: name }),
        }}
        title={env.t("areasTitle", { country: name })}
        lead={lead}
      />
      <p className="muted area-note">{env.t(shapes ? "areasHowRead" : "areasNoMap")}</p>
      {levels.map((level) => {
        const here = areas.filter((a) => a.level === level);
        return (
          <Section
            key={level}
            id={`level-${level}`}
            title={env.t("areasLevelTitle", { level, count: here.length })}
          >
            <AreaMap env={env} areas={here} shapes={shapes} id={`area-map-${level}`} />
            <AreaTable env={env} country={code} areas={here} parents={parents} level={level} />
          </Section>
        );
      })}
    </PortalDocument>
  );
}

/** On a country profile: the link to its areas, when the release has some. */
export function CountryAreasBlock({ env, country }: { env: PageEnv; country: string }) {
  const areas = areasOf(env, country);
  if (!areas.length) return null;
  const name = env.countryName(country);
  const assessed = areas.filter((a) => a.source === "assessed").length;
  return (
    <Section
      id="subnational"
      title={env.t("areasSectionTitle", { country: name })}
      lead={env.t("areasSectionLead", { count: areas.length, assessed, country: name })}
    >
      <p>
        <a href={env.href({ page: "country-areas", lang: env.lang, country: country.toLowerCase() })}>
          {env.t("areasSectionLink", { country: name })}
        </a>
      </p>
    </Section>
  );
}
