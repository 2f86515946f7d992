import { z } from "zod";
import { eventOut } from "../../server/api-schemas/review.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { AssessmentPageFrame } from "./assessment-page-frame.tsx";
import { formatDateTime } from "./format.ts";
import { StatusChip } from "./status-chip.tsx";

/** The workflow events of an assessment, oldest first: who moved it from which status to which, and why. */
function Timeline({ assessmentId }: { assessmentId: string }) {
  const { t, lang } = useLanguage();
  const events = useApi(`/api/assessments/${assessmentId}/events`, z.array(eventOut));
  return (
    <Loaded states={[events]}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted">{t("rvTimelineNone")}</p>
        ) : (
          <ol className="rv-timeline">
            {list.map((event) => (
              <li key={event.id} className="rv-timeline__event">
                <p className="rv-meta">
                  <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time>
                  {event.actor && <> · {t("rvEventBy", { name: event.actor })}</>}
                </p>
                <p className="rv-timeline__step">
                  <StatusChip status={event.from} />{" "}
                  <span className="rv-arrow" aria-hidden="true">
                    →
                  </span>
                  <span className="visually-hidden">{t("rvTo")}</span> <StatusChip status={event.to} />
                  {event.answerCount !== null && (
                    <span className="muted"> · {t("rvEventAnswers", { count: event.answerCount })}</span>
                  )}
                </p>
                {event.reason && (
                  <p className="rv-text rv-quote" dir="auto">
                    {event.reason}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )
      }
    </Loaded>
  );
}

/** /assessments/:id/timeline */
export function TimelinePage({ assessmentId }: { assessmentId: string }) {
  return (
    <AssessmentPageFrame assessmentId={assessmentId} current="timeline" title="rvTimelineTitle">
      {() => <Timeline assessmentId={assessmentId} />}
    </AssessmentPageFrame>
  );
}
