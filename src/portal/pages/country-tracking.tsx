import {
  IMPLEMENTATION_STATUSES,
  type PortalTracking,
  type StatusKey,
  type TrackingSeriesPoint,
} from "../../core/index.ts";
import { ChartBody, ChartSvg } from "../charts/chart-svg.tsx";
import { Figure } from "../charts/figure.tsx";
import { CHART_WIDTHS, type ChartVariant } from "../charts/svg-text.ts";
import type { PageEnv } from "../context.ts";
import type { PortalMessageKey } from "../i18n/catalog-en.ts";
import { DataTable, Local, Section } from "../parts.tsx";
import { TRACKING_LANGUAGES } from "../tracking/tracking-page.tsx";

/*
 * The coalition's published follow-up of UN recommendations on a country's profile: the last
 * review's report card (each recommendation's status and evidence) and the implementation over
 * the published versions. Only published tracking versions reach these (ctx.trackings): the
 * working assessments never do.
 */

const STATUSES: readonly StatusKey[] = [...IMPLEMENTATION_STATUSES, "not_assessed"];

/** The published tracking of a country, if its coalition published one. */
export function trackingOf(env: PageEnv, country: string): PortalTracking | undefined {
  return (env.ctx.trackings ?? []).find((t) => t.country === country);
}

/** The path of a country's implementation series (CSV) under the release root. */
export function trackingSeriesPath(country: string): string {
  return `downloads/tracking/${country.toLowerCase()}.implementation.csv`;
}

const statusLabel = (env: PageEnv, status: StatusKey) =>
  env.t(`followUpStatus_${status}` as PortalMessageKey);

function StatusPill({ env, status }: { env: PageEnv; status: StatusKey }) {
  return <span className={`fu-status fu-status--${status}`}>{statusLabel(env, status)}</span>;
}

function mechanismName(env: PageEnv, mechanism: string): string {
  return mechanism === "crc" || mechanism === "upr"
    ? env.t(`followUpMechanism_${mechanism}`)
    : mechanism.toUpperCase();
}

