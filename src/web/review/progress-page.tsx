import { useState } from "react";
import { completionPercent } from "../../core/index.ts";
import type { Progress } from "../../server/api-schemas/assessments.ts";
import { completionOut } from "../../server/api-schemas/assessments.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { AssessmentPageFrame } from "./assessment-page-frame.tsx";
import { AssignmentEditor } from "./assignment-editor.tsx";

/** One row of completion: name, a bar, and the numbers in words (the bar alone says nothing to some readers). */
function ProgressRow({ name, progress }: { name: string; progress: Progress }) {
  const { t, lang } = useLanguage();
  const percent = completionPercent(progress.answered, progress.total);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="rv-bar-cell">
        <span className="rv-bar" aria-hidden="true">
          <span className="rv-bar__fill" style={{ inlineSize: `${percent}%` }} />
        </span>
        <span className="rv-bar__value">{(percent / 100).toLocaleString(lang, { style: "percent" })}</span>
        <span className="muted">
          {t("rvAnsweredOf", { answered: progress.answered, total: progress.total })}
        </span>
      </td>
      <td>{t("rvWithEvidence", { count: progress.withEvidence })}</td>
    </tr>
  );
}

function ProgressTable({
  title,
  rows,
}: {
  title: MessageKey;
  rows: { key: string; name: string; progress: Progress }[];
}) {
  const { t } = useLanguage();
  return (
    <section className="section">
      <h2>{t(title)}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("rvNobodyAssigned")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table rv-progress-table">
            <caption className="visually-hidden">{t(title)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(title)}</th>
                <th scope="col">{t("rvAnswered")}</th>
                <th scope="col">{t("rvEvidenceCol")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ProgressRow key={row.key} name={row.name} progress={row.progress} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Completion overall, by section, by person and by dimension. */
function Completion({ assessmentId, reloadKey }: { assessmentId: string; reloadKey: number }) {
  const { pick, t } = useLanguage();
  const state = useApi(`/api/assessments/${assessmentId}/completion?v=${reloadKey}`, completionOut);
  return (
    <Loaded states={[state]}>
      {(c) => (
        <>
          <ProgressTable
            title="rvOverall"
            rows={[{ key: "all", name: t("rvOverall"), progress: c.overall }]}
          />
          <ProgressTable
            title="rvBySection"
            rows={c.bySection.map((s) => ({ key: s.code, name: pick(s.label), progress: s }))}
          />
          <ProgressTable
            title="rvByPerson"
            rows={c.byPerson.map((p) => ({ key: p.userId, name: p.name, progress: p }))}
          />
          <ProgressTable
            title="rvByDimension"
            rows={c.byDimension.map((d) => ({ key: d.code, name: pick(d.label), progress: d }))}
          />
        </>
      )}
    </Loaded>
  );
}

/** /assessments/:id/progress */
export function ProgressPage({ assessmentId }: { assessmentId: string }) {
  const [saved, setSaved] = useState(0);
  return (
    <AssessmentPageFrame assessmentId={assessmentId} current="progress" title="rvProgressTitle">
      {(data) => (
        <>
          <Completion assessmentId={assessmentId} reloadKey={saved} />
          {data.myPermissions.canAssign && (
            <AssignmentEditor data={data} onSaved={() => setSaved((n) => n + 1)} />
          )}
        </>
      )}
    </AssessmentPageFrame>
  );
}
