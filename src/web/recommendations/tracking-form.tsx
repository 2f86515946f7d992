import { useId, useState } from "react";
import {
  type ImplementationInput,
  implementationOutput,
  synergyGroup,
} from "../../server/api-schemas/recommendations.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { statusLabel } from "./labels.ts";
import { useAction } from "./use-action.ts";

const STATUSES = ["not_started", "in_progress", "partially_implemented", "implemented", "regressed"] as const;
const KINDS = ["coalition", "government"] as const;

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Records an implementation status with its evidence, responsible institutions, due date and
 * follow-up actions, saying whose assessment it is: the coalition's own, or the government's claim.
 * For a recommendation (`id`), or for a confirmed synergy (`groupId`): then every member gets it.
 */
export function TrackingForm({
  id,
  groupId,
  onRecorded,
}: {
  id?: string;
  groupId?: string;
  onRecorded: () => void;
}) {
  const { t } = useLanguage();
  const f = useId();
  const today = new Date().toISOString().slice(0, 10);
  const [kind, setKind] = useState<(typeof KINDS)[number]>("coalition");
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("in_progress");
  const [assessedOn, setAssessedOn] = useState(today);
  const [assessorName, setAssessorName] = useState("");
  const [evidenceText, setEvidenceText] = useState("");
  const [evidenceUrls, setEvidenceUrls] = useState("");
  const [institutions, setInstitutions] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [followUp, setFollowUp] = useState("");
  const { busy, message, run } = useAction();

  async function record() {
    const body: ImplementationInput = {
      status,
      assessedByKind: kind,
      assessedOn,
      assessorName: assessorName.trim() || undefined,
      evidenceText: evidenceText.trim() || undefined,
      evidenceUrls: lines(evidenceUrls),
      responsibleInstitutions: lines(institutions),
      dueOn: dueOn || undefined,
      followUpActions: followUp.trim() || undefined,
    };
    await run(async () => {
      if (groupId)
        await sendApi("POST", `/api/recommendations/synergies/${groupId}/assessments`, body, synergyGroup);
      else await sendApi("POST", `/api/recommendations/${id}/assessments`, body, implementationOutput);
      setEvidenceText("");
      setEvidenceUrls("");
      setFollowUp("");
      onRecorded();
      return t("rcRecorded");
    });
  }

  return (
    <form
      className="rv-form rc-track-form"
      aria-labelledby={`${f}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void record();
      }}
    >
      <h3 className="rv-form__title" id={`${f}-title`}>
        {t(groupId ? "rcSynergiesRecordTitle" : "rcRecordTitle")}
      </h3>
      <fieldset className="rc-kind">
        <legend>{t("rcWhoAssessed")}</legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name={`${f}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />{" "}
            {t(`rcKind_${k}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="rc-inline">
        <div className="rv-field">
          <label htmlFor={`${f}-status`}>{t("rcStatus")}</label>
          <select
            id={`${f}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </div>
        <div className="rv-field">
          <label htmlFor={`${f}-on`}>{t("rcAssessedOnField")}</label>
          <input
            id={`${f}-on`}
            type="date"
            required
            value={assessedOn}
            onChange={(e) => setAssessedOn(e.target.value)}
          />
        </div>
        <div className="rv-field">
          <label htmlFor={`${f}-due`}>{t("rcDueOn")}</label>
          <input id={`${f}-due`} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </div>
      </div>
      <div className="rv-field">
        <label htmlFor={`${f}-who`}>{t("rcAssessorName")}</label>
        <input
          id={`${f}-who`}
          value={assessorName}
          onChange={(e) => setAssessorName(e.target.value)}
          dir="auto"
        />
      </div>
      <div className="rv-field">
        <label htmlFor={`${f}-evidence`}>{t("rcEvidenceText")}</label>
        <textarea
          id={`${f}-evidence`}
          rows={3}
          value={evidenceText}
          onChange={(e) => setEvidenceText(e.target.value)}
          dir="auto"
        />
      </div>
      <div className="rv-field">
        <label htmlFor={`${f}-urls`}>{t("rcEvidenceUrls")}</label>
        <textarea
          id={`${f}-urls`}
          rows={2}
          value={evidenceUrls}
          onChange={(e) => setEvidenceUrls(e.target.value)}
          dir="ltr"
        />
      </div>
      <div className="rv-field">
        <label htmlFor={`${f}-inst`}>{t("rcInstitutionsField")}</label>
        <textarea
          id={`${f}-inst`}
          rows={2}
          value={institutions}
          onChange={(e) => setInstitutions(e.target.value)}
          dir="auto"
        />
      </div>
      <div className="rv-field">
        <label htmlFor={`${f}-follow`}>{t("rcFollowUpField")}</label>
        <textarea
          id={`${f}-follow`}
          rows={2}
          value={followUp}
          onChange={(e) => setFollowUp(e.target.value)}
          dir="auto"
        />
      </div>
      <button type="submit" className="button button--primary" disabled={busy || !assessedOn}>
        {t("rcRecord")}
      </button>
      <div role="status" className="rv-live">
        {message && <p className={message.ok ? "rv-notice" : "rv-notice rv-notice--error"}>{message.text}</p>}
      </div>
    </form>
  );
}
