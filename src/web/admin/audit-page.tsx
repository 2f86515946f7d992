import { type FormEvent, useState } from "react";
import type { Grant } from "../../core/index.ts";
import { AUDIT_ACTIONS, type AuditEventOut, auditPage } from "../../server/api-schemas/audit.ts";
import { fetchApi, useLoader } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { AdminGate } from "./admin-gate.tsx";
import { useGrantLabel } from "./grant-list.tsx";
import { FilterSelect } from "./users-page.tsx";
import "./accounts-admin.css";

const PAGE_SIZE = 50;
const EMPTY = { action: "", actor: "", country: "", from: "", to: "" };
type Filters = typeof EMPTY;

/** Administrators read the audit log: filters, a page of events, and the same events as CSV. */
export function AuditPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("alTitle")}>{t("alTitle")}</PageTitle>
      <p className="lead">{t("alLead")}</p>
      <AdminGate action="audit:read">{() => <AuditLog />}</AdminGate>
    </>
  );
}

function AuditLog() {
  const { t } = useLanguage();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim()));
  const csvHref = `/api/admin/audit.csv?${query}`;
  query.set("page", String(page));
  query.set("pageSize", String(PAGE_SIZE));
  const key = query.toString();
  const events = useLoader(key, (signal) => fetchApi(`/api/admin/audit?${key}`, auditPage, signal));
  const set = (name: keyof Filters, value: string) => setDraft((f) => ({ ...f, [name]: value }));
  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...draft, country: draft.country.trim().toUpperCase() });
    setPage(1);
  }
  return (
    <div className="al-layout">
      <form className="al-filters" onSubmit={apply}>
        <fieldset className="um-filters">
          <legend>{t("alFilters")}</legend>
          <FilterSelect
            id="al-action"
            label={t("alAction")}
            value={draft.action}
            any={t("alAnyAction")}
            onChange={(v) => set("action", v)}
          >
            {AUDIT_ACTIONS.map((a) => [a, t(`alAction_${a}` as MessageKey)])}
          </FilterSelect>
          <Field id="al-actor" label={t("alActor")} value={draft.actor} onChange={(v) => set("actor", v)} />
          <Field
            id="al-country"
            label={t("alCountry")}
            value={draft.country}
            maxLength={2}
            onChange={(v) => set("country", v)}
          />
          <Field
            id="al-from"
            label={t("alFrom")}
            type="date"
            value={draft.from}
            onChange={(v) => set("from", v)}
          />
          <Field id="al-to" label={t("alTo")} type="date" value={draft.to} onChange={(v) => set("to", v)} />
          <div className="um-filter-actions">
            <button type="submit" className="button button--primary">
              {t("alApply")}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(EMPTY);
                setFilters(EMPTY);
                setPage(1);
              }}
            >
              {t("alClear")}
            </button>
          </div>
        </fieldset>
      </form>
      <div className="um-main">
        <Loaded states={[events]}>
          {(result) => {
            const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
            return (
              <>
                <div className="al-head">
                  <p className="um-count" aria-live="polite">
                    {t("alTotal", { count: result.total })}
                  </p>
                  <a className="button" href={csvHref} download>
                    {t("alDownload")}
                  </a>
                </div>
                {result.events.length > 0 && <EventTable events={result.events} />}
                {pages > 1 && (
                  <nav className="al-pager" aria-label={t("alPage", { page, pages })}>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={page <= 1}
                      onClick={() => setPage(page - 1)}
                    >
                      {t("alPrevious")}
                    </button>
                    <span>{t("alPage", { page, pages })}</span>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={page >= pages}
                      onClick={() => setPage(page + 1)}
                    >
                      {t("alNext")}
                    </button>
                  </nav>
                )}
              </>
            );
          }}
        </Loaded>
      </div>
    </div>
  );
}

function Field({
  id,
  label,
  value,
  onChange,
  type = "text",
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  maxLength?: number;
}) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        maxLength={maxLength}
        dir="ltr"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function EventTable({ events }: { events: AuditEventOut[] }) {
  const { t, lang } = useLanguage();
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <div className="table-scroll">
      <table className="data-table al-table">
        <thead>
          <tr>
            <th scope="col">{t("alWhen")}</th>
            <th scope="col">{t("alWho")}</th>
            <th scope="col">{t("alWhat")}</th>
            <th scope="col">{t("alOn")}</th>
            <th scope="col">{t("alDetails")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className={e.outcome === "failure" ? "al-row--failure" : undefined}>
              <td className="al-when">
                <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
              </td>
              <td>
                {e.actorName && <span dir="auto">{e.actorName}</span>}
                <span className="um-email" dir="ltr">
                  {e.actorEmail ?? t("alUnknown")}
                </span>
                {e.ip && (
                  <span className="um-muted al-ip" dir="ltr">
                    {e.ip}
                  </span>
                )}
              </td>
              <th scope="row">
                {t(`alAction_${e.action}` as MessageKey)}
                {e.outcome === "failure" && !e.action.endsWith("-failed") && (
                  <span className="tag al-failed">{t("alFailed")}</span>
                )}
              </th>
              <td dir="ltr" className="al-target">
                {[e.country, typeof e.details?.email === "string" ? e.details.email : e.targetId]
                  .filter(Boolean)
                  .join(" · ")}
              </td>
              <td>{e.details && <Details details={e.details} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The details of an event, one line per fact; roles before and after in words. */
function Details({ details }: { details: Record<string, unknown> }) {
  const { t } = useLanguage();
  const label = useGrantLabel(new Map());
  const roles = (side: unknown) => {
    const value = side as { isAdmin?: boolean; grants?: Grant[] } | undefined;
    const list = (value?.grants ?? []).map(label);
    if (value?.isAdmin) list.unshift(t("role_admin"));
    return list.length ? list.join(", ") : t("umNoRoles");
  };
  const facts = Object.entries(details).filter(
    ([key]) => key !== "email" && key !== "before" && key !== "after",
  );
  return (
    <dl className="al-details">
      {"before" in details && (
        <div>
          <dt>{t("umRoles")}</dt>
          <dd>
            {roles(details.before)} → {roles(details.after)}
          </dd>
        </div>
      )}
      {facts.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd dir="auto">
            {typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
