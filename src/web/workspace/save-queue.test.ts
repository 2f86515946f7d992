import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QueuedEdit, ServerAnswer } from "./answer-saver.ts";
import { queueKey } from "./answer-saver.ts";
import { SaveQueue } from "./save-queue.ts";

/** localStorage as a Map, enough for the queue. */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const ID = "a1";
const answer = (value: string | number | null, version: number): ServerAnswer => ({
  value,
  justification: null,
  version,
  updatedBy: "Ana",
  updatedAt: "2026-01-01T00:00:00Z",
});

describe("SaveQueue", () => {
  let storage: MemoryStorage;
  let sent: [string, QueuedEdit][];
  let reply: (code: string, edit: QueuedEdit) => Promise<ServerAnswer>;

  beforeEach(() => {
    vi.useFakeTimers();
    storage = new MemoryStorage();
    sent = [];
    reply = async (_code, edit) => answer(edit.value, edit.expectedVersion + 1);
  });
  afterEach(() => vi.useRealTimers());

  const create = () =>
    new SaveQueue(
      ID,
      [["q1", answer("yes", 3)]],
      (code, edit) => {
        sent.push([code, edit]);
        return reply(code, edit);
      },
      storage,
    );

  it("stores an edit before sending it, waits for typing to stop, and clears it once saved", async () => {
    const queue = create();
    queue.edit("q1", { value: "no", justification: null }, 600);
    expect(JSON.parse(storage.getItem(queueKey(ID, "q1"))!)).toMatchObject({
      value: "no",
      expectedVersion: 3,
    });
    queue.edit("q1", { value: "partially", justification: null }, 600);
    await vi.advanceTimersByTimeAsync(599);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map(([, e]) => e.value)).toEqual(["partially"]);
    expect(queue.state("q1").status).toBe("saved");
    expect(queue.serverAnswer("q1")?.version).toBe(4);
    expect(storage.getItem(queueKey(ID, "q1"))).toBeNull();
  });

  it("keeps an invalid edit local with its message", async () => {
    const queue = create();
    queue.edit("q1", { value: "na", justification: "" }, 0, "needs a reason");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    expect(queue.state("q1")).toEqual({ status: "invalid", message: "needs a reason" });
    expect(queue.content("q1").value).toBe("na");
  });

  it("retries after a network failure with backoff, and at once when asked", async () => {
    let failures = 2;
    reply = async (_code, edit) => {
      if (failures-- > 0) throw new Error("network down");
      return answer(edit.value, 4);
    };
    const queue = create();
    queue.edit("q1", { value: "no", justification: null }, 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.state("q1").status).toBe("offline");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.length).toBe(2);
    expect(queue.state("q1").status).toBe("offline");
    queue.retryAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.state("q1").status).toBe("saved");
    expect(sent.length).toBe(3);
  });

  it("turns a 409 into a conflict; keeping mine resends over their version, taking theirs drops mine", async () => {
    const theirs = { value: "yes", justification: null, version: 7, updatedBy: "Ion", updatedAt: null };
    reply = async (_code, edit) => {
      if (edit.expectedVersion < 7)
        throw Object.assign(new Error("conflict"), { status: 409, body: { current: theirs } });
      return answer(edit.value, 8);
    };
    const queue = create();
    queue.edit("q1", { value: "no", justification: null }, 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.state("q1")).toMatchObject({ status: "conflict", theirs });
    expect(queue.content("q1").value).toBe("no");
    queue.keepMine("q1");
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)![1].expectedVersion).toBe(7);
    expect(queue.state("q1").status).toBe("saved");

    queue.edit("q1", { value: "partially", justification: null }, 0);
    // The server moved on again: the next save conflicts and this time theirs is taken.
    const newer = { ...theirs, version: 20 };
    reply = async () => {
      throw Object.assign(new Error("conflict"), { status: 409, body: { current: newer } });
    };
    await vi.advanceTimersByTimeAsync(0);
    queue.takeTheirs("q1");
    expect(queue.content("q1")).toMatchObject({ value: "yes", version: 20 });
    expect(storage.getItem(queueKey(ID, "q1"))).toBeNull();
  });

  it("sends the edits left by an earlier page (a reload) as soon as it starts", async () => {
    storage.setItem(
      queueKey(ID, "q1"),
      JSON.stringify({ value: "no", justification: null, expectedVersion: 3, seq: 1 }),
    );
    storage.setItem(
      queueKey("other", "q1"),
      JSON.stringify({ value: "x", justification: null, expectedVersion: 0, seq: 1 }),
    );
    const queue = create();
    expect(queue.content("q1").value).toBe("no");
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map(([code, e]) => [code, e.value, e.expectedVersion])).toEqual([["q1", "no", 3]]);
    expect(queue.state("q1").status).toBe("saved");
  });

  it("shows a refusal that a retry cannot fix and keeps the edit", async () => {
    reply = async () => {
      throw Object.assign(new Error("value: q1 takes a text answer"), { status: 400, body: null });
    };
    const queue = create();
    queue.edit("q1", { value: "no", justification: null }, 0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent.length).toBe(1);
    expect(queue.state("q1")).toEqual({ status: "error", message: "value: q1 takes a text answer" });
    expect(storage.getItem(queueKey(ID, "q1"))).not.toBeNull();
  });
});
