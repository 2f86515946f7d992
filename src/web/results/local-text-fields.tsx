import { useLanguage } from "../i18n/language.tsx";
import { directionOf, languageName } from "../i18n/messages.ts";

type Text = Record<string, string>;

/** The languages a plan's texts are edited in: the plan's own, and the interface's. */
export function editLanguages(planLangs: readonly string[], uiLang: string): string[] {
  return [...new Set([...planLangs, uiLang])];
}

/** A text in several languages from a form's fields `{name}.{lang}`; empty languages left out. */
export function readLocalText(form: FormData, name: string, langs: readonly string[]): Text {
  const text: Text = {};
  for (const lang of langs) {
    const value = String(form.get(`${name}.${lang}`) ?? "").trim();
    if (value) text[lang] = value;
  }
  return text;
}

/**
 * One field per language, side by side in a fieldset (as the consultation designer does): each
 * input carries its language and direction, so Arabic is written right to left in a French page.
 * At least one language must be filled (the server says so otherwise).
 */
export function LocalTextFields({
  name,
  label,
  langs,
  value,
  multiline = false,
  maxLength = 2000,
}: {
  name: string;
  label: string;
  langs: readonly string[];
  value?: Text | null;
  multiline?: boolean;
  maxLength?: number;
}) {
  const { t } = useLanguage();
  return (
    <fieldset className="rs-local">
      <legend>{label}</legend>
      {langs.map((l) => {
        const field = {
          name: `${name}.${l}`,
          lang: l,
          dir: directionOf(l),
          "aria-label": t("rsTextIn", { label, language: languageName(l) }),
          defaultValue: value?.[l] ?? "",
          maxLength,
        };
        return (
          <div key={l} className="rs-local__row">
            <span className="rs-local__lang" aria-hidden="true" lang={l}>
              {languageName(l)}
            </span>
            {multiline ? <textarea rows={2} {...field} /> : <input {...field} />}
          </div>
        );
      })}
    </fieldset>
  );
}