/** The last review's follow-up card. */
export function CountryFollowUp({ env, country }: { env: PageEnv; country: string }) {
  const tracking = trackingOf(env, country);
  const card = tracking?.card;
  if (!tracking || !card?.items.length) return null;
  const total = card.items.length;
  const review = [
    mechanismName(env, card.mechanism),
    card.cycle && env.t("followUpCycle", { cycle: card.cycle }),
    card.session && env.t("followUpSession", { session: card.session }),
    card.documentSymbol,
    card.issuedOn && env.t("followUpIssued", { date: env.date(card.issuedOn) }),
  ].filter(Boolean);
  const lang = (TRACKING_LANGUAGES as readonly string[]).includes(env.lang) ? env.lang : "en";
  // The tracking's own page is served beside the live portal (/portal/tracking/…), not exported.
  const up = "../".repeat(env.path.split("/").filter(Boolean).length + 1);
  return (
    <Section
      id="follow-up"
      title={env.t("followUpTitle", { country: env.countryName(country) })}
      lead={env.t("followUpLead", { version: tracking.version, date: env.date(tracking.publishedAt) })}
    >
      <p className="fu-review">
        {review.map((part, i) => (
          <span key={part as string}>
            {i > 0 && " · "}
            {i === 0 ? <strong>{part}</strong> : <bdi>{part}</bdi>}
          </span>
        ))}
      </p>
      <p className="fu-bar" role="img" aria-label={env.t("followUpSummary")}>
        {card.counts
          .filter((c) => c.count > 0)
          .map((c) => (
            <span
              key={c.status}
              className={`fu-bar__part fu-status--${c.status}`}
              style={{ flexGrow: c.count }}
              title={`${statusLabel(env, c.status)}: ${c.count}`}
            />
          ))}
      </p>
      <ul className="fu-counts" aria-label={env.t("followUpSummary")}>
        {card.counts
          .filter((c) => c.count > 0)
          .map((c) => (
            <li key={c.status}>
              <StatusPill env={env} status={c.status} /> <bdi dir="ltr">{env.num(c.count, 0)}</bdi>{" "}
              <span className="muted">({env.pct(c.count / total, 0)})</span>
            </li>
          ))}
      </ul>
      <DataTable
        scroll
        className="fu-table"
        head={[
          env.t("followUpRecommendation"),
          env.t("followUpStatus"),
          env.t("followUpEvidence"),
          env.t("followUpGovernment"),
        ]}
      >
        {card.items.map((item) => (
          <tr key={`${item.reference}|${env.text(item.text)}`}>
            <td className="fu-cell">
              {item.reference && (
                <span className="fu-ref">
                  <bdi dir="ltr">{item.reference}</bdi>
                </span>
              )}
              <Local env={env} value={item.text} />
              {item.articles.length > 0 && (
                <span className="fu-articles muted">
                  {env.t("followUpArticles", { articles: env.list(item.articles) })}
                </span>
              )}
            </td>
            <td className="fu-cell">
              <StatusPill env={env} status={item.status} />
              {item.assessedOn && (
                <span className="fu-date muted">
                  {env.t("followUpAssessedOn", { date: env.date(item.assessedOn) })}
                </span>
              )}
            </td>
            <td className="fu-cell">
              {item.evidenceText || item.evidenceUrls.length ? (
                <>
                  {item.evidenceText && (
                    <p className="fu-evidence" dir="auto">
                      {item.evidenceText}
                    </p>
                  )}
                  {item.evidenceUrls.length > 0 && (
                    <ul className="fu-links">
                      {item.evidenceUrls.map((url) => (
                        <li key={url}>
                          <a href={url} rel="noopener" dir="ltr">
                            {url.replace(/^https?:\/\//, "")}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                <span className="muted">{env.t("followUpNoEvidence")}</span>
              )}
            </td>
            <td className="fu-cell">
              {item.government ? <StatusPill env={env} status={item.government} /> : "–"}
            </td>
          </tr>
        ))}
      </DataTable>
      {env.ctx.mode === "live" && (
        <p>
          <a href={`${up}tracking/${encodeURIComponent(tracking.slug)}/${lang}/`}>
            {env.t("followUpFullTracking")}
          </a>
        </p>
      )}
    </Section>
  );
}

const HEIGHT = 220;
const TOP = 14;
const BOTTOM = 34;
const SIDE = 12;

/** Stacked columns, one per published version, in the reading direction. */
function SeriesSvg({
  env,
  series,
  variant,
  title,
  desc,
}: {
  env: PageEnv;
  series: readonly TrackingSeriesPoint[];
  variant: ChartVariant;
  title: string;
  desc: string;
}) {
  const width = CHART_WIDTHS[variant];
  const shown = series.slice(variant === "narrow" ? -5 : -10);
  const step = (width - 2 * SIDE) / Math.max(1, shown.length);
  const bar = Math.min(56, step * 0.6);
  const plot = HEIGHT - TOP - BOTTOM;
  const max = Math.max(1, ...shown.map((p) => p.total));
  return (
    <ChartSvg id="tracking-series-svg" variant={variant} height={HEIGHT} title={title} desc={desc}>
      <line className="budget-axis" x1={SIDE} x2={width - SIDE} y1={TOP + plot} y2={TOP + plot} />
      {shown.map((p, i) => {
        const slot = env.dir === "rtl" ? width - SIDE - (i + 1) * step : SIDE + i * step;
        const x = slot + (step - bar) / 2;
        let y = TOP + plot;
        return (
          <g key={p.slug}>
            {STATUSES.map((status) => {
              const h = (p.counts[status] / max) * plot;
              if (h <= 0) return null;
              y -= h;
              return (
                <rect key={status} className={`fu-fill--${status}`} x={x} y={y} width={bar} height={h} />
              );
            })}
            <text className="budget-tick" x={slot + step / 2} y={HEIGHT - 16} textAnchor="middle">
              {`v${p.version}`}
            </text>
            <text className="budget-tick" x={slot + step / 2} y={HEIGHT - 2} textAnchor="middle">
              {p.publishedAt.slice(0, 7)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** The implementation series over the published versions, with its table and CSV. */
export function CountryTrackingSeries({ env, country }: { env: PageEnv; country: string }) {
  const tracking = trackingOf(env, country);
  if (!tracking?.series.length) return null;
  const { series } = tracking;
  const name = env.countryName(country);
  const used = STATUSES.filter((s) => series.some((p) => p.counts[s] > 0));
  const title = env.t("seriesTitle", { country: name });
  const desc = env.t("seriesChartDesc", {
    country: name,
    summary: series
      .map(
        (p) =>
          `${env.t("seriesVersion", { version: p.version })}: ${used
            .map((s) => `${statusLabel(env, s)} ${p.counts[s]}`)
            .join(", ")}`,
      )
      .join("; "),
  });
  const table = (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">{env.t("seriesColumnVersion")}</th>
          {used.map((s) => (
            <th key={s} scope="col" className="num">
              {statusLabel(env, s)}
            </th>
          ))}
          <th scope="col" className="num">
            {env.t("seriesTotal")}
          </th>
        </tr>
      </thead>
      <tbody>
        {series.map((p) => (
          <tr key={p.slug}>
            <th scope="row">
              {env.t("seriesVersion", { version: p.version })}{" "}
              <span className="muted">({env.date(p.publishedAt)})</span>
            </th>
            {used.map((s) => (
              <td key={s} className="num">
                {env.num(p.counts[s], 0)}
              </td>
            ))}
            <td className="num">{env.num(p.total, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Section id="implementation-over-time" title={title} lead={env.t("seriesLead")}>
      <Figure
        env={env}
        id="tracking-series"
        title={title}
        legend={
          <ul className="legend">
            {used.map((s) => (
              <li key={s}>
                <span className={`swatch fu-fill--${s}`} aria-hidden="true" />
                {statusLabel(env, s)}
              </li>
            ))}
          </ul>
        }
        table={table}
      >
        <ChartBody
          draw={(variant) => (
            <SeriesSvg key={variant} env={env} series={series} variant={variant} title={title} desc={desc} />
          )}
        />
      </Figure>
      <p>
        <a href={env.href(trackingSeriesPath(country))} download>
          {env.t("seriesCsv")}
        </a>
      </p>
    </Section>
  );
}
