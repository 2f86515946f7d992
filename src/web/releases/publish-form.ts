import type { ReleaseCandidatesOut } from "../../server/api-schemas/releases.ts";

/*
 * The decisions of the publish panel, kept pure so they are tested without a browser: which
 * boxes start checked, whether notes are required (a correction), what is wrong before sending,
 * and the request body. The server checks everything again; this only saves a round trip.
 */

export type Candidates = ReleaseCandidatesOut;
export type Candidate = Candidates["assessments"][number];

/** Validated assessments start checked; the others cannot be checked at all. */
export function initialSelection(candidates: Candidates): Set<string> {
  return new Set(candidates.assessments.filter((a) => a.publishable).map((a) => a.id));
}

/** The version the next release will have (the server's nextSlug ends with it). */
export function nextVersion(candidates: Candidates): number {
  return (candidates.previous?.version ?? 0) + 1;
}

/** A later release of an already published period is a correction: it must say what it changes. */
export function isCorrection(candidates: Candidates): boolean {
  return candidates.previous !== null;
}

/** What stops publishing now, in the order a reader would fix it. */
export type PublishProblem =
  | { kind: "choose-one" }
  | { kind: "notes-required"; version: number; previousVersion: number; previousSlug: string };

/** The problems with the current choice and notes; empty when it may be sent. */
export function checkPublish(
  candidates: Candidates,
  selected: ReadonlySet<string>,
  notes: string,
): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (chosenIds(candidates, selected).length === 0) problems.push({ kind: "choose-one" });
  if (candidates.previous && !notes.trim()) {
    problems.push({
      kind: "notes-required",
      version: nextVersion(candidates),
      previousVersion: candidates.previous.version,
      previousSlug: candidates.previous.slug,
    });
  }
  return problems;
}

/** The checked ids that may be published, in the candidates' order (a stale id is never sent). */
function chosenIds(candidates: Candidates, selected: ReadonlySet<string>): string[] {
  return candidates.assessments.filter((a) => a.publishable && selected.has(a.id)).map((a) => a.id);
}

/** The body of `POST /api/cycles/:id/releases`. */
export function publishRequest(
  candidates: Candidates,
  selected: ReadonlySet<string>,
  notes: string,
): { assessmentIds: string[]; notes?: string } {
  const text = notes.trim();
  return { assessmentIds: chosenIds(candidates, selected), ...(text ? { notes: text } : {}) };
}

/**
 * How the choice differs from the previous release of the period, by country code: the ones
 * added, the ones left out that were in it, and the ones republished with changed answers.
 */
export function compareWithPrevious(
  candidates: Candidates,
  selected: ReadonlySet<string>,
): { added: string[]; dropped: string[]; changed: string[] } {
  const chosen = new Set(chosenIds(candidates, selected));
  const added: string[] = [];
  const dropped: string[] = [];
  const changed: string[] = [];
  if (!candidates.previous) return { added, dropped, changed };
  for (const a of candidates.assessments) {
    if (chosen.has(a.id) && !a.inPrevious) added.push(a.country);
    if (!chosen.has(a.id) && a.inPrevious) dropped.push(a.country);
    if (chosen.has(a.id) && a.inPrevious && (a.changedAnswers ?? 0) > 0) changed.push(a.country);
  }
  return { added, dropped, changed };
}
