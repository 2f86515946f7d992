import type { ReactNode } from "react";
import type { PageEnv } from "../context.ts";
import { bandColor } from "../model/colors.ts";
import { type PortalRoute, routePath } from "../routes.ts";

/**
 * A chart with what makes it usable by everyone: a caption, the chart itself
 * (SVG with its own text alternative), the numbers as a table in a disclosure,
 * and, when the chart has an embed page, the iframe snippet to embed it.
 */
export function Figure({
  env,
  id,
  title,
  children,
  legend,
  table,
  embed,
  embedHeight = 420,
  wide = false,
}: {
  env: PageEnv;
  id: string;
  title: string;
  children: ReactNode;
  legend?: ReactNode;
  table?: ReactNode;
  embed?: PortalRoute;
  embedHeight?: number;
  /** A long chart: takes a whole row of a two-column grid. */
  wide?: boolean;
}) {
  return (
    <figure className={wide ? "chart chart--wide" : "chart"} id={id}>
      <figcaption className="chart__caption" id={`${id}-caption`}>
        {title}
      </figcaption>
      {children}
      {legend}
      {table && (
        <details className="chart__data">
          <summary>{env.t("dataTable")}</summary>
          <div className="table-scroll">{table}</div>
        </details>
      )}
      {embed && <EmbedSnippet env={env} route={embed} title={title} height={embedHeight} />}
    </figure>
  );
}

/** The "Embed this chart" disclosure: an iframe snippet and a link to the chart's own page. */
export function EmbedSnippet({
  env,
  route,
  title,
  height,
}: {
  env: PageEnv;
  route: PortalRoute;
  title: string;
  height: number;
}) {
  const base = env.ctx.baseUrl;
  const src = `${base ?? ""}${routePath(route)}`;
  const snippet = `<iframe src="${src}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
  return (
    <details className="chart__embed">
      <summary>{env.t("embed")}</summary>
      <p>{env.t(base ? "embedHelpAbsolute" : "embedHelp")}</p>
      <pre className="snippet" dir="ltr">
        <code>{snippet}</code>
      </pre>
      <p>
        <a href={env.href(route)}>{env.t("openFullPage")}</a>
      </p>
    </details>
  );
}

/** Band colour keys with their labels, as an HTML list next to a chart. */
export function BandLegend({ env, extra }: { env: PageEnv; extra?: ReactNode }) {
  return (
    <ul className="legend" aria-label={env.t("mapLegend")}>
      {env.fw.bands.map((b) => (
        <li key={b.code}>
          <span className="swatch" style={{ background: bandColorOf(env, b.code) }} aria-hidden="true" />
          {env.text(b.label)}{" "}
          <span className="legend__range">
            ({env.t("bandRange", { min: env.num(b.min, 0), max: env.num(b.max, 0) })})
          </span>
        </li>
      ))}
      {extra}
    </ul>
  );
}

export function bandColorOf(env: PageEnv, code: string | null | undefined): string {
  return bandColor(env.fw.bands, code);
}
