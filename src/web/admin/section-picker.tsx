import { FieldError } from "../account/form-field.tsx";
import { api, type FrameworkSummary, frameworkDetail } from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";

/** Ticks for the top sections of a framework, the parts a contributor may be limited to. */
export function SectionPicker({
  frameworks,
  frameworkId,
  onFramework,
  selected,
  onChange,
  error,
}: {
  frameworks: FrameworkSummary[];
  frameworkId: string;
  onFramework: (id: string) => void;
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  error?: string;
}) {
  const { t, pick } = useLanguage();
  const detail = useApi(frameworkId ? api.framework(frameworkId) : null, frameworkDetail);
  return (
    <fieldset className={`form-field${error ? " form-field--invalid" : ""}`}>
      <legend>{t("sections")}</legend>
      <p className="form-field__hint" id="invite-sections-hint">
        {t("sectionsHint")}
      </p>
      <div className="form-field">
        <label htmlFor="invite-framework">{t("framework")}</label>
        <select id="invite-framework" value={frameworkId} onChange={(e) => onFramework(e.target.value)}>
          {frameworks.map((f) => (
            <option key={f.id} value={f.id}>
              {pick(f.title, f.defaultLanguage)} — {f.version}
            </option>
          ))}
        </select>
      </div>
      <Loaded states={[detail]}>
        {(fw) => {
          const roots = new Set(fw.nodes.filter((n) => n.parent === null).map((n) => n.code));
          const sections = fw.nodes.filter((n) => n.parent !== null && roots.has(n.parent));
          return (
            <ul className="check-list">
              {sections.map((node) => (
                <li key={node.code}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.has(node.code)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(node.code);
                        else next.delete(node.code);
                        onChange(next);
                      }}
                    />
                    <span>{pick(node.label, fw.defaultLanguage)}</span>{" "}
                    <span className="country-picker__code">{node.code}</span>
                  </label>
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
      <FieldError id="invite-sections-error" message={error} />
    </fieldset>
  );
}
