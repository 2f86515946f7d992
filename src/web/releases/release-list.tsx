import type { ReleaseSummaryOut } from "../../server/api-schemas/releases.ts";
import { useLanguage } from "../i18n/language.tsx";
import { directionOf } from "../i18n/messages.ts";
import { formatDateTime } from "../review/format.ts";

/** The live portal address of a release (its root redirects to the default language). */
export function portalUrl(slug: string): string {
  return `/portal/${encodeURIComponent(slug)}/`;
}

/**
 * A slug or date inside a right-to-left sentence, isolated (LRI…PDI) so its Latin letters, digits
 * and hyphens keep their order and do not pull the punctuation around them out of place.
 */
export function isolate(text: string, lang: string): string {
  return directionOf(lang) === "rtl" ? `\u2066${text}\u2069` : text;
}

/** Every published release, newest first, each with its portal link and what superseded it. */
export function ReleaseList({ releases }: { releases: ReleaseSummaryOut[] }) {
  const { t, lang } = useLanguage();
  return (
    <section className="section" aria-labelledby="pb-releases">
      <div className="section__header">
        <h2 id="pb-releases">{t("pbReleasesTitle")}</h2>
        <a href="/portal/">{t("pbPortalHome")}</a>
      </div>
      {releases.length === 0 ? (
        <p className="empty-note">{t("pbNoReleases")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table pb-releases">
            <caption>{t("pbReleasesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pbColRelease")}</th>
                <th scope="col">{t("pbColPeriod")}</th>
                <th scope="col" className="num">
                  {t("pbColVersion")}
                </th>
                <th scope="col">{t("pbColPublished")}</th>
                <th scope="col">{t("pbColNotes")}</th>
                <th scope="col">{t("pbColState")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("pbOpenOnPortal")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {releases.map((r) => (
                <tr key={r.slug}>
                  <th scope="row">
                    <span dir="ltr" className="pb-slug">
                      {r.slug}
                    </span>
                    {r.isDemo && <span className="tag tag--demo">{t("pbDemo")}</span>}
                  </th>
                  <td>{r.period}</td>
                  <td className="num">{r.version}</td>
                  <td className="pb-nowrap">
                    <time dateTime={r.publishedAt}>{formatDateTime(r.publishedAt, lang)}</time>
                  </td>
                  <td className="pb-notes" dir="auto">
                    {r.notes}
                  </td>
                  <td>
                    {r.supersededBy ? (
                      <span className="muted">
                        {t("pbSupersededBy")}{" "}
                        <a href={portalUrl(r.supersededBy)} dir="ltr" className="pb-slug">
                          {r.supersededBy}
                        </a>
                      </span>
                    ) : (
                      <span className="status-chip status-chip--validated">{t("pbCurrent")}</span>
                    )}
                  </td>
                  <td className="pb-nowrap">
                    <a className="button button--small" href={portalUrl(r.slug)}>
                      {t("pbOpenOnPortal")}
                      <span className="visually-hidden">: {r.slug}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
