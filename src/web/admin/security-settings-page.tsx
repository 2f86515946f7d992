import { type FormEvent, useEffect, useState } from "react";
import { ROLES, type Role } from "../../core/index.ts";
import { securitySettings } from "../../server/api-schemas/two-factor.ts";
import { FormMessage } from "../account/form-field.tsx";
import { useFormAction } from "../account/use-form-action.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { AdminGate } from "./admin-gate.tsx";
import "../account/security.css";

/** Administrators choose the roles that must sign in with a second factor. */
export function SecuritySettingsPage() {
  const { t } = useLanguage();
  return (
    <div className="narrow-page">
      <PageTitle text={t("secTitle")}>{t("secTitle")}</PageTitle>
      <p className="lead">{t("secLead")}</p>
      <AdminGate action="security:manage">{() => <RequiredRolesForm />}</AdminGate>
    </div>
  );
}

function RequiredRolesForm() {
  const { t } = useLanguage();
  const settings = useApi("/api/admin/security-settings", securitySettings);
  const [chosen, setChosen] = useState<Set<Role> | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, errors, run } = useFormAction(["twoFactorRequiredRoles"]);
  const loaded = settings.status === "ok" ? settings.data.twoFactorRequiredRoles : null;
  useEffect(() => {
    if (loaded) setChosen(new Set(loaded));
  }, [loaded]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    await run(async () => {
      const body = { twoFactorRequiredRoles: ROLES.filter((r) => chosen?.has(r)) };
      await sendApi("PUT", "/api/admin/security-settings", body, securitySettings);
      setSaved(true);
    });
  }

  return (
    <Loaded states={[settings]}>
      {(_current) => (
        <form className="card form" onSubmit={onSubmit} noValidate>
          {saved && <FormMessage kind="ok">{t("secSaved")}</FormMessage>}
          {(errors.general || errors.fields.twoFactorRequiredRoles) && (
            <FormMessage kind="error">{errors.general ?? errors.fields.twoFactorRequiredRoles}</FormMessage>
          )}
          <fieldset className="role-choices">
            <legend>{t("secRoles")}</legend>
            {ROLES.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  checked={chosen?.has(role) ?? false}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(role);
                    else next.delete(role);
                    setChosen(next);
                    setSaved(false);
                  }}
                />
                {t(`role_${role}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy || !chosen}>
              {busy ? t("working") : t("secSave")}
            </button>
          </div>
        </form>
      )}
    </Loaded>
  );
}
