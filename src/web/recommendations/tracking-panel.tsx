import { useRef } from "react";
import {
  type ImplementationOutput,
  type TimelineOut,
  timelineOut,
} from "../../server/api-schemas/recommendations.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { formatDateTime } from "../review/format.ts";
import { formatDay } from "./labels.ts";
import { StatusBadge } from "./status-badge.tsx";
import { TrackingForm } from "./tracking-form.tsx";

/** What an assessment says beyond its status: evidence, links, institutions, due date, follow-up. */
function AssessmentBody({ a }: { a: ImplementationOutput }) {
  const { t, lang } = useLanguage();
  const urls = [...(a.evidenceUrl ? [a.evidenceUrl] : []), ...a.evidenceUrls];
  return (
    <>
      {a.evidenceText && (
        <p className="rv-text" dir="auto">
          <span className="rc-label">{t("rcEvidence")}: </span>
          {a.evidenceText}
        </p>
      )}
      {urls.length > 0 && (
        <ul className="rc-links-list">
          {urls.map((u) => (
            <li key={u}>
              <a href={u} rel="noopener noreferrer" target="_blank" className="rv-break">
                {u}
              </a>
            </li>
          ))}
        </ul>
      )}
      {a.responsibleInstitutions.length > 0 && (
        <p dir="auto">
          <span className="rc-label">{t("rcInstitutions")}: </span>
          {a.responsibleInstitutions.join(" · ")}
        </p>
      )}
      {a.dueOn && <p className="rv-meta">{t("rcDue", { date: formatDay(a.dueOn, lang) })}</p>}
      {a.followUpActions && (
        <p className="rv-text" dir="auto">
          <span className="rc-label">{t("rcFollowUp")}: </span>
          {a.followUpActions}
        </p>
      )}
    </>
  );
}

/** The latest assessment of one kind of assessor, or "not assessed yet". */
function Current({ title, a }: { title: MessageKey; a: ImplementationOutput | null }) {
  const { t, lang } = useLanguage();
  return (
    <section className="rc-current" aria-label={t(title)}>
      <h3>{t(title)}</h3>
      {a ? (
        <>
          <p>
            <StatusBadge status={a.status} />{" "}
            <span className="rv-meta">{t("rcAssessedOn", { date: formatDay(a.assessedOn, lang) })}</span>
          </p>
          <AssessmentBody a={a} />
        </>
      ) : (
        <p className="muted">{t("rcNotAssessed")}</p>
      )}
    </section>
  );
}

/**
 * The implementation of a recommendation: the government's claim and the coalition's assessment
 * side by side (never merged), the form to record a new one, and the timeline of all of them.
 * The tracking is internal to the State's coalition: others see a notice instead.
 */
export function TrackingPanel({ id, canTrack }: { id: string; canTrack: boolean }) {
  const { t, lang } = useLanguage();
  const timeline = useApi(`/api/recommendations/${id}/timeline`, timelineOut);
  // After a new record the timeline reloads; the form (and its message) stays meanwhile.
  const last = useRef<TimelineOut | null>(null);
  if (timeline.status === "ok") last.current = timeline.data;
  const data = last.current;
  return (
    <section className="section rc-panel" aria-labelledby="rc-tracking">
      <h2 id="rc-tracking">{t("rcTracking")}</h2>
      {!data && timeline.status === "loading" && <Loading />}
      {!data &&
        timeline.status === "error" &&
        (timeline.message.startsWith("403") ? (
          <p className="rv-notice">{t("rcTrackingInternal")}</p>
        ) : (
          <ErrorMessage message={timeline.message} onRetry={timeline.reload} />
        ))}
      {data && (
        <>
          <div className="rc-current-grid">
            <Current title="rcCurrentCoalition" a={data.current.coalition} />
            <Current title="rcCurrentGovernment" a={data.current.government} />
          </div>
          {canTrack && <TrackingForm id={id} onRecorded={timeline.reload} />}
          <h3>{t("rcTimeline")}</h3>
          {data.entries.length === 0 ? (
            <p className="muted">{t("rcTimelineNone")}</p>
          ) : (
            <ol className="rv-timeline rc-timeline">
              {[...data.entries].reverse().map((a) => (
                <li key={a.id} className="rv-timeline__event">
                  <p className="rv-meta">
                    <time dateTime={a.assessedOn}>{formatDay(a.assessedOn, lang)}</time> ·{" "}
                    {t(`rcKindLabel_${a.assessedByKind}` as MessageKey)}
                    {a.assessorName && <> ({a.assessorName})</>}
                    {a.synergyId && <> · {t("rcSynergyRecorded")}</>}
                    {a.recordedBy && (
                      <>
                        {" "}
                        ·{" "}
                        {t("rcRecordedBy", {
                          name: a.recordedBy.name,
                          date: formatDateTime(a.createdAt, lang),
                        })}
                      </>
                    )}
                  </p>
                  <p>
                    <StatusBadge status={a.status} />
                  </p>
                  <AssessmentBody a={a} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
