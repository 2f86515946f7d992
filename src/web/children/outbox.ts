import type { SubmissionBody } from "../../server/api-schemas/children.ts";
import { type ChildProblem, isPassing, problemOf } from "./child-words.ts";

/*
 * Answers waiting to be sent, kept in the browser (localStorage) so that a lost connection loses
 * nothing: each entry carries the submission id the server uses to store it once, however many
 * times it is retried. An entry is removed as soon as the server confirms it.
 */

const KEY = "childmark.children.outbox";

interface Pending {
  code: string;
  body: SubmissionBody;
}

function read(): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as Pending[];
  } catch {
    return [];
  }
}

function write(list: Pending[]): void {
  if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
  else localStorage.removeItem(KEY);
}

/** Keeps a child's answers until the server has them. */
export function keepForSending(code: string, body: SubmissionBody): void {
  write([...read().filter((p) => p.body.submissionId !== body.submissionId), { code, body }]);
}

/** Whether a child's answers still wait on this device to be sent. */
export function isWaiting(submissionId: string): boolean {
  return read().some((p) => p.body.submissionId === submissionId);
}

/** How many children's answers wait on this device. */
export function waitingCount(): number {
  return read().length;
}

/** A child's answers the server refused for good: they left the device unsent. */
export interface Refused {
  submissionId: string;
  problem: ChildProblem;
}

/**
 * Tries to send everything waiting; says how many are still waiting and which the server refused.
 * A refusal other than a network failure, overload or server error (the consultation closed, an
 * invalid answer) drops the entry, since retrying would never succeed, and is reported so that
 * the page can say so in the child's language.
 */
export async function sendWaiting(): Promise<{ waiting: number; refused: Refused[] }> {
  const refused: Refused[] = [];
  for (const pending of read()) {
    try {
      const response = await fetch(`/api/children/join/${encodeURIComponent(pending.code)}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(pending.body),
        credentials: "omit",
      });
      if (response.ok) forget(pending.body.submissionId);
      else {
        const problem = await problemOf(response);
        if (!isPassing(problem)) {
          forget(pending.body.submissionId);
          refused.push({ submissionId: pending.body.submissionId, problem });
        }
      }
    } catch {
      // Offline: keep it for the next try.
    }
  }
  return { waiting: waitingCount(), refused };
}

function forget(submissionId: string): void {
  write(read().filter((p) => p.body.submissionId !== submissionId));
}
