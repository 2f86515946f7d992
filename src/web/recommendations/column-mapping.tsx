import { useId } from "react";
import {
  IMPORT_FIELDS,
  type ImportPreview,
  type MappingOut,
} from "../../server/api-schemas/recommendations.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { ScrollRegion } from "./scroll-region.tsx";

/** The label of an import field (`text.fr` → "Text (French)"). */
function fieldLabel(t: ReturnType<typeof useLanguage>["t"], field: string): string {
  return t(`rcImportField_${field.replace(".", "_")}` as MessageKey);
}

/**
 * The column-mapping step: for every column of the file, its first value and the field it fills
 * (or left out); a saved mapping can be loaded, and this one saved by name.
 */
export function ColumnMapping({
  preview,
  mapping,
  onChange,
  saved,
  onLoad,
}: {
  preview: ImportPreview;
  mapping: Record<string, string>;
  onChange: (mapping: Record<string, string>) => void;
  saved: MappingOut[];
  onLoad: (name: string) => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  return (
    <section className="section rc-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("rcMappingTitle")}</h2>
      <p className="rv-hint">
        {t("rcMappingLead", { file: preview.fileName, count: preview.rowCount, encoding: preview.encoding })}
      </p>
      {saved.length > 0 && (
        <div className="rv-field rc-narrow">
          <label htmlFor={`${id}-load`}>{t("rcLoadMapping")}</label>
          <select id={`${id}-load`} value="" onChange={(e) => e.target.value && onLoad(e.target.value)}>
            <option value="">{t("rcNoMapping")}</option>
            {saved.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ScrollRegion label={t("rcMappingTitle")}>
        <table className="data-table rc-mapping">
          <caption className="visually-hidden">{t("rcMappingTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("rcColumn")}</th>
              <th scope="col">{t("rcFirstValue")}</th>
              <th scope="col">{t("rcMapsTo")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column, i) => (
              <tr key={column}>
                <th scope="row" dir="auto">
                  {column}
                </th>
                <td className="rv-text rc-sample" dir="auto">
                  {preview.sample[0]?.[column] ?? ""}
                </td>
                <td>
                  <select
                    id={`${id}-col-${i}`}
                    aria-label={`${t("rcMapsTo")}: ${column}`}
                    value={mapping[column] ?? ""}
                    onChange={(e) => onChange({ ...mapping, [column]: e.target.value })}
                  >
                    <option value="">{t("rcIgnore")}</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {fieldLabel(t, f)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
