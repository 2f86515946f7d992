import type { EvidenceOut } from "../../server/api-schemas/evidence.ts";
import { useLanguage } from "../i18n/language.tsx";
import { formatDateTime, formatSize } from "./format.ts";
import { KindIcon } from "./kind-icon.tsx";

/** The sources of one answer; every text from the server is rendered as text. */
export function EvidenceList({
  items,
  onRemove,
}: {
  items: EvidenceOut[];
  onRemove?: (item: EvidenceOut) => void;
}) {
  const { t, lang } = useLanguage();
  if (items.length === 0) return <p className="muted">{t("rvEvidenceNone")}</p>;
  return (
    <ul className="rv-evidence">
      {items.map((item) => (
        <li key={item.id} className="rv-evidence__item">
          <span className="rv-evidence__icon" aria-hidden="true">
            <KindIcon kind={item.kind} />
          </span>
          <div className="rv-evidence__body">
            <p className="rv-evidence__kind">{t(`rvKind_${item.kind}`)}</p>
            {item.citation && (
              <p className="rv-text">
                <bdi>{item.citation}</bdi>
              </p>
            )}
            {item.url && (
              <p>
                <a href={item.url} target="_blank" rel="noopener noreferrer" className="rv-break">
                  {item.url}
                </a>
              </p>
            )}
            {item.legalReference && (
              <p className="rv-text">
                <bdi>{item.legalReference}</bdi>
              </p>
            )}
            {item.file && (
              <p>
                <a
                  href={`/api/evidence/${item.id}/file`}
                  download
                  className="rv-break"
                  title={t("rvDownload", { name: item.file.name })}
                >
                  <bdi>{item.file.name}</bdi>
                </a>{" "}
                <bdi className="muted">({formatSize(item.file.size, lang)})</bdi>
              </p>
            )}
            <p className="rv-meta">
              {item.sourceDate && (
                <>
                  {t("rvSourceDate")}: {item.sourceDate} ·{" "}
                </>
              )}
              {item.createdBy
                ? t("rvAddedBy", { name: item.createdBy, date: formatDateTime(item.createdAt, lang) })
                : t("rvAddedOn", { date: formatDateTime(item.createdAt, lang) })}
            </p>
          </div>
          {onRemove && (
            <button type="button" className="button button--small" onClick={() => onRemove(item)}>
              {t("rvRemove")}
              <span className="visually-hidden">
                : {item.file?.name ?? item.citation ?? item.url ?? item.legalReference}
              </span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
