import { useId } from "react";
import {
  IMPORT_FIELDS,
  type ImportPreview,
  type MappingOut,
} from "../../server/api-schemas/recommendations.ts";
import { ScrollRegion } from "../components/scroll-region.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";

/** The label of an import field (`text.fr` → "Text (French)"). */
function fieldLabel(t: ReturnType<typeof useLanguage>["t"], field: string): string {
  return t(`rcImportField_${field.replace(".", "_")}` as MessageKey);
}

/**
 * The preview of the file: its first rows under their columns, each column headed by the field it
 * fills (matched by name, changeable when `editable`); a saved mapping can be loaded.
 */
export function ColumnMapping({
  preview,
  mapping,
  onChange,
  saved,
  onLoad,
  editable,
}: {
  preview: ImportPreview;
  mapping: Record<string, string>;
  onChange: (mapping: Record<string, string>) => void;
  saved: MappingOut[];
  onLoad: (name: string) => void;
  editable: boolean;
}) {
  const { t } = useLanguage();
  const id = useId();
  // Columns of long texts get a wide cell, so a recommendation reads as lines, not a letter per line.
  const long = new Set(
    preview.columns.filter((c) => preview.sample.some((row) => (row[c] ?? "").length > 60)),
  );
  return (
    <section className="section rc-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("rcMappingTitle")}</h2>
      <p className="rv-hint">
        {t("rcMappingLead", { file: preview.fileName, count: preview.rowCount, encoding: preview.encoding })}
      </p>
      {editable && saved.length > 0 && (
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
      <ScrollRegion label={t("rcPreviewTitle")}>
        <table className="data-table rc-mapping rc-preview">
          <caption className="visually-hidden">{t("rcPreviewTitle")}</caption>
          <thead>
            <tr>
              {preview.columns.map((column, i) => (
                <th key={column} scope="col" className={mapping[column] ? "" : "rc-left-out"}>
                  <span className="rc-column-name" dir="auto">
                    {column}
                  </span>
                  {editable ? (
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
                  ) : (
                    <span className="rc-field-name">
                      {mapping[column] ? fieldLabel(t, mapping[column]) : t("rcIgnore")}
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the sample rows are fixed and have no id.
              <tr key={r}>
                {preview.columns.map((column) => (
                  <td
                    key={column}
                    className={long.has(column) ? "rv-text rc-sample rc-sample--long" : "rv-text rc-sample"}
                    dir="auto"
                  >
                    {shorten(row[column] ?? "")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** A long cell cut to its first 160 characters: the preview shows what a column holds, not all of it. */
function shorten(value: string): string {
  return value.length > 160 ? `${value.slice(0, 160).trimEnd()}…` : value;
}
