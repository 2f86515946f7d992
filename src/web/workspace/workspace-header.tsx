import type { ReactNode } from "react";
import { completionPercent } from "../../core/index.ts";
import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { directionOf, type MessageKey } from "../i18n/messages.ts";
import type { WorkspaceData } from "./workspace-data.ts";

/** The status of an assessment in words. */
export function statusLabel(status: string, t: (key: MessageKey) => string): string {
  const key = `wsStatus_${status}` as MessageKey;
  return ["draft", "submitted", "in_review", "returned", "validated"].includes(status) ? t(key) : status;
}

/** Country, cycle, status, deadline and completion, with room for the live score, save state and review toolbar. */
export function WorkspaceHeader({
  data,
  answered,
  total,
  children,
}: {
  data: WorkspaceData;
  answered: number;
  total: number;
  children: ReactNode;
}) {
  const { t, pick, lang } = useLanguage();
  const { assessment } = data;
  // An area's assessment is titled by its country and area ("Moldova — Găgăuzia").
  const country = assessment.area
    ? `${pick(assessment.country.name)} — ${pick(assessment.area.name)}`
    : pick(assessment.country.name);
  const cycle = pick(assessment.cycle.name);
  // In a right-to-left page a Latin cycle name ("2025 (demo data)") is isolated so its brackets stay put.
  const isolate = (text: string) => (directionOf(lang) === "rtl" ? `\u2068${text}\u2069` : text);
  const title = t("wsTitle", { country: isolate(country), cycle: isolate(cycle) });
  const share = completionPercent(answered, total) / 100;
  const deadline = assessment.deadline
    ? new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date(assessment.deadline))
    : t("wsNoDeadline");
  return (
    <div className="ws-header">
      <div className="ws-header__main">
        <PageTitle text={title} eyebrow={t("wsEyebrow")}>
          {title}
        </PageTitle>
        <dl className="ws-facts">
          <div>
            <dt>{t("wsStatus")}</dt>
            <dd>
              <span className={`status-chip status-chip--${assessment.status}`}>
                {statusLabel(assessment.status, t)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("wsDeadline")}</dt>
            <dd>{deadline}</dd>
          </div>
          <div>
            <dt>{t("wsCompletion")}</dt>
            <dd>
              <span className="completion">
                <progress max={total} value={answered} aria-label={t("wsCompletion")} />
                <span data-testid="completion">
                  {t("wsAnsweredOf", { answered, total })} ·{" "}
                  {new Intl.NumberFormat(lang, { style: "percent" }).format(share)}
                </span>
              </span>
            </dd>
          </div>
        </dl>
      </div>
      {children}
    </div>
  );
}
