import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import {
  groupByArticle,
  type LocalText,
  type PublicImplementation,
  type StatusKey,
  type TrackedRecommendation,
  type TrackingSnapshot,
  trackingStatusCounts,
} from "../../core/index.ts";
import { dateFormatter, directionOf, numberLocaleOf, pickText } from "../i18n/translate.ts";
import { BrandHeader, HeadStart, Hero } from "../layout.tsx";
import { DataTable } from "../parts.tsx";
import { hasTrackingMessage, type TrackingMessageKey, trackingMessage } from "./messages.ts";

/** Languages a tracking publication is shown in. */
export const TRACKING_LANGUAGES = ["en", "fr", "ar"] as const;

/**
 * A publication's pages live at `/portal/tracking/{slug}/{lang}/`, its JSON at
 * `{slug}/tracking.json`; they use the portal's stylesheet (`/portal/assets/`)
 * and their own (`/portal/tracking/assets/tracking.css`).
 */
export const TRACKING_CSS = "tracking.css";

interface Env {
  lang: string;
  t(key: TrackingMessageKey, vars?: Record<string, string | number>): string;
  text(value: LocalText): [string, string];
  date(iso: string): string;
  num(n: number): string;
  list(items: string[]): string;
}

function envOf(lang: string): Env {
  const locale = numberLocaleOf(lang);
  const dates = dateFormatter(lang);
  const numbers = new Intl.NumberFormat(locale);
  const lists = new Intl.ListFormat(lang, { style: "long", type: "conjunction" });
  return {
    lang,
    t: (key, vars) => trackingMessage(lang, key, vars),
    text: (value) => pickText(value, [lang, "en"]),
    date: (iso) => dates(iso.length === 10 ? `${iso}T00:00:00Z` : iso),
    num: (n) => numbers.format(n),
    list: (items) => lists.format(items),
  };
}

function label(env: Env, prefix: string, value: string): string {
  const key = `${prefix}_${value}`;
  return hasTrackingMessage(key) ? env.t(key) : value.replaceAll("_", " ");
}

function StatusChip({ env, status }: { env: Env; status: StatusKey }) {
  return <span className={`status status--${status}`}>{label(env, "status", status)}</span>;
}

