import type { CurrentAnswer } from "../../server/api-schemas/assessments.ts";

/** What an answer holds: its value and the justification ("not applicable" needs one). */
export interface AnswerContent {
  value: string | number | null;
  justification: string | null;
}

/** The server's copy of an answer, as last seen. */
export interface ServerAnswer extends AnswerContent {
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** An edit waiting to be sent, kept in localStorage until the server has it. */
export interface QueuedEdit extends AnswerContent {
  expectedVersion: number;
  /** Increases with each edit, so a reply never clears a newer edit. */
  seq: number;
  /** A reason the edit cannot be sent as it is (checked in the browser first). */
  invalid?: string;
}

export type SaveStatus =
  | "idle"
  | "pending"
  | "saving"
  | "saved"
  | "offline"
  | "conflict"
  | "error"
  | "invalid";

export interface SaveState {
  status: SaveStatus;
  message?: string;
  /** For a conflict: the other person's answer. */
  theirs?: CurrentAnswer;
}

/** How an edit reaches the server; throws `{status, body}` errors for refusals, anything else for network trouble. */
export type SendAnswer = (code: string, edit: QueuedEdit) => Promise<ServerAnswer>;

/** A refusal by the server (as opposed to a network failure, which is retried). */
export interface Refusal {
  status: number;
  body: unknown;
  message: string;
}

/** Storage key of one queued edit: one key per assessment and indicator. */
export function queueKey(assessmentId: string, code: string): string {
  return `childmark.answer-edit.${assessmentId}.${code}`;
}

/** Reads every queued edit of an assessment left by an earlier visit (e.g. before a reload). */
export function readQueuedEdits(storage: Storage, assessmentId: string): Map<string, QueuedEdit> {
  const prefix = queueKey(assessmentId, "");
  const found = new Map<string, QueuedEdit>();
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(prefix)) continue;
    try {
      const edit = JSON.parse(storage.getItem(key) ?? "") as QueuedEdit;
      if (typeof edit.expectedVersion === "number") found.set(key.slice(prefix.length), edit);
    } catch {
      // A damaged entry cannot be sent; dropping it beats blocking every other edit.
      storage.removeItem(key);
    }
  }
  return found;
}

/** Delay before the n-th retry (1 s, 2 s, 4 s … at most 30 s). */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}
