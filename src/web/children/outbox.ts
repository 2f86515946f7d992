import type { SubmissionBody } from "../../server/api-schemas/children.ts";

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

/** How many children's answers wait on this device. */
export function waitingCount(): number {
  return read().length;
}

/**
 * Tries to send everything waiting; returns how many are still waiting. A refusal other than a
 * network failure or overload (the consultation closed, an invalid answer) drops the entry:
 * retrying would never succeed.
 */
export async function sendWaiting(): Promise<number> {
  for (const pending of read()) {
    try {
      const response = await fetch(`/api/children/join/${encodeURIComponent(pending.code)}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(pending.body),
        credentials: "omit",
      });
      if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429))
        write(read().filter((p) => p.body.submissionId !== pending.body.submissionId));
    } catch {
      // Offline: keep it for the next try.
    }
  }
  return waitingCount();
}
