import type { PageEnv } from "../context.ts";
import { type PortalRoute, routePath } from "../routes.ts";
import { BandLegend, bandColorOf } from "./figure.tsx";
import { mapGeometry } from "./map-geometry.ts";

/** The words that describe a country's overall result, for titles and text alternatives. */
export function countryResult(env: PageEnv, code: string): string {
  const row = env.idx.score(code, env.rootNode);
  const band = env.text(env.band(row?.band)?.label);
  return `${env.countryName(code)}: ${row?.score === null || row?.score === undefined ? env.t("noScore") : env.score(row.score)}${band ? ` (${band})` : ""}`;
}

/**
 * The regional choropleth: the release's countries coloured by the band of
 * their overall score, each a link to its profile; neighbours in grey.
 * `linkTarget` makes links open outside an embedding frame.
 */
export function ChoroplethMap({ env, id, linkTarget }: { env: PageEnv; id: string; linkTarget?: "_top" }) {
  const geo = mapGeometry(env.snap.countries.map((c) => c.code));
  const summary = env.snap.countries.map((c) => countryResult(env, c.code)).join("; ");
  const labelled = new Map(env.snap.countries.map((c) => [c.code, env.countryName(c.code)]));
  return (
    <svg className="map" viewBox={`0 0 ${geo.width} ${geo.height}`} aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{env.t("mapTitle")}</title>
      <desc id={`${id}-d`}>{env.t("mapDesc", { summary })}</desc>
      <rect className="map__sea" width={geo.width} height={geo.height} />
      <g className="map__neighbours">
        {geo.shapes
          .filter((s) => s.code === null)
          .map((s) => (
            <path key={s.name} d={s.d} />
          ))}
      </g>
      <g className="map__countries">
        {geo.shapes
          .filter((s) => s.code !== null)
          .map((s) => {
            const route: PortalRoute = { page: "country", lang: env.lang, country: s.code!.toLowerCase() };
            const row = env.idx.score(s.code!, env.rootNode);
            return (
              <a key={s.code} href={env.href(routePath(route))} target={linkTarget}>
                <title>{countryResult(env, s.code!)}</title>
                <path d={s.d} fill={bandColorOf(env, row?.band)} />
              </a>
            );
          })}
      </g>
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the labels repeat the links' names */}
      <g className="map__labels" aria-hidden="true">
        {geo.shapes
          .filter((s) => s.code !== null)
          .map((s) => {
            const name = labelled.get(s.code!)!;
            return (
              <text key={s.code} x={s.x} y={s.y} textAnchor="middle">
                {name.length > 12 ? s.code : name}
              </text>
            );
          })}
      </g>
    </svg>
  );
}

/** The map's legend: the bands, and grey for neighbouring countries that were not assessed. */
export function MapLegend({ env }: { env: PageEnv }) {
  return (
    <BandLegend
      env={env}
      extra={
        <li>
          <span className="swatch swatch--neighbour" aria-hidden="true" />
          {env.t("notAssessed")}
        </li>
      }
    />
  );
}
