import { useMemo, useState } from "react";
import { z } from "zod";
import { ROLES } from "../../core/index.ts";
import { USER_STATUSES, userSummaryOut } from "../../server/api-schemas/users.ts";
import { api, type Country, countryList } from "../api/endpoints.ts";
import { fetchApi, useApi, useLoader } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { AdminGate } from "./admin-gate.tsx";
import { GrantList } from "./grant-list.tsx";
import { UserPanel } from "./user-panel.tsx";
import "./accounts-admin.css";

const userList = z.array(userSummaryOut);
const FILTERS = ["q", "role", "country", "status"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** Administrators and secretariats: the accounts of their scope, filtered, with a detail panel. */
export function UsersPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("umTitle")}>{t("umTitle")}</PageTitle>
      <p className="lead">{t("umLead")}</p>
      <AdminGate action="user:manage">{() => <LoadCountries />}</AdminGate>
    </>
  );
}

function LoadCountries() {
  const countries = useApi(api.countries(), countryList);
  return <Loaded states={[countries]}>{(list) => <Users countries={list} />}</Loaded>;
}

function Users({ countries }: { countries: Country[] }) {
  const { t, lang, pick } = useLanguage();
  const [filters, setFilters] = useState<Filters>({ q: "", role: "", country: "", status: "" });
  const [openId, setOpenId] = useState<string | null>(null);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim())).toString();
  const users = useLoader(query, (signal) => fetchApi(`/api/admin/users?${query}`, userList, signal));
  const names = useMemo(
    () => new Map(countries.map((c) => [c.code, pick(c.name) || c.code])),
    [countries, pick],
  );
  const sortedCountries = [...countries].sort((a, b) =>
    names.get(a.code)!.localeCompare(names.get(b.code)!, lang),
  );
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  const set = (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value }));
  return (
    <div className="um-layout">
      <fieldset className="um-filters">
        <legend>{t("umFilters")}</legend>
        <div className="form-field">
          <label htmlFor="um-q">{t("umSearch")}</label>
          <input
            id="um-q"
            type="search"
            value={filters.q}
            onChange={(e) => set("q", e.target.value)}
            dir="auto"
          />
        </div>
        <FilterSelect
          id="um-role"
          label={t("role")}
          value={filters.role}
          any={t("umAnyRole")}
          onChange={(v) => set("role", v)}
        >
          {ROLES.map((r) => [r, t(`role_${r}` as MessageKey)])}
        </FilterSelect>
        <FilterSelect
          id="um-country"
          label={t("country")}
          value={filters.country}
          any={t("umAnyCountry")}
          onChange={(v) => set("country", v)}
        >
          {sortedCountries.map((c) => [c.code, `${names.get(c.code)} (${c.code})`])}
        </FilterSelect>
        <FilterSelect
          id="um-status"
          label={t("status")}
          value={filters.status}
          any={t("umAnyStatus")}
          onChange={(v) => set("status", v)}
        >
          {USER_STATUSES.map((s) => [s, t(`umStatus_${s}` as MessageKey)])}
        </FilterSelect>
      </fieldset>
      <div className="um-main">
        <Loaded states={[users]}>
          {(list) => (
            <>
              <p className="um-count" aria-live="polite">
                {t("umCount", { count: list.length })}
              </p>
              {list.length > 0 && (
                <div className="table-scroll">
                  <table className="data-table um-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("umName")}</th>
                        <th scope="col">{t("umRoles")}</th>
                        <th scope="col">{t("umLastSignIn")}</th>
                        <th scope="col">{t("status")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((u) => (
                        <tr
                          key={u.id}
                          aria-selected={u.id === openId}
                          className={u.id === openId ? "um-row--open" : undefined}
                        >
                          <th scope="row">
                            <button
                              type="button"
                              className="um-name"
                              onClick={() => setOpenId(u.id)}
                              aria-expanded={u.id === openId}
                            >
                              <span dir="auto">{u.name}</span>
                              <span className="um-email" dir="ltr">
                                {u.email}
                              </span>
                            </button>
                          </th>
                          <td>
                            <GrantList isAdmin={u.isAdmin} grants={u.grants} names={names} />
                          </td>
                          <td>
                            {u.lastSignInAt ? (
                              when.format(new Date(u.lastSignInAt))
                            ) : (
                              <span className="um-muted">{t("umNever")}</span>
                            )}
                          </td>
                          <td>
                            <span className={`tag um-status um-status--${u.status}`}>
                              {t(`umStatus_${u.status}` as MessageKey)}
                            </span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </Loaded>
      </div>
      {openId && (
        <UserPanel
          key={openId}
          userId={openId}
          countries={countries}
          names={names}
          onClose={() => setOpenId(null)}
          onChanged={users.reload}
        />
      )}
    </div>
  );
}

/** A select of one filter: "any" first, then the given [value, label] pairs. */
export function FilterSelect({
  id,
  label,
  value,
  any,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  any: string;
  onChange: (value: string) => void;
  children: [string, string][];
}) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {children.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
