import { type FormEvent, useState } from "react";
import { cycleDetail } from "../../server/api-schemas/cycles.ts";
import { noErrors, sortServerErrors } from "../account/field-errors.ts";
import { describedBy, FieldError, FormField, FormMessage } from "../account/form-field.tsx";
import type { Country, FrameworkSummary } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { checkCycleForm } from "./check-cycle-form.ts";
import { CountryPicker } from "./country-picker.tsx";

const FIELDS = ["frameworkVersionId", "period", "name", "countries", "opensOn", "closesOn"] as const;

/** The form; the server's refusals are shown next to the field they name. */
export function NewCycleForm({
  frameworks,
  countries,
}: {
  frameworks: FrameworkSummary[];
  countries: Country[];
}) {
  const { t, pick } = useLanguage();
  const [versionId, setVersionId] = useState(frameworks[0]?.id ?? "");
  const [period, setPeriod] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [nameFr, setNameFr] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [opensOn, setOpensOn] = useState("");
  const [closesOn, setClosesOn] = useState("");
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<{ name: string; count: number } | null>(null);
  const fields = errors.fields;
  /** A field being corrected loses its old message. */
  const edited = (name: (typeof FIELDS)[number]) =>
    fields[name] && setErrors({ ...errors, fields: { ...fields, [name]: "" } });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOpened(null);
    const local = checkCycleForm({ period, nameEn, nameFr, count: chosen.size, opensOn, closesOn });
    if (Object.keys(local).length) {
      setErrors({
        fields: Object.fromEntries(Object.entries(local).map(([k, v]) => [k, t(v)])),
        general: null,
        status: null,
      });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    const name: Record<string, string> = {};
    if (nameEn.trim()) name.en = nameEn.trim();
    if (nameFr.trim()) name.fr = nameFr.trim();
    try {
      const created = await sendApi(
        "POST",
        "/api/cycles",
        {
          frameworkVersionId: versionId,
          period: period.trim(),
          name,
          countries: [...chosen].sort(),
          opensOn: opensOn || undefined,
          closesOn: closesOn || undefined,
        },
        cycleDetail,
      );
      setOpened({ name: pick(created.name) || created.period, count: created.assessments.length });
    } catch (failure) {
      setErrors(sortServerErrors(failure, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const hasFieldErrors = Object.values(fields).some(Boolean);
  return (
    <form className="card form form--wide" onSubmit={onSubmit} noValidate>
      {opened && (
        <FormMessage kind="ok">
          {t("cycleOpened", opened)} <Link to={paths.work()}>{t("myWork")}</Link>
        </FormMessage>
      )}
      {(errors.general || hasFieldErrors) && (
        <FormMessage kind="error">{errors.general ?? t("fixFields")}</FormMessage>
      )}
      <div className={`form-field${fields.frameworkVersionId ? " form-field--invalid" : ""}`}>
        <label htmlFor="cycle-framework">{t("frameworkVersion")}</label>
        <select
          id="cycle-framework"
          value={versionId}
          aria-describedby={describedBy("cycle-framework", undefined, fields.frameworkVersionId)}
          onChange={(e) => setVersionId(e.target.value)}
        >
          {frameworks.map((f) => (
            <option key={f.id} value={f.id}>
              {pick(f.title, f.defaultLanguage)} — {f.version}
            </option>
          ))}
        </select>
        <FieldError id="cycle-framework-error" message={fields.frameworkVersionId} />
      </div>
      <FormField
        id="cycle-period"
        label={t("period")}
        hint={t("periodHint")}
        required
        value={period}
        error={fields.period}
        onChange={(e) => {
          setPeriod(e.target.value);
          edited("period");
        }}
      />
      <div className="form__row">
        <FormField
          id="cycle-name-en"
          label={t("nameEn")}
          lang="en"
          value={nameEn}
          error={fields.name}
          onChange={(e) => {
            setNameEn(e.target.value);
            edited("name");
          }}
        />
        <FormField
          id="cycle-name-fr"
          label={t("nameFr")}
          lang="fr"
          value={nameFr}
          onChange={(e) => {
            setNameFr(e.target.value);
            edited("name");
          }}
        />
      </div>
      <CountryPicker
        countries={countries}
        selected={chosen}
        onChange={(next) => {
          setChosen(next);
          edited("countries");
        }}
        error={fields.countries}
      />
      <div className="form__row">
        <FormField
          id="cycle-opens"
          label={t("opensOn")}
          type="date"
          value={opensOn}
          error={fields.opensOn}
          onChange={(e) => {
            setOpensOn(e.target.value);
            edited("opensOn");
          }}
        />
        <FormField
          id="cycle-closes"
          label={t("closesOn")}
          type="date"
          value={closesOn}
          error={fields.closesOn}
          onChange={(e) => {
            setClosesOn(e.target.value);
            edited("closesOn");
          }}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("working") : t("openCycle")}
        </button>
      </div>
    </form>
  );
}