function Assessment({
  env,
  who,
  value,
}: {
  env: Env;
  who: "coalition" | "government";
  value: PublicImplementation | null;
}) {
  return (
    <div className={`assessment assessment--${who}`}>
      <h4>{env.t(who)}</h4>
      {value ? (
        <>
          <p>
            <StatusChip env={env} status={value.status} />{" "}
            <span className="muted">{env.date(value.assessedOn)}</span>
          </p>
          {value.evidenceText && (
            <p>
              <strong>{env.t("evidence")}: </strong>
              <span dir="auto">{value.evidenceText}</span>
            </p>
          )}
          {value.evidenceUrls.length > 0 && (
            <ul className="plain">
              {value.evidenceUrls.map((u) => (
                <li key={u}>
                  <a href={u} rel="nofollow noopener noreferrer">
                    {u}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {value.responsibleInstitutions.length > 0 && (
            <p>
              <strong>{env.t("responsible")}: </strong>
              <span dir="auto">{env.list(value.responsibleInstitutions)}</span>
            </p>
          )}
          {value.dueOn && (
            <p>
              <strong>{env.t("due")}: </strong>
              {env.date(value.dueOn)}
            </p>
          )}
        </>
      ) : (
        <p className="muted">{env.t("notAssessed")}</p>
      )}
    </div>
  );
}

function reference(env: Env, r: TrackedRecommendation): string {
  const mechanism = label(env, "mechanism", r.mechanism);
  return [
    mechanism,
    r.cycle ?? r.session,
    [r.documentSymbol, r.paragraph && `§ ${r.paragraph}`].filter(Boolean).join(" "),
    r.issuedOn && env.date(r.issuedOn),
  ]
    .filter(Boolean)
    .join(" · ");
}

function Recommendation({ env, r }: { env: Env; r: TrackedRecommendation }) {
  const [text, textLang] = env.text(r.text);
  return (
    <li className="card recommendation">
      <p className="recommendation__ref muted">{reference(env, r)}</p>
      <blockquote lang={textLang} dir={directionOf(textLang)}>
        {text}
      </blockquote>
      <dl className="facts">
        {r.position && (
          <>
            <dt>{env.t("position")}</dt>
            <dd>
              {label(env, "position", r.position)}
              {r.positionSource ? ` (${r.positionSource})` : ""}
            </dd>
          </>
        )}
        {r.recommendingStates.length > 0 && (
          <>
            <dt>{env.t("recommendedBy")}</dt>
            <dd>{env.list(r.recommendingStates)}</dd>
          </>
        )}
        {r.themes.length > 0 && (
          <>
            <dt>{env.t("themes")}</dt>
            <dd dir="auto">{env.list(r.themes)}</dd>
          </>
        )}
        {r.sdgTargets.length > 0 && (
          <>
            <dt>{env.t("sdg")}</dt>
            <dd>{env.list(r.sdgTargets)}</dd>
          </>
        )}
      </dl>
      <div className="assessments">
        <Assessment env={env} who="coalition" value={r.coalition} />
        <Assessment env={env} who="government" value={r.government} />
      </div>
      {r.timeline.length > 1 && (
        <details>
          <summary>{env.t("timeline")}</summary>
          <ol className="plain">
            {r.timeline.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML; the timeline never re-renders or reorders.
              <li key={i}>
                {env.date(step.assessedOn)}: <StatusChip env={env} status={step.status} /> (
                {env.t(step.by === "government" ? "byGovernment" : "byCoalition")})
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

function Summary({ env, snap }: { env: Env; snap: TrackingSnapshot }) {
  const counts = trackingStatusCounts(snap);
  const total = snap.recommendations.length;
  const percent = new Intl.NumberFormat(numberLocaleOf(env.lang), {
    style: "percent",
    maximumFractionDigits: 0,
  });
  return (
    <section className="block" aria-labelledby="summary">
      <h2 id="summary">{env.t("summary")}</h2>
      <div className="status-bar" aria-hidden="true">
        {counts
          .filter((c) => c.count > 0)
          .map((c) => (
            <span
              key={c.status}
              className={`status-bar__part status--${c.status}`}
              style={{ flexGrow: c.count }}
            />
          ))}
      </div>
      <DataTable caption={env.t("summaryCaption")} head={[env.t("status"), env.t("count"), env.t("share")]}>
        {counts.map((c) => (
          <tr key={c.status}>
            <th scope="row">
              <StatusChip env={env} status={c.status} />
            </th>
            <td>{env.num(c.count)}</td>
            <td>{percent.format(total ? c.count / total : 0)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Document({ env, snap, children }: { env: Env; snap: TrackingSnapshot; children: ReactNode }) {
  const [country] = env.text(snap.country.name);
  const title = env.t("title", { country });
  return (
    <html lang={env.lang} dir={directionOf(env.lang)}>
      <head>
        <HeadStart title={title} description={env.t("lead", { country })} />
        <link rel="stylesheet" href="../../../assets/portal.css" />
        <link rel="stylesheet" href={`../../assets/${TRACKING_CSS}`} />
        {TRACKING_LANGUAGES.map((l) => (
          <link key={l} rel="alternate" hrefLang={l} href={`../${l}/`} />
        ))}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {env.t("skip")}
        </a>
        <BrandHeader
          title={title}
          line={env.t("published", { version: snap.version, date: env.date(snap.publishedAt) })}
          languages={{
            label: env.t("language"),
            languages: TRACKING_LANGUAGES,
            current: env.lang,
            href: (l) => `../${l}/`,
          }}
        />
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              <a href="../tracking.json" download>
                {env.t("download")}
              </a>
            </p>
            <p className="site-footer__small">{env.t("footer")}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * The public page of a published tracking, in one language: the summary by
 * status, then every recommendation grouped by UNCRC article with the
 * coalition's assessment and the government's claim side by side.
 * All text comes from the snapshot and is rendered as text.
 */
export function renderTrackingPage(
  snap: TrackingSnapshot,
  lang: string,
  options: { superseded?: boolean } = {},
): string {
  const env = envOf(lang);
  const [country] = env.text(snap.country.name);
  const groups = groupByArticle(snap.recommendations);
  const body = (
    <Document env={env} snap={snap}>
      <Hero title={env.t("title", { country })} lead={env.t("lead", { country })}>
        <p className="hero__about">
          {env.t("total", { count: snap.recommendations.length })} · {env.t("notes")}:{" "}
          <span dir="auto">{snap.notes}</span>
        </p>
        {options.superseded && (
          <p className="notice" role="note">
            {env.t("superseded")}
          </p>
        )}
      </Hero>
      <Summary env={env} snap={snap} />
      <section className="block" aria-labelledby="articles">
        <h2 id="articles">{env.t("byArticle")}</h2>
        {groups.map((g) => (
          <details key={g.article ?? "none"} className="article-group" open={groups.length <= 12}>
            <summary>
              <h3>{g.article === null ? env.t("noArticle") : env.t("article", { article: g.article })}</h3>{" "}
              <span className="muted">{env.t("total", { count: g.recommendations.length })}</span>
            </summary>
            <ol className="recommendations plain">
              {g.recommendations.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML; the list never re-renders or reorders.
                <Recommendation key={i} env={env} r={r} />
              ))}
            </ol>
          </details>
        ))}
      </section>
    </Document>
  );
  return `<!doctype html>${renderToStaticMarkup(body)}`;
}
