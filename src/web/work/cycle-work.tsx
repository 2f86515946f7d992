import type { CycleDetail } from "../../server/api-schemas/cycles.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { describeDeadline } from "./deadline.ts";
import { StatusChip } from "./status-chip.tsx";

/** One cycle: its deadline and a table of the assessments the user may open. */
export function CycleWork({ cycle }: { cycle: CycleDetail }) {
  const { t, pick, lang } = useLanguage();
  const name = pick(cycle.name) || cycle.period;
  const headingId = `cycle-${cycle.id}`;
  const assessments = [...cycle.assessments].sort((a, b) =>
    pick(a.countryName, a.country).localeCompare(pick(b.countryName, b.country), lang),
  );
  return (
    <section className="section work-cycle" aria-labelledby={headingId}>
      <div className="section__header">
        <h2 id={headingId}>
          <bdi>{name}</bdi>
        </h2>
        <Deadline closesOn={cycle.closesOn} />
      </div>
      <div className="table-scroll">
        <table className="data-table work-table">
          <caption className="visually-hidden">{t("assessmentsOfCycle", { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("country")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("completion")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("openAssessment")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {assessments.map((a) => {
              const country = pick(a.countryName) || a.country;
              return (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={paths.assessment(a.id)}>{country}</Link>
                  </th>
                  <td>
                    <StatusChip status={a.status} />
                  </td>
                  <td>
                    <CompletionBar value={a.completion} answered={a.answered} total={a.total} />
                  </td>
                  <td className="work-table__action">
                    <Link
                      className="button button--small"
                      to={paths.assessment(a.id)}
                      aria-label={t("openAssessmentOf", { country })}
                    >
                      {t("openAssessment")}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CompletionBar({ value, answered, total }: { value: number; answered: number; total: number }) {
  const { t } = useLanguage();
  const label = t("answeredOf", { answered, total });
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="completion">
      <div
        className="completion__bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        aria-label={t("completion")}
      >
        <span className="completion__fill" style={{ inlineSize: `${percent}%` }} />
      </div>
      <span className="completion__text">
        {percent}% · {label}
      </span>
    </div>
  );
}

function Deadline({ closesOn }: { closesOn: string | null }) {
  const { t, lang } = useLanguage();
  if (!closesOn) return <p className="deadline">{t("noDeadline")}</p>;
  const state = describeDeadline(closesOn);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(closesOn),
  );
  const warn = state.soon || state.late;
  return (
    <p className={`deadline${warn ? " deadline--warn" : ""}`}>
      {warn && <span aria-hidden="true">⚠ </span>}
      <span>{t("deadline")}: </span>
      <time dateTime={closesOn}>{date}</time>
      {" · "}
      <strong>
        {state.late ? t("daysLate", { days: -state.days }) : t("daysLeft", { days: state.days })}
      </strong>
      {warn && <span className="visually-hidden"> ({t("deadlineSoon")})</span>}
    </p>
  );
}
