import { useId } from "react";
import type { SearchResultOut } from "../../server/api-schemas/recommendations.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { facetLabel } from "./labels.ts";

/** Filters answered by a facet (a select listing the values found, with their counts). */
const FACETED: [string, keyof SearchResultOut["facets"]][] = [
  ["state", "state"],
  ["mechanism", "mechanism"],
  ["session", "session"],
  ["position", "position"],
  ["theme", "theme"],
  ["coalitionStatus", "status"],
  ["institution", "institution"],
];
/** Filters typed in (no facet). */
const TYPED = ["cycle", "article", "sdg", "recommendingState", "group"] as const;
const STATUSES = ["not_started", "in_progress", "partially_implemented", "implemented", "regressed", "none"];

/** Every filter the search URL may carry, besides `q` and the page. */
export const FILTER_KEYS = [...FACETED.map(([k]) => k), ...TYPED, "governmentStatus"];

function FacetSelect({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: string;
  options: { value: string; count?: number }[];
  onChange: (value: string) => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const list = value && !options.some((o) => o.value === value) ? [{ value }, ...options] : options;
  return (
    <div className="rv-field">
      <label htmlFor={id}>{t(`rcField_${name}` as MessageKey)}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("rcAny")}</option>
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.count === undefined
              ? facetLabel(t, name, o.value)
              : t("rcFacetOption", { value: facetLabel(t, name, o.value), count: o.count })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filter form: one select per faceted field (values with counts), a box per other field. */
export function SearchFilters({
  values,
  facets,
  onChange,
  onClear,
}: {
  values: Record<string, string>;
  facets: SearchResultOut["facets"] | null;
  onChange: (key: string, value: string) => void;
  onClear: () => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  return (
    <fieldset className="rc-filters">
      <legend>{t("rcFilters")}</legend>
      {FACETED.map(([key, facet]) => (
        <FacetSelect
          key={key}
          name={key}
          value={values[key] ?? ""}
          options={facets?.[facet] ?? []}
          onChange={(v) => onChange(key, v)}
        />
      ))}
      <FacetSelect
        name="governmentStatus"
        value={values.governmentStatus ?? ""}
        options={STATUSES.map((value) => ({ value }))}
        onChange={(v) => onChange("governmentStatus", v)}
      />
      {TYPED.map((key) => (
        <div className="rv-field" key={key}>
          <label htmlFor={`${id}-${key}`}>{t(`rcField_${key}` as MessageKey)}</label>
          <input
            id={`${id}-${key}`}
            name={key}
            value={values[key] ?? ""}
            onChange={(e) => onChange(key, e.target.value)}
            dir="auto"
          />
        </div>
      ))}
      <div className="rc-filters__actions">
        <button type="submit" className="button button--primary">
          {t("rcApplyFilters")}
        </button>
        <button type="button" className="button" onClick={onClear}>
          {t("rcClearFilters")}
        </button>
      </div>
    </fieldset>
  );
}
