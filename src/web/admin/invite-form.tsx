import { type FormEvent, useMemo, useState } from "react";
import { z } from "zod";
import type { PlaceScopeType, Role } from "../../core/index.ts";
import { noErrors, sortServerErrors } from "../account/field-errors.ts";
import { describedBy, FieldError, FormField, FormMessage } from "../account/form-field.tsx";
import type { Country, FrameworkSummary } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { grantableCodes, grantableRoles, grantableScopes } from "./grantable.ts";
import { SectionPicker } from "./section-picker.tsx";

const FIELDS = ["email", "grant.role", "grant.scopeCode", "grant.sections", "grant"] as const;
const sent = z.object({ ok: z.literal(true) });

/** E-mail, role and scope, and for contributors the sections; only what the inviter may give is offered. */
export function InviteForm({
  countries,
  frameworks,
}: {
  countries: Country[];
  frameworks: FrameworkSummary[];
}) {
  const { t, pick, lang } = useLanguage();
  const { user } = useSession();
  const actor = { userId: user?.id ?? "", isAdmin: user?.isAdmin ?? false, grants: user?.grants ?? [] };
  const regionOf = useMemo(() => new Map(countries.map((c) => [c.code, c.regionCode])), [countries]);
  const names = useMemo(
    () => new Map(countries.map((c) => [c.code, pick(c.name) || c.code])),
    [countries, pick],
  );
  const scopes = grantableScopes(actor, regionOf);
  const [email, setEmail] = useState("");
  const [scopeType, setScopeType] = useState<PlaceScopeType>(scopes[0] ?? "country");
  const [scopeCode, setScopeCode] = useState("");
  const roles = grantableRoles(actor, scopeType, scopeCode, regionOf);
  const [role, setRole] = useState<Role | "">("");
  const [frameworkId, setFrameworkId] = useState(frameworks[0]?.id ?? "");
  const [sections, setSections] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<string | null>(null);
  const chosenRole = role && roles.includes(role) ? role : "";
  const codes = scopeType === "platform" ? [] : grantableCodes(actor, scopeType, regionOf);
  if (scopeType === "country")
    codes.sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, lang));
  const f = errors.fields;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!email.trim()) local.email = t("required");
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) local.email = t("invalidEmail");
    if (!chosenRole) local["grant.role"] = t("required");
    if (scopeType !== "platform" && !scopeCode) local["grant.scopeCode"] = t("required");
    setInvited(null);
    if (Object.keys(local).length) {
      setErrors({ fields: local, general: null, status: null });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const grant = {
        role: chosenRole,
        scopeType,
        scopeCode: scopeType === "platform" ? null : scopeCode,
        sections: chosenRole === "contributor" && sections.size ? [...sections] : null,
      };
      await sendApi("POST", "/api/invitations", { email: email.trim(), grant }, sent);
      setInvited(email.trim());
      setEmail("");
    } catch (failure) {
      setErrors(sortServerErrors(failure, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const hasFieldErrors = Object.keys(f).length > 0;
  return (
    <form className="card form form--wide" onSubmit={onSubmit} noValidate>
      {invited && <FormMessage kind="ok">{t("invitationSent", { email: invited })}</FormMessage>}
      {(errors.general || hasFieldErrors) && (
        <FormMessage kind="error">{errors.general ?? t("fixFields")}</FormMessage>
      )}
      <FormField
        id="invite-email"
        label={t("email")}
        type="email"
        autoComplete="off"
        required
        value={email}
        error={f.email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <div className="form__row">
        <div className="form-field">
          <label htmlFor="invite-scope-type">{t("scope")}</label>
          <select
            id="invite-scope-type"
            value={scopeType}
            onChange={(e) => {
              setScopeType(e.target.value as PlaceScopeType);
              setScopeCode("");
            }}
          >
            {scopes.map((s) => (
              <option key={s} value={s}>
                {t(`scope_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {scopeType !== "platform" && (
          <div className={`form-field${f["grant.scopeCode"] ? " form-field--invalid" : ""}`}>
            <label htmlFor="invite-scope-code">{scopeType === "country" ? t("country") : t("region")}</label>
            <select
              id="invite-scope-code"
              value={scopeCode}
              aria-describedby={describedBy("invite-scope-code", undefined, f["grant.scopeCode"])}
              aria-invalid={f["grant.scopeCode"] ? true : undefined}
              onChange={(e) => setScopeCode(e.target.value)}
            >
              <option value="">{t("chooseOne")}</option>
              {codes.map((code) => (
                <option key={code} value={code}>
                  {scopeType === "country" ? `${names.get(code)} (${code})` : code}
                </option>
              ))}
            </select>
            <FieldError id="invite-scope-code-error" message={f["grant.scopeCode"]} />
          </div>
        )}
        <div className={`form-field${f["grant.role"] ? " form-field--invalid" : ""}`}>
          <label htmlFor="invite-role">{t("role")}</label>
          <select
            id="invite-role"
            value={chosenRole}
            aria-describedby={describedBy("invite-role", undefined, f["grant.role"] ?? f.grant)}
            aria-invalid={f["grant.role"] ? true : undefined}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            <option value="">{t("chooseOne")}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldError
            id="invite-role-error"
            message={f["grant.role"] ?? f.grant ?? (roles.length ? undefined : t("noRoleAllowed"))}
          />
        </div>
      </div>
      {chosenRole === "contributor" && (
        <SectionPicker
          frameworks={frameworks}
          frameworkId={frameworkId}
          onFramework={(id) => {
            setFrameworkId(id);
            setSections(new Set());
          }}
          selected={sections}
          onChange={setSections}
          error={f["grant.sections"]}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("working") : t("sendInvitation")}
        </button>
      </div>
    </form>
  );
}
