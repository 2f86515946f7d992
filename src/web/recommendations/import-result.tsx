import type { ImportSummaryOut } from "../../server/api-schemas/recommendations.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

/** What an import did: counts, duplicates merged (with their lines). */
export function ImportResult({ summary }: { summary: ImportSummaryOut }) {
  const { t } = useLanguage();
  const facts: [string, number][] = [
    [t("rcRowsRead"), summary.rowsRead],
    [t("rcAdded"), summary.added],
    [t("rcDuplicatesInFile"), summary.duplicatesInFile],
    [t("rcAlreadyStored"), summary.alreadyStored],
    [t("rcMerged"), summary.merged],
  ];
  return (
    <section className="section rc-panel" aria-labelledby="rc-import-done">
      <h2 id="rc-import-done">{t("rcImportDone", { file: summary.fileName })}</h2>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {summary.duplicates.length > 0 && (
        <ul className="rc-lines">
          {summary.duplicates.map((d) => (
            <li key={d.line}>
              {d.sameAsLine === null
                ? t("rcDuplicateStored", { line: d.line })
                : t("rcDuplicateLine", { line: d.line, same: d.sameAsLine })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={paths.recommendations()}>{t("rcSeeImported")}</Link>
      </p>
    </section>
  );
}

/**
 * Why nothing was imported: the message, then the problems grouped by kind ("412 rows: unknown
 * position — lines 3, 8, 19 …"), each group followed by its first messages in full (indented by
 * the server with two spaces).
 */
export function ImportFailure({ error, details }: { error: string; details: string[] }) {
  const { t } = useLanguage();
  return (
    <section className="rv-notice rv-notice--error rc-failure" aria-labelledby="rc-import-failed">
      <h2 id="rc-import-failed">{t("rcImportFailed")}</h2>
      <p className="rv-text">{error}</p>
      {details.length > 0 && (
        <ul className="rc-lines">
          {details.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder.
            <li key={i} className={d.startsWith("  ") ? "rv-text rc-lines__example" : "rv-text"} dir="auto">
              {d.trim()}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
