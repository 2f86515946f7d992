import {
  type AnswerContent,
  type QueuedEdit,
  queueKey,
  type Refusal,
  readQueuedEdits,
  retryDelay,
  type SaveState,
  type SendAnswer,
  type ServerAnswer,
} from "./answer-saver.ts";

const idle: SaveState = { status: "idle" };

/**
 * Autosave for one assessment. Every edit is written to localStorage before
 * it is sent, so nothing typed is lost to a dropped network or a reload;
 * network failures are retried with backoff and on the `online` event; a stale
 * version comes back as a conflict for the person to resolve, never overwritten.
 */
export class SaveQueue {
  private readonly server = new Map<string, ServerAnswer>();
  private readonly queue = new Map<string, QueuedEdit>();
  private readonly states = new Map<string, SaveState>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  /** Bumped on every change so React can tell a new snapshot from an old one. */
  revision = 0;

  constructor(
    private readonly assessmentId: string,
    answers: Iterable<[string, ServerAnswer]>,
    private readonly send: SendAnswer,
    private readonly storage: Storage,
  ) {
    for (const [code, answer] of answers) this.server.set(code, answer);
    for (const [code, edit] of readQueuedEdits(storage, assessmentId)) {
      this.queue.set(code, { ...edit, seq: ++this.seq });
      this.setState(
        code,
        edit.invalid ? { status: "invalid", message: edit.invalid } : { status: "pending" },
      );
      if (!edit.invalid) this.schedule(code, 0);
    }
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** What the page shows: the unsent edit if any, else the server's answer. */
  content(code: string): AnswerContent {
    return this.queue.get(code) ?? this.server.get(code) ?? { value: null, justification: null };
  }

  serverAnswer(code: string): ServerAnswer | undefined {
    return this.server.get(code);
  }

  state(code: string): SaveState {
    return this.states.get(code) ?? idle;
  }

  /** Every indicator with a save state other than idle. */
  activeStates(): [string, SaveState][] {
    return [...this.states].filter(([, s]) => s.status !== "idle");
  }

  /**
   * Records an edit (persisted at once) and sends it after `delay` ms; a newer
   * edit within the delay replaces it. `invalid` keeps it local with that message.
   */
  edit(code: string, content: AnswerContent, delay: number, invalid?: string): void {
    const previous = this.queue.get(code);
    const expectedVersion = previous?.expectedVersion ?? this.server.get(code)?.version ?? 0;
    const edit: QueuedEdit = {
      ...content,
      expectedVersion,
      seq: ++this.seq,
      ...(invalid ? { invalid } : {}),
    };
    this.queue.set(code, edit);
    this.persist(code, edit);
    if (invalid) {
      this.clearTimer(code);
      this.setState(code, { status: "invalid", message: invalid });
      return;
    }
    if (this.state(code).status !== "conflict") this.setState(code, { status: "pending" });
    this.schedule(code, delay);
  }

  /** Sends every waiting edit now (the browser came back online, or the person asked). */
  retryAll(): void {
    for (const [code, edit] of this.queue) {
      const status = this.state(code).status;
      if (!edit.invalid && status !== "conflict") {
        this.attempts.set(code, 0);
        this.schedule(code, 0);
      }
    }
  }

  /** Resolves a conflict by sending this person's value over the version they have now seen. */
  keepMine(code: string): void {
    const theirs = this.state(code).theirs;
    const edit = this.queue.get(code);
    if (!theirs || !edit) return;
    this.queue.set(code, { ...edit, expectedVersion: theirs.version });
    this.persist(code, this.queue.get(code)!);
    this.setState(code, { status: "pending" });
    this.schedule(code, 0);
  }

  /** Resolves a conflict by taking the other person's answer and dropping this edit. */
  takeTheirs(code: string): void {
    const theirs = this.state(code).theirs;
    if (!theirs) return;
    this.accept(code, theirs);
    this.drop(code);
    this.setState(code, { status: "idle" });
  }

  /** Takes an answer the server returned by another route (a restore). */
  accept(code: string, answer: ServerAnswer): void {
    this.server.set(code, answer);
    const edit = this.queue.get(code);
    if (edit && edit.expectedVersion < answer.version && this.state(code).status !== "conflict") {
      // The unsent edit started from an older version: let the server say whether that conflicts.
      this.schedule(code, 0);
    }
    this.changed();
  }

  /** Stops timers (the page is closing); queued edits stay in localStorage. */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  private schedule(code: string, delay: number): void {
    this.clearTimer(code);
    this.timers.set(
      code,
      setTimeout(() => {
        this.timers.delete(code);
        void this.flush(code);
      }, delay),
    );
  }

  private clearTimer(code: string): void {
    const timer = this.timers.get(code);
    if (timer) clearTimeout(timer);
    this.timers.delete(code);
  }

  private async flush(code: string): Promise<void> {
    const edit = this.queue.get(code);
    if (!edit || edit.invalid || this.inFlight.has(code)) return;
    this.inFlight.add(code);
    this.setState(code, { status: "saving" });
    try {
      const saved = await this.send(code, edit);
      this.attempts.delete(code);
      this.server.set(code, saved);
      const latest = this.queue.get(code);
      if (latest && latest.seq === edit.seq) {
        this.drop(code);
        this.setState(code, { status: "saved" });
      } else if (latest) {
        // Typed again while this was on its way: send the newer edit over the new version.
        this.queue.set(code, { ...latest, expectedVersion: saved.version });
        this.persist(code, this.queue.get(code)!);
        this.schedule(code, 0);
      }
    } catch (error) {
      this.handleFailure(code, error);
    } finally {
      this.inFlight.delete(code);
      this.changed();
    }
  }

  private handleFailure(code: string, error: unknown): void {
    const refusal = asRefusal(error);
    if (refusal?.status === 409) {
      const current = (refusal.body as { current?: SaveState["theirs"] } | null)?.current;
      if (current) {
        this.server.set(code, current);
        this.setState(code, { status: "conflict", theirs: current });
        return;
      }
    }
    if (refusal && refusal.status < 500) {
      // Retrying cannot help: say why and keep the edit so nothing typed disappears.
      this.setState(code, { status: "error", message: refusal.message });
      return;
    }
    const attempt = this.attempts.get(code) ?? 0;
    this.attempts.set(code, attempt + 1);
    this.setState(code, { status: "offline" });
    this.schedule(code, retryDelay(attempt));
  }

  private drop(code: string): void {
    this.queue.delete(code);
    this.storage.removeItem(queueKey(this.assessmentId, code));
  }

  private persist(code: string, edit: QueuedEdit): void {
    try {
      this.storage.setItem(queueKey(this.assessmentId, code), JSON.stringify(edit));
    } catch {
      // Storage full or blocked: the edit is still sent from memory.
    }
  }

  private setState(code: string, state: SaveState): void {
    this.states.set(code, state);
    this.changed();
  }

  private changed(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }
}

function asRefusal(error: unknown): Refusal | null {
  if (typeof error === "object" && error !== null && typeof (error as Refusal).status === "number") {
    const e = error as Refusal & Error;
    return { status: e.status, body: e.body, message: e.message };
  }
  return null;
}
