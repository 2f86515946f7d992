import { describe, expect, it } from "vitest";
import { FairQueue, isBulkWork, runAsBulkWork } from "./fair-queue.ts";

describe("FairQueue", () => {
  it("runs one turn at a time, first come first served", async () => {
    const queue = new FairQueue();
    const order: number[] = [];
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queue.run(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, i % 3));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("lets the event loop run between two turns", async () => {
    const queue = new FairQueue();
    const events: string[] = [];
    const turns = [0, 1, 2].map((i) => queue.run(async () => void events.push(`turn ${i}`)));
    // An I/O-phase callback queued now must run before the queue's later turns, not after all of them.
    setImmediate(() => events.push("event loop"));
    await Promise.all(turns);
    expect(events.indexOf("event loop")).toBeLessThan(events.indexOf("turn 2"));
  });

  it("gives bulk work one turn after every four interactive ones, so neither lane starves", async () => {
    const queue = new FairQueue();
    const order: string[] = [];
    const bulk = runAsBulkWork(() =>
      Promise.all(
        [0, 1].map((i) => {
          expect(isBulkWork()).toBe(true);
          return queue.run(async () => void order.push(`bulk ${i}`));
        }),
      ),
    );
    const interactive = Array.from({ length: 10 }, (_, i) => queue.run(async () => void order.push(`i${i}`)));
    expect(isBulkWork()).toBe(false);
    await Promise.all([bulk, ...interactive]);
    expect(order).toEqual(["i0", "i1", "i2", "i3", "bulk 0", "i4", "i5", "i6", "i7", "bulk 1", "i8", "i9"]);
  });

  it("passes on a failure and goes on with the next turn", async () => {
    const queue = new FairQueue();
    const failed = queue.run(async () => {
      throw new Error("boom");
    });
    const next = queue.run(async () => "next");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("next");
  });
});
