import type { ReactNode } from "react";
import type { Indicator } from "../core/index.ts";
import { bandColorOf } from "./charts/figure.tsx";
import type { PageEnv } from "./context.ts";
import { directionOf } from "./i18n/translate.ts";

/** A band name with its colour key. */
export function BandBadge({ env, band }: { env: PageEnv; band: string | null | undefined }) {
  const b = env.band(band);
  if (!b) return <span className="band band--none">–</span>;
  return (
    <span className="band">
      <span className="swatch" style={{ background: bandColorOf(env, b.code) }} aria-hidden="true" />
      <span lang={env.textLang(b.label)}>{env.text(b.label)}</span>
    </span>
  );
}

/** Marks a value imputed by the framework's missing-data rule (not answered in this cycle); nothing otherwise. */
export function ImputedMark({ env, imputed }: { env: PageEnv; imputed: boolean }) {
  if (!imputed) return null;
  return (
    <>
      {" "}
      <span className="imputed-mark" title={env.t("imputedTitle")}>
        {env.t("imputedMark")}
      </span>
    </>
  );
}

/** A change with an arrow (▲ up, ▼ down), the signed number kept left to right in Arabic too. */
export function Change({ env, value }: { env: PageEnv; value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="change change--none">–</span>;
  const signed = env.signed(value);
  const zero = !/[1-9]/.test(signed);
  const tone = zero ? "same" : value > 0 ? "up" : "down";
  const words = zero ? env.t("same") : env.t(value > 0 ? "up" : "down", { value: env.num(Math.abs(value)) });
  return (
    <span className={`change change--${tone}`} title={words}>
      <span aria-hidden="true">{zero ? "■" : value > 0 ? "▲" : "▼"} </span>
      <bdi dir="ltr">{signed}</bdi>
      <span className="visually-hidden"> ({words})</span>
    </span>
  );
}

/** A link to an indicator's page: its code, then its text. */
export function IndicatorLink({ env, ind }: { env: PageEnv; ind: Indicator }) {
  return (
    <a href={env.href({ page: "indicator", lang: env.lang, indicator: ind.code })}>
      <span className="code">{ind.code}</span> {env.text(ind.text)}
    </a>
  );
}

/** A link to a country's profile, by its name (`target="_top"` from an embedded chart). */
export function CountryLink({
  env,
  code,
  name,
  target,
}: {
  env: PageEnv;
  code: string;
  name: string;
  target?: "_top";
}) {
  return (
    <a href={env.href({ page: "country", lang: env.lang, country: code.toLowerCase() })} target={target}>
      {name}
    </a>
  );
}

/** A section of a page with an anchored heading. */
export function Section({
  id,
  title,
  lead,
  children,
  className,
}: {
  id: string;
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`block ${className ?? ""}`.trim()} aria-labelledby={`${id}-h`} id={id}>
      <h2 id={`${id}-h`}>{title}</h2>
      {lead && <p className="block__lead">{lead}</p>}
      {children}
    </section>
  );
}

/** A framework text, with a `lang` attribute when it is shown in another language than the page's. */
export function Local({ env, value }: { env: PageEnv; value: Parameters<PageEnv["text"]>[0] }) {
  const lang = env.textLang(value);
  if (lang === env.lang) return env.text(value);
  return (
    <span lang={lang} dir={directionOf(lang)}>
      {env.text(value)}
    </span>
  );
}

/** Score, out of the scale, big: the headline number of a card. */
export function BigScore({ env, value }: { env: PageEnv; value: number | null | undefined }) {
  return (
    <span className="bigscore">
      <bdi dir="ltr">{env.score(value)}</bdi>
      <span className="bigscore__scale"> / {env.num(env.fw.scoreScale, 0)}</span>
    </span>
  );
}

/** A column heading of a data table: its text, `{ num }` for a right-aligned number column, or false to leave it out. */
export type Column = string | { num: string } | false | null | undefined;

/**
 * A data table (`table.data`): optional caption, one heading row of columns, the
 * body rows given as children and an optional footer row; `scroll` wraps it in
 * a horizontally scrolling box for narrow screens.
 */
export function DataTable({
  head,
  caption,
  className,
  scroll = false,
  foot,
  children,
}: {
  head: Column[];
  caption?: ReactNode;
  className?: string;
  scroll?: boolean;
  foot?: ReactNode;
  children: ReactNode;
}) {
  const table = (
    <table className={className ? `data ${className}` : "data"}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {head.map((col) =>
            !col ? null : typeof col === "string" ? (
              <th key={col} scope="col">
                {col}
              </th>
            ) : (
              <th key={col.num} scope="col" className="num">
                {col.num}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}
