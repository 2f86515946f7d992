import { runAsBulkWork } from "../db/fair-queue.ts";
import { UserError } from "../errors.ts";
import { importConcurrency } from "./limits.ts";

/** How long a request waits for a free slot before it is told to retry. */
const WAIT_MS = 20_000;
/** More waiting than this and the newest request is told to retry at once. */
const MAX_WAITING = 8;
export const RETRY_AFTER_SECONDS = 30;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `work` (reading an upload, unpacking and parsing it) when fewer than
 * `CHILDMARK_IMPORT_CONCURRENCY` such jobs are running in this process, so a
 * burst of large imports queues instead of exhausting memory. A request that
 * would wait too long gets a 503 "busy, retry" (with Retry-After) instead.
 */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  await takeSlot();
  try {
    // On PGlite its database turns go to the bulk lane, so people's short requests keep their turns.
    return await runAsBulkWork(work);
  } finally {
    releaseSlot();
  }
}

async function takeSlot(): Promise<void> {
  if (running < importConcurrency()) {
    running++;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw busy();
  await new Promise<void>((resolve, reject) => {
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(wake), 1);
      reject(busy());
    }, WAIT_MS);
    waiting.push(wake);
  });
}

/** Hands the slot straight to the oldest waiting request, or frees it. */
function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function busy(): UserError {
  return new UserError(
    `the server is busy with other imports; try again in ${RETRY_AFTER_SECONDS} seconds`,
    [`at most ${importConcurrency()} imports run at once (CHILDMARK_IMPORT_CONCURRENCY)`],
    503,
  );
}

/** Imports running and waiting now, for tests and the operations page. */
export function importSlotUsage(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}
