import { type FormEvent, useEffect, useMemo, useState } from "react";
import type { Grant, PlaceScopeType, Role } from "../../core/index.ts";
import { type UserDetailOut, userDetailOut } from "../../server/api-schemas/users.ts";
import { FormMessage } from "../account/form-field.tsx";
import type { Country } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { fetchApi, useLoader } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { useGrantLabel } from "./grant-list.tsx";
import { grantableCodes, grantableRoles, grantableScopes } from "./grantable.ts";

type Message = { kind: "ok" | "error"; text: string } | null;

/** One account: facts, roles editor, sessions and deactivation, beside the users table. */
export function UserPanel({
  userId,
  countries,
  names,
  onClose,
  onChanged,
}: {
  userId: string;
  countries: Country[];
  names: ReadonlyMap<string, string>;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const detail = useLoader(userId, (signal) => fetchApi(`/api/admin/users/${userId}`, userDetailOut, signal));
  // The panel keeps showing the account (and the message of the last change) while it reloads.
  const [shown, setShown] = useState<UserDetailOut | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const latest = detail.status === "ok" ? detail.data : null;
  useEffect(() => {
    if (latest) setShown(latest);
  }, [latest]);
  const panel = (user: UserDetailOut) => (
    <UserDetail
      user={user}
      countries={countries}
      names={names}
      message={message}
      setMessage={setMessage}
      onClose={onClose}
      onChanged={() => {
        detail.reload();
        onChanged();
      }}
    />
  );
  return (
    <aside className="card um-panel" aria-labelledby="um-panel-title">
      {shown ? panel(shown) : <Loaded states={[detail]}>{panel}</Loaded>}
      {!shown && detail.status !== "ok" && (
        <button type="button" className="button button--small" onClick={onClose}>
          {t("umClose")}
        </button>
      )}
    </aside>
  );
}

function UserDetail({
  user,
  countries,
  names,
  message,
  setMessage,
  onClose,
  onChanged,
}: {
  user: UserDetailOut;
  countries: Country[];
  names: ReadonlyMap<string, string>;
  message: Message;
  setMessage: (message: Message) => void;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, lang } = useLanguage();
  const [busy, setBusy] = useState(false);
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });

  /** Sends one change; the panel and the table reload after it. */
  async function act(method: "POST" | "PUT", path: string, body: unknown, done: MessageKey) {
    setBusy(true);
    setMessage(null);
    try {
      await sendApi(method, `/api/admin/users/${user.id}${path}`, body, userDetailOut);
      setMessage({ kind: "ok", text: t(done) });
      onChanged();
    } catch (error) {
      setMessage({ kind: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="um-panel__head">
        <div>
          <h2 id="um-panel-title" className="um-panel__title" dir="auto">
            {user.name}
          </h2>
          <p className="um-email" dir="ltr">
            {user.email}
          </p>
        </div>
        <button type="button" className="button button--small" onClick={onClose}>
          {t("umClose")}
        </button>
      </div>
      {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
      <dl className="um-facts">
        <div>
          <dt>{t("status")}</dt>
          <dd>
            <span className={`tag um-status um-status--${user.status}`}>
              {t(`umStatus_${user.status}` as MessageKey)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("umLastSignIn")}</dt>
          <dd>{user.lastSignInAt ? when.format(new Date(user.lastSignInAt)) : t("umNever")}</dd>
        </div>
        <div>
          <dt>{t("umCreated")}</dt>
          <dd>{when.format(new Date(user.createdAt))}</dd>
        </div>
      </dl>
      {user.deactivatedAt && (
        <p className="um-deactivated">
          {t("umDeactivatedOn", {
            date: when.format(new Date(user.deactivatedAt)),
            by: user.deactivatedBy ?? "—",
            reason: user.deactivationReason ?? "",
          })}
        </p>
      )}
      {!user.canManage && <p className="um-muted">{t("umReadOnly")}</p>}
      <section className="um-section" aria-labelledby="um-roles-title">
        <h3 id="um-roles-title">{t("umRolesTitle")}</h3>
        <RolesEditor
          key={JSON.stringify([user.isAdmin, user.grants])}
          user={user}
          countries={countries}
          names={names}
          busy={busy}
          onSave={(body) => act("PUT", "/roles", body, "umRolesSaved")}
        />
      </section>
      {user.canManage && (
        <>
          <section className="um-section" aria-labelledby="um-sessions-title">
            <h3 id="um-sessions-title">{t("umSessionsTitle")}</h3>
            <p>{t("umSessions", { count: user.activeSessions })}</p>
            <button
              type="button"
              className="button"
              disabled={busy || user.activeSessions === 0}
              onClick={() => act("POST", "/revoke-sessions", undefined, "umRevoked")}
            >
              {t("umRevoke")}
            </button>
          </section>
          <section className="um-section" aria-labelledby="um-account-title">
            <h3 id="um-account-title">{t("umAccountTitle")}</h3>
            {user.status === "active" ? (
              <DeactivateForm
                busy={busy}
                onDeactivate={(reason) => act("POST", "/deactivate", { reason }, "umDeactivated")}
              />
            ) : (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => act("POST", "/reactivate", undefined, "umReactivated")}
              >
                {t("umReactivate")}
              </button>
            )}
          </section>
        </>
      )}
    </>
  );
}

function DeactivateForm({ busy, onDeactivate }: { busy: boolean; onDeactivate: (reason: string) => void }) {
  const { t } = useLanguage();
  const [reason, setReason] = useState("");
  return (
    <form
      className="um-deactivate"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (reason.trim()) onDeactivate(reason.trim());
      }}
    >
      <div className="form-field">
        <label htmlFor="um-reason">{t("umReason")}</label>
        <input
          id="um-reason"
          value={reason}
          maxLength={500}
          required
          onChange={(e) => setReason(e.target.value)}
          dir="auto"
        />
        <p className="form-field__hint">{t("umDeactivateHint")}</p>
      </div>
      <button type="submit" className="button button--danger" disabled={busy || !reason.trim()}>
        {t("umDeactivate")}
      </button>
    </form>
  );
}

