import { defaultReleaseNotes, type LocalText } from "../../core/index.ts";
import { dateFormatter, directionOf, translate } from "../i18n/translate.ts";
import { BrandHeader, HeadStart, Hero } from "../layout.tsx";
import { DataTable } from "../parts.tsx";
import { planMessage } from "../plans/messages.ts";
import { trackingMessage } from "../tracking/messages.ts";

/** One published release, as the live portal's front page lists it. */
export interface PortalIndexEntry {
  slug: string;
  frameworkCode: string;
  title: LocalText;
  period: string;
  version: number;
  publishedAt: string;
  notes: string;
  supersededBy: string | null;
  isDemo: boolean;
}

/** A published strategic plan (approved, public, of an organisation that publishes). */
export interface PortalIndexPlan {
  id: string;
  title: Record<string, string>;
  organisation: string;
}

/** The newest published tracking of UN recommendations of one country. */
export interface PortalIndexTracking {
  slug: string;
  countryName: LocalText;
  version: number;
  publishedAt: string;
  recommendations: number;
}

function pick(text: LocalText, lang: string): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? "";
}

/**
 * The live portal's front page (`/portal/`): every published release, newest
 * first, grouped by index, each linking to its pages in the reader's language.
 * Links are relative to `/portal/`; `?lang=` chooses the language.
 */
export function PortalIndexPage({
  releases,
  trackings = [],
  plans = [],
  lang,
  root = "",
  notFound = false,
}: {
  releases: PortalIndexEntry[];
  /** Published trackings of UN recommendations, newest version per country. */
  trackings?: PortalIndexTracking[];
  /** Published strategic plans. */
  plans?: PortalIndexPlan[];
  lang: string;
  /** Prefix of every link: "" when served at `/portal/`, "/portal/" elsewhere (a not-found answer). */
  root?: string;
  notFound?: boolean;
}) {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(lang, key, vars);
  const date = dateFormatter(lang);
  const codes = [...new Set(releases.map((r) => r.frameworkCode))];
  return (
    <html lang={lang} dir={directionOf(lang)}>
      <head>
        <HeadStart
          title={notFound ? t("notFoundTitle") : t("portalIndexTitle")}
          description={notFound ? t("notFoundBody") : t("portalIndexLead")}
        />
        <link rel="stylesheet" href={`${root}assets/portal.css`} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <BrandHeader
          title="Childmark"
          line={t("portalIndexTitle")}
          languages={{
            label: t("languageNav"),
            languages: ["en", "fr", "ar"],
            current: lang,
            href: (l) => `${root || "./"}?lang=${l}`,
          }}
        />
        <main id="main" className="wrap" tabIndex={-1}>
          {notFound && <Hero title={t("notFoundTitle")} lead={t("notFoundBody")} />}
          <Hero title={t("portalIndexTitle")} lead={t("portalIndexLead")} level={notFound ? 2 : 1} />
          {codes.length === 0 && <p>{t("noReleases")}</p>}
          {codes.map((code) => {
            const list = releases.filter((r) => r.frameworkCode === code);
            return (
              <section key={code} className="block" aria-labelledby={`fw-${code}`}>
                <h2 id={`fw-${code}`}>{pick(list[0]!.title, lang)}</h2>
                <DataTable scroll head={[t("period"), t("published"), t("notes")]}>
                  {list.map((r) => (
                    <tr key={r.slug}>
                      <th scope="row">
                        <a href={`${root}${encodeURIComponent(r.slug)}/${lang}/`}>
                          {r.period} · {t("version")} {r.version}
                        </a>
                        {r.isDemo && <span className="tag">{t("demoRibbon")}</span>}
                        {r === list[0] && <span className="tag">{t("latest")}</span>}
                      </th>
                      <td>{date(r.publishedAt)}</td>
                      <td>
                        <span dir="auto">
                          {r.notes === defaultReleaseNotes(r.period)
                            ? t("firstReleaseNotes", { period: r.period })
                            : r.notes}
                        </span>
                        {r.supersededBy && (
                          <div className="muted">
                            {t("supersededBy", {
                              version:
                                releases.find((x) => x.slug === r.supersededBy)?.version ?? r.supersededBy,
                            })}
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </section>
            );
          })}
          {trackings.length > 0 && (
            <section className="block" aria-labelledby="tracking">
              <h2 id="tracking">{trackingMessage(lang, "indexTitle")}</h2>
              <p>{trackingMessage(lang, "indexLead")}</p>
              <ul className="plain">
                {trackings.map((tr) => (
                  <li key={tr.slug}>
                    <a href={`${root}tracking/${encodeURIComponent(tr.slug)}/${lang}/`}>
                      {trackingMessage(lang, "title", { country: pick(tr.countryName, lang) })}
                    </a>{" "}
                    <span className="muted">
                      {trackingMessage(lang, "published", {
                        version: tr.version,
                        date: date(tr.publishedAt),
                      })}{" "}
                      · {trackingMessage(lang, "total", { count: tr.recommendations })}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {plans.length > 0 && (
            <section className="block" aria-labelledby="plans">
              <h2 id="plans">
                <a href={`${root}plans/?lang=${lang}`}>{planMessage(lang, "indexTitle")}</a>
              </h2>
              <p>{planMessage(lang, "indexLead")}</p>
              <ul className="plain">
                {plans.map((p) => (
                  <li key={p.id}>
                    <a href={`${root}plans/${p.id}/${lang}/`}>{pick(p.title, lang)}</a>{" "}
                    <span className="muted">{p.organisation}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p className="site-footer__small">{t("footerMadeWith")}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
