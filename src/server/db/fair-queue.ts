import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The two lanes of database work: what a person waits for (a page, a save)
 * and bulk work (imports, restores) that may take seconds.
 */
export type Lane = "interactive" | "bulk";

const laneOfWork = new AsyncLocalStorage<Lane>();

/** Runs `work` with its database turns in the bulk lane (for imports and other long jobs). */
export function runAsBulkWork<T>(work: () => Promise<T>): Promise<T> {
  return laneOfWork.run("bulk", work);
}

/** Whether the caller runs inside `runAsBulkWork`. */
export function isBulkWork(): boolean {
  return laneOfWork.getStore() === "bulk";
}

/** Bulk work gets one turn after this many interactive turns in a row, so neither lane starves. */
const INTERACTIVE_TURNS_PER_BULK_TURN = 4;

/**
 * One turn at a time, first come first served within a lane, each turn
 * started from a fresh event-loop iteration.
 *
 * Why: PGlite is one PostgreSQL backend in this process and runs each
 * statement synchronously in WASM. Its own mutex hands over from one waiter to
 * the next through promise callbacks, so a queue of statements runs back to
 * back without the event loop ever reaching its I/O phase: while 200 editors'
 * requests were queued, new connections were accepted at a few per second and
 * most editors waited 30 s for their first answer while a few were served
 * again and again. Starting each turn with `setImmediate` lets Node accept
 * connections and read requests between two statements, so every waiting
 * request joins the queue and is served in its order.
 */
export class FairQueue {
  readonly #waiting: Record<Lane, (() => void)[]> = { interactive: [], bulk: [] };
  #busy = false;
  #scheduled = false;
  #interactiveInARow = 0;

  /** Runs `work` when its turn comes; the lane is the caller's (`runAsBulkWork`) unless given. */
  async run<T>(work: () => Promise<T>, lane: Lane = laneOfWork.getStore() ?? "interactive"): Promise<T> {
    await new Promise<void>((resolve) => {
      this.#waiting[lane].push(resolve);
      this.#schedule();
    });
    try {
      return await work();
    } finally {
      this.#busy = false;
      this.#schedule();
    }
  }

  /** Turns waiting now, by lane. */
  get waiting(): Record<Lane, number> {
    return { interactive: this.#waiting.interactive.length, bulk: this.#waiting.bulk.length };
  }

  #schedule(): void {
    if (this.#busy || this.#scheduled) return;
    if (this.#waiting.interactive.length === 0 && this.#waiting.bulk.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#busy) return;
      const next = this.#next();
      if (!next) return;
      this.#busy = true;
      next();
    });
  }

  #next(): (() => void) | undefined {
    const { interactive, bulk } = this.#waiting;
    if (
      bulk.length > 0 &&
      (interactive.length === 0 || this.#interactiveInARow >= INTERACTIVE_TURNS_PER_BULK_TURN)
    ) {
      this.#interactiveInARow = 0;
      return bulk.shift();
    }
    this.#interactiveInARow++;
    return interactive.shift();
  }
}
