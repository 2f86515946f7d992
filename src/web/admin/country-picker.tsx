import { useId, useState } from "react";
import { FieldError } from "../account/form-field.tsx";
import type { Country } from "../api/endpoints.ts";
import { useLanguage } from "../i18n/language.tsx";

/**
 * Many countries chosen from a long list: a filter box narrows the ticks
 * shown, and the chosen ones stay chosen while filtered out.
 */
export function CountryPicker({
  countries,
  selected,
  onChange,
  error,
}: {
  countries: Country[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  error?: string;
}) {
  const { t, pick, lang } = useLanguage();
  const id = useId();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLocaleLowerCase(lang);
  const named = countries
    .map((c) => ({ code: c.code, name: pick(c.name) || c.code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const shown = needle
    ? named.filter((c) => c.name.toLocaleLowerCase(lang).includes(needle) || c.code.toLowerCase() === needle)
    : named;

  function toggle(code: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    onChange(next);
  }

  return (
    <fieldset
      className={`form-field country-picker${error ? " form-field--invalid" : ""}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t("countries")}</legend>
      <div className="country-picker__tools">
        <label htmlFor={`${id}-filter`}>{t("filterCountries")}</label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button
          type="button"
          className="button button--small"
          onClick={() => onChange(new Set([...selected, ...shown.map((c) => c.code)]))}
        >
          {t("selectShown")}
        </button>
        <button type="button" className="button button--small" onClick={() => onChange(new Set())}>
          {t("clearSelection")}
        </button>
      </div>
      <p className="country-picker__count" aria-live="polite">
        {t("selectedCount", { count: selected.size })}
      </p>
      {selected.size > 0 && (
        <ul className="chosen-list">
          {named
            .filter((c) => selected.has(c.code))
            .map((c) => (
              <li key={c.code}>
                <button
                  type="button"
                  className="chosen-list__item"
                  aria-label={t("removeCountry", { name: c.name })}
                  onClick={() => toggle(c.code, false)}
                >
                  {c.name} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
        </ul>
      )}
      <ul className="country-picker__list">
        {shown.map((c) => (
          <li key={c.code}>
            <label>
              <input
                type="checkbox"
                value={c.code}
                checked={selected.has(c.code)}
                onChange={(e) => toggle(c.code, e.target.checked)}
              />
              <span>{c.name}</span> <span className="country-picker__code">{c.code}</span>
            </label>
          </li>
        ))}
      </ul>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
