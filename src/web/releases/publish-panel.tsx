import { useId, useRef, useState } from "react";
import type { CycleDetail } from "../../server/api-schemas/cycles.ts";
import { publishedRelease, releaseCandidates } from "../../server/api-schemas/releases.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { ConfirmDialog } from "../review/dialog.tsx";
import { formatDateTime } from "../review/format.ts";
import { StatusChip } from "../work/status-chip.tsx";
import {
  type Candidate,
  type Candidates,
  checkPublish,
  compareWithPrevious,
  initialSelection,
  nextVersion,
  type PublishProblem,
  publishRequest,
} from "./publish-form.ts";
import { isolate, portalUrl } from "./release-list.tsx";

type Published = { slug: string; version: number; countries: string[] };

/** Loads what publishing the cycle would include, then shows the form; after publishing, the result. */
export function PublishPanel({
  cycle,
  cycleName,
  onPublished,
}: {
  cycle: CycleDetail;
  cycleName: string;
  onPublished: () => void;
}) {
  const { t, lang } = useLanguage();
  const candidates = useApi(`/api/cycles/${cycle.id}/release-candidates`, releaseCandidates);
  const [published, setPublished] = useState<Published | null>(null);
  return (
    <div className="pb-panel">
      {published && (
        <div className="form-message form-message--ok pb-result" role="status">
          <p>
            {t("pbPublished", {
              slug: isolate(published.slug, lang),
              version: published.version,
              count: published.countries.length,
            })}
          </p>
          <p>
            <a href={portalUrl(published.slug)}>
              {t("pbPublishedLink", { slug: isolate(published.slug, lang) })}
            </a>
          </p>
        </div>
      )}
      <Loaded states={[candidates]}>
        {(data) => (
          <PublishForm
            // A new release changes the next slug: the form starts afresh for the next correction.
            key={data.nextSlug}
            candidates={data}
            cycle={cycle}
            cycleName={cycleName}
            onPublished={(done) => {
              setPublished(done);
              candidates.reload();
              onPublished();
            }}
          />
        )}
      </Loaded>
    </div>
  );
}

function notPublishableKey(status: string): MessageKey {
  const known = ["draft", "submitted", "in_review", "returned"];
  return `pbNotPublishable_${known.includes(status) ? status : "other"}` as MessageKey;
}

