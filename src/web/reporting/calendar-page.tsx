import { useState } from "react";
import { daysUntil, monthGrid, nextEvent, REVIEW_MECHANISM_INFO } from "../../core/index.ts";
import {
  type CalendarEventOut,
  calendarOut,
  countryReportingOut,
  feedOut,
} from "../../server/api-schemas/reporting.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { CalendarEditor, FollowUpCard } from "./calendar-edit.tsx";
import "./reporting.css";

const todayIso = () => new Date().toISOString().slice(0, 10);

/** The reporting calendar of one country or all the person's countries: a month grid or a list. */
export function ReportingCalendarPage() {
  const { t, pick, lang } = useLanguage();
  const { user } = useSession();
  const { search } = useLocation();
  const country = search.get("country") ?? "";
  const view = search.get("view") === "list" ? "list" : "month";
  const month = /^\d{4}-\d{2}$/.test(search.get("month") ?? "")
    ? search.get("month")!
    : todayIso().slice(0, 7);
  const calendar = useApi(
    user ? `/api/reporting/calendar${country ? `?country=${country}` : ""}` : null,
    calendarOut,
  );
  const profile = useApi(user && country ? `/api/reporting/countries/${country}` : null, countryReportingOut);
  if (user === null) return <Link to={paths.signIn(paths.reportingCalendar())}>{t("rcSignIn")}</Link>;
  const go = (changes: Record<string, string>) => {
    const q = new URLSearchParams({ ...(country ? { country } : {}), view, month, ...changes });
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    navigate(`${paths.reportingCalendar()}?${q}`);
  };
  const shiftMonth = (by: number) => {
    const d = new Date(`${month}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + by);
    go({ month: d.toISOString().slice(0, 7) });
  };
  const dateText = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const describe = (e: CalendarEventOut) => `${e.countryName} · ${t("rpStep", { kind: e.kind })}`;
  return (
    <div className="rp-page">
      <PageTitle text={t("rpCalendarTitle")}>{t("rpCalendarTitle")}</PageTitle>
      <p className="lead">{t("rpCalendarLead")}</p>
      {calendar.status === "loading" && <Loading />}
      {calendar.status === "error" && <ErrorMessage message={calendar.message} onRetry={calendar.reload} />}
      {calendar.status === "ok" && (
        <>
          <div className="rp-controls">
            <label>
              {t("rpCountry")}{" "}
              <select value={country} onChange={(e) => go({ country: e.target.value })}>
                <option value="">{t("rpAllCountries")}</option>
                {calendar.data.countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="rp-toggle">
              <legend className="visually-hidden">{t("rpView")}</legend>
              <button type="button" aria-pressed={view === "month"} onClick={() => go({ view: "month" })}>
                {t("rpMonthView")}
              </button>
              <button type="button" aria-pressed={view === "list"} onClick={() => go({ view: "list" })}>
                {t("rpListView")}
              </button>
            </fieldset>
          </div>
          <NextDeadline events={calendar.data.events} describe={describe} dateText={dateText} />
          {view === "month" ? (
            <MonthView
              month={month}
              events={calendar.data.events}
              onShift={shiftMonth}
              lang={lang}
              describe={describe}
            />
          ) : (
            <ListView
              events={calendar.data.events.filter((e) => e.dueOn >= todayIso())}
              dateText={dateText}
            />
          )}
          {country && profile.status === "ok" && (
            <section className="rp-panel" aria-labelledby="rp-ratifications">
              <h2 id="rp-ratifications">{t("rpRatifications")}</h2>
              {profile.data.ratifications.length === 0 ? (
                <p>{t("rpNoRatifications")}</p>
              ) : (
                <ul className="rp-ratifications">
                  {profile.data.ratifications.map((r) => (
                    <li key={r.instrument}>
                      <strong>{t("rpInstrument", { code: r.instrument })}</strong>:{" "}
                      {t("rpRatStatus", { status: r.status })}
                      {r.ratifiedOn ? ` (${dateText(r.ratifiedOn)})` : ""}. {t("rpReservations")}:{" "}
                      {r.reservations ?? t("rpNoReservations")}
                    </li>
                  ))}
                </ul>
              )}
              <p className="rp-source">
                {profile.data.reviews.map((r) => pick(REVIEW_MECHANISM_INFO[r.mechanism].name)).join(" · ")}
              </p>
            </section>
          )}
          {country && <Subscribe country={country} />}
          {country && profile.status === "ok" && profile.data.mayEdit && (
            <CalendarEditor country={country} profile={profile.data} onSaved={profile.reload} />
          )}
          {country && <FollowUpCard country={country} />}
        </>
      )}
    </div>
  );
}

function NextDeadline({
  events,
  describe,
  dateText,
}: {
  events: CalendarEventOut[];
  describe: (e: CalendarEventOut) => string;
  dateText: (iso: string) => string;
}) {
  const { t } = useLanguage();
  const next = nextEvent(events, todayIso()) as CalendarEventOut | null;
  if (!next) return null;
  return (
    <section className="rp-next" aria-labelledby="rp-next">
      <h2 id="rp-next">{t("rpNextDeadline")}</h2>
      <p>
        <strong>{describe(next)}</strong> — {dateText(next.dueOn)} (
        {t("rpInDays", { days: Math.max(0, daysUntil(next.dueOn, new Date(`${todayIso()}T00:00:00Z`))) })}) ·{" "}
        {next.review}
      </p>
      <Link className="button" to={paths.reportingReports({ country: next.country, cycleId: next.cycleId })}>
        {t("rpPrepareReport")}
      </Link>
    </section>
  );
}

function MonthView({
  month,
  events,
  onShift,
  lang,
  describe,
}: {
  month: string;
  events: CalendarEventOut[];
  onShift: (by: number) => void;
  lang: string;
  describe: (e: CalendarEventOut) => string;
}) {
  const { t } = useLanguage();
  const weeks = monthGrid(month);
  const title = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
  const weekday = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" });
  const onDay = (day: string) => events.filter((e) => e.dueOn === day);
  return (
    <section className="rp-month" aria-labelledby="rp-month-title">
      <div className="rp-month__bar">
        <button type="button" onClick={() => onShift(-1)} aria-label={t("rpPrevMonth")}>
          <span className="rp-arrow" aria-hidden="true">
            ‹
          </span>
        </button>
        <h2 id="rp-month-title">{title}</h2>
        <button type="button" onClick={() => onShift(1)} aria-label={t("rpNextMonth")}>
          <span className="rp-arrow" aria-hidden="true">
            ›
          </span>
        </button>
      </div>
      <table className="rp-grid">
        <thead>
          <tr>
            {weeks[0]!.map((d) => (
              <th key={d} scope="col">
                {weekday.format(new Date(`${d}T00:00:00Z`))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => (
                <td key={day} className={day.slice(0, 7) === month ? undefined : "rp-grid__other"}>
                  <span className="rp-grid__day">{Number(day.slice(8))}</span>
                  {onDay(day).map((e) => (
                    <Link
                      key={e.stepId}
                      className={`rp-chip${e.isCoalitionDeadline ? " rp-chip--coalition" : ""}`}
                      to={paths.reportingReports({ country: e.country, cycleId: e.cycleId })}
                      title={`${describe(e)} — ${e.review}`}
                    >
                      {e.country} · {t("rpStep", { kind: e.kind })}
                    </Link>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!events.some((e) => e.dueOn.startsWith(month)) && <p>{t("rpNoEvents")}</p>}
    </section>
  );
}

function ListView({ events, dateText }: { events: CalendarEventOut[]; dateText: (iso: string) => string }) {
  const { t, pick } = useLanguage();
  if (!events.length) return <p>{t("rpNoEvents")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table rp-list">
        <thead>
          <tr>
            <th scope="col">{t("rpColDate")}</th>
            <th scope="col">{t("rpCountry")}</th>
            <th scope="col">{t("rpColStep")}</th>
            <th scope="col">{t("rpColMechanism")}</th>
            <th scope="col">{t("rpColReview")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.stepId}>
              <td>
                <time dateTime={e.dueOn}>{dateText(e.dueOn)}</time>
              </td>
              <td>{e.countryName}</td>
              <td>
                <Link to={paths.reportingReports({ country: e.country, cycleId: e.cycleId })}>
                  {t("rpStep", { kind: e.kind })}
                </Link>
                {e.isCoalitionDeadline && <span className="rp-tag">{t("rpCoalitionDeadline")}</span>}
              </td>
              <td>{pick(REVIEW_MECHANISM_INFO[e.mechanism].name)}</td>
              <td>{e.review}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Subscribe({ country }: { country: string }) {
  const { t } = useLanguage();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    try {
      setUrl((await sendApi("POST", "/api/reporting/feeds", { country }, feedOut)).url);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="rp-panel">
      <button type="button" onClick={() => void make()}>
        {t("rpSubscribe")}
      </button>
      {error && <p role="alert">{error}</p>}
      {url && (
        <p>
          <label>
            {t("rpFeedUrl")}{" "}
            <input className="rp-feed" readOnly value={url} onFocus={(e) => e.target.select()} />
          </label>
          <br />
          <small>{t("rpSubscribeHelp")}</small>
        </p>
      )}
    </section>
  );
}
