import { useState } from "react";
import type { Classification } from "../../core/index.ts";
import { useLanguage } from "../i18n/language.tsx";

/** Which classification a page groups scores by: `dimension` when the framework has one, else the first. */
export function useClassificationChoice(classifications: Classification[]) {
  const [code, setCode] = useState(
    classifications.find((c) => c.code === "dimension")?.code ?? classifications[0]?.code,
  );
  return { chosen: classifications.find((c) => c.code === code), setCode };
}

/** A select to switch between classifications; nothing when there is only one. */
export function ClassificationPicker({
  classifications,
  value,
  onChange,
  fallbackLanguage,
}: {
  classifications: Classification[];
  value: string;
  onChange: (code: string) => void;
  fallbackLanguage: string;
}) {
  const { t, pick } = useLanguage();
  if (classifications.length < 2) return null;
  return (
    <div className="field field--inline">
      <label htmlFor="classification">{t("group")}</label>
      <select id="classification" value={value} onChange={(e) => onChange(e.target.value)}>
        {classifications.map((c) => (
          <option key={c.code} value={c.code}>
            {pick(c.label, fallbackLanguage)}
          </option>
        ))}
      </select>
    </div>
  );
}