function PublishForm({
  candidates,
  cycle,
  cycleName,
  onPublished,
}: {
  candidates: Candidates;
  cycle: CycleDetail;
  cycleName: string;
  onPublished: (done: Published) => void;
}) {
  const { t, pick, lang } = useLanguage();
  const id = useId();
  const [selected, setSelected] = useState(() => initialSelection(candidates));
  const [notes, setNotes] = useState("");
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);

  const names = new Map(cycle.assessments.map((a) => [a.id, pick(a.countryName) || a.country]));
  const nameOf = (a: Candidate) => names.get(a.id) ?? a.country;
  const nameByCode = new Map(candidates.assessments.map((a) => [a.country, nameOf(a)]));
  const rows = [...candidates.assessments].sort((a, b) => nameOf(a).localeCompare(nameOf(b), lang));
  const previous = candidates.previous;
  const version = nextVersion(candidates);
  const problems = checkPublish(candidates, selected, notes);
  const notesProblem = problems.find((p) => p.kind === "notes-required");
  const publishable = candidates.assessments.filter((a) => a.publishable).length;
  const chosen = publishRequest(candidates, selected, notes).assessmentIds;

  function toggle(assessment: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(assessment);
    else next.delete(assessment);
    setSelected(next);
  }

  function describe(problem: PublishProblem): string {
    return problem.kind === "choose-one"
      ? t("pbProblem_choose")
      : t("pbProblem_notes", {
          version: problem.version,
          previous: problem.previousVersion,
          slug: isolate(problem.previousSlug, lang),
        });
  }

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      const done = await sendApi(
        "POST",
        `/api/cycles/${candidates.cycleId}/releases`,
        publishRequest(candidates, selected, notes),
        publishedRelease,
      );
      setConfirming(false);
      onPublished(done);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  const codes = (list: string[]) => list.map((c) => nameByCode.get(c) ?? c).join(", ");
  const diff = compareWithPrevious(candidates, selected);

  return (
    <>
      <form
        className="pb-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          setError(null);
          if (problems.length) {
            // Move to the list of what to fix, which is also announced.
            requestAnimationFrame(() => problemsRef.current?.focus());
            return;
          }
          setConfirming(true);
        }}
      >
        <p className={previous ? "demo-banner" : "muted"}>
          {previous
            ? t("pbCorrection", {
                period: candidates.period,
                previous: previous.version,
                version,
                slug: isolate(previous.slug, lang),
                date: formatDateTime(previous.publishedAt, lang),
              })
            : t("pbFirstRelease", { period: candidates.period })}
        </p>

        <div className="table-scroll">
          <table className="data-table pb-candidates">
            <caption>{t("pbCandidatesCaption", { name: cycleName })}</caption>
            <thead>
              <tr>
                <th scope="col" className="pb-check">
                  {t("pbColInclude")}
                </th>
                <th scope="col">{t("pbColCountry")}</th>
                <th scope="col">{t("pbColStatus")}</th>
                <th scope="col">{t("pbColPublishable")}</th>
                {previous && <th scope="col">{t("pbColInPrevious", { version: previous.version })}</th>}
                {previous && (
                  <th scope="col" className="num">
                    {t("pbColChanged")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const country = nameOf(a);
                const reasonId = `${id}-why-${a.id}`;
                return (
                  <tr key={a.id} className={a.publishable ? undefined : "pb-row--blocked"}>
                    <td className="pb-check">
                      <input
                        type="checkbox"
                        checked={a.publishable && selected.has(a.id)}
                        disabled={!a.publishable || busy}
                        aria-label={t("pbInclude", { country })}
                        aria-describedby={a.publishable ? undefined : reasonId}
                        onChange={(e) => toggle(a.id, e.target.checked)}
                      />
                    </td>
                    <th scope="row">
                      <bdi>{country}</bdi>
                    </th>
                    <td>
                      <StatusChip status={a.status} />
                    </td>
                    <td id={reasonId} className={a.publishable ? undefined : "pb-reason"}>
                      {a.publishable ? t("pbPublishable") : t(notPublishableKey(a.status))}
                    </td>
                    {previous && <td>{a.inPrevious ? t("pbYes") : t("pbNo")}</td>}
                    {previous && (
                      <td className="num">
                        {a.changedAnswers === null
                          ? t("pbNotInPrevious", { version: previous.version })
                          : t("pbChanged", { count: a.changedAnswers })}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="pb-count" aria-live="polite">
          {t("pbSelectedCount", { count: chosen.length, total: publishable })}
        </p>

        <div className="rv-field pb-notes-field">
          <label htmlFor={`${id}-notes`}>{t("pbNotes")}</label>
          <p id={`${id}-notes-hint`} className="form-field__hint">
            {previous
              ? t("pbNotesRequired", { version, previous: previous.version })
              : t("pbNotesOptional", { period: candidates.period })}
          </p>
          <textarea
            id={`${id}-notes`}
            rows={3}
            maxLength={5000}
            value={notes}
            required={Boolean(previous)}
            aria-invalid={tried && notesProblem ? true : undefined}
            aria-describedby={`${id}-notes-hint`}
            onChange={(e) => setNotes(e.target.value)}
            dir="auto"
          />
        </div>

        <dl className="pb-slug-fact">
          <dt>{t("pbSlug")}</dt>
          <dd>
            <code dir="ltr">{portalUrl(candidates.nextSlug)}</code>
          </dd>
        </dl>

        {tried && problems.length > 0 && (
          <div className="form-message form-message--error" role="alert" tabIndex={-1} ref={problemsRef}>
            <ul className="pb-problems">
              {problems.map((p) => (
                <li key={p.kind}>{describe(p)}</li>
              ))}
            </ul>
          </div>
        )}

        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("pbReview")}
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t("pbConfirmTitle", { slug: isolate(candidates.nextSlug, lang) })}
          confirmLabel={t("pbConfirm")}
          busy={busy}
          error={error}
          onConfirm={() => void publish()}
          onClose={() => {
            if (!busy) setConfirming(false);
          }}
        >
          <div className="pb-confirm">
            <p className="form-message form-message--error pb-permanent">{t("pbConfirmPermanent")}</p>
            <h3>{t("pbConfirmCountries", { count: chosen.length })}</h3>
            <p>{codes(candidates.assessments.filter((a) => chosen.includes(a.id)).map((a) => a.country))}</p>
            {previous && diff.added.length > 0 && (
              <p>{t("pbConfirmAdded", { version: previous.version, countries: codes(diff.added) })}</p>
            )}
            {previous && diff.dropped.length > 0 && (
              <p>{t("pbConfirmDropped", { version: previous.version, countries: codes(diff.dropped) })}</p>
            )}
            {diff.changed.length > 0 && <p>{t("pbConfirmChanged", { countries: codes(diff.changed) })}</p>}
            <h3>{t("pbConfirmNotes")}</h3>
            <p className="pb-notes" dir="auto">
              {notes.trim() || t("pbConfirmNoNotes", { period: candidates.period })}
            </p>
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}