/** The account's roles with a remove button each, a row to add one, and the administrator flag. */
function RolesEditor({
  user,
  countries,
  names,
  busy,
  onSave,
}: {
  user: UserDetailOut;
  countries: Country[];
  names: ReadonlyMap<string, string>;
  busy: boolean;
  onSave: (body: { isAdmin: boolean; grants: Grant[] }) => void;
}) {
  const { t, lang } = useLanguage();
  const { user: me } = useSession();
  const actor = { userId: me?.id ?? "", isAdmin: me?.isAdmin ?? false, grants: me?.grants ?? [] };
  const regionOf = useMemo(() => new Map(countries.map((c) => [c.code, c.regionCode])), [countries]);
  const label = useGrantLabel(names);
  const [grants, setGrants] = useState<Grant[]>(user.grants);
  const [isAdmin, setIsAdmin] = useState(user.isAdmin);
  const scopes = grantableScopes(actor, regionOf);
  const [scopeType, setScopeType] = useState<PlaceScopeType>(scopes[0] ?? "country");
  const [scopeCode, setScopeCode] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const roles = grantableRoles(actor, scopeType, scopeCode, regionOf);
  const codes = scopeType === "platform" ? [] : grantableCodes(actor, scopeType, regionOf);
  if (scopeType === "country")
    codes.sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, lang));
  const editable = user.canManage;
  const canAdd = !!role && roles.includes(role) && (scopeType === "platform" || !!scopeCode);

  function add() {
    if (!canAdd) return;
    const grant: Grant = {
      role: role as Role,
      scopeType,
      scopeCode: scopeType === "platform" ? null : scopeCode,
      sections: null,
    };
    const key = (g: Grant) => `${g.role}|${g.scopeType}|${g.scopeCode ?? ""}`;
    if (!grants.some((g) => key(g) === key(grant))) setGrants([...grants, grant]);
    setRole("");
  }

  return (
    <div className="um-roles">
      {actor.isAdmin && (
        <label className="um-check">
          <input
            type="checkbox"
            checked={isAdmin}
            disabled={!editable}
            onChange={(e) => setIsAdmin(e.target.checked)}
          />
          {t("umAdminFlag")}
        </label>
      )}
      {grants.length === 0 ? (
        <p className="um-muted">{t("umNoRoles")}</p>
      ) : (
        <ul className="um-role-list">
          {grants.map((g, i) => (
            <li key={`${g.role}|${g.scopeType}|${g.scopeCode}`}>
              <span>{label(g)}</span>
              {editable && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setGrants(grants.filter((_, j) => j !== i))}
                >
                  {t("umRemoveRole")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <>
          <div className="um-add">
            <div className="form-field">
              <label htmlFor="um-grant-scope-type">{t("scope")}</label>
              <select
                id="um-grant-scope-type"
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
              <div className="form-field">
                <label htmlFor="um-grant-scope-code">
                  {scopeType === "country" ? t("country") : t("region")}
                </label>
                <select
                  id="um-grant-scope-code"
                  value={scopeCode}
                  onChange={(e) => setScopeCode(e.target.value)}
                >
                  <option value="">{t("chooseOne")}</option>
                  {codes.map((code) => (
                    <option key={code} value={code}>
                      {scopeType === "country" ? `${names.get(code)} (${code})` : code}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="form-field">
              <label htmlFor="um-grant-role">{t("role")}</label>
              <select id="um-grant-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="">{t("chooseOne")}</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role_${r}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="button" disabled={!canAdd} onClick={add}>
              {t("umAddRole")}
            </button>
          </div>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => onSave({ isAdmin, grants })}
          >
            {t("umSaveRoles")}
          </button>
        </>
      )}
    </div>
  );
}
