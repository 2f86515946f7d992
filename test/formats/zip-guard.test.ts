import { describe, expect, it } from "vitest";
import { UserError } from "../../src/server/errors.ts";
import { importSlotUsage, withImportSlot } from "../../src/server/files/import-slots.ts";
import { guardZip } from "../../src/server/files/zip-guard.ts";
import { makeZip } from "../support/zip.ts";

const options = { kind: "DOCX file", advice: ["save it again"] };

async function refusal(bytes: Buffer): Promise<UserError> {
  const error = await guardZip(bytes, "f.docx", options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const sound = () =>
  makeZip([
    { name: "word/document.xml", data: Buffer.from("<w:document/>".repeat(50)) },
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
  ]);

describe("the zip guard", () => {
  it("returns the entries of a sound archive", async () => {
    const entries = await guardZip(sound(), "f.docx", options);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ["word/document.xml", 650],
      ["[Content_Types].xml", 8],
    ]);
  });

  it("refuses archives that lie or hide: overlapping entries, a local header that disagrees, ZIP64, encryption", async () => {
    const zip = sound();
    const directory = zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    // Two entries sharing one entry's bytes: how a small file declares gigabytes.
    const twice = makeZip([
      { name: "word/document.xml", data: Buffer.from("<w:document/>") },
      { name: "word/document.xml", data: Buffer.from("<w:document/>") },
    ]);
    const twiceDirectory = twice.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    const twiceSecond = twice.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), twiceDirectory + 4);
    twice.writeUInt32LE(0, twiceSecond + 42);
    expect((await refusal(twice)).message).toMatch(/word\/document\.xml overlaps another entry/);

    const renamed = Buffer.from(zip);
    renamed.write("W", 30, "latin1"); // the first local header now names "Word/document.xml"
    expect((await refusal(renamed)).message).toMatch(/local header disagrees with the zip directory/);

    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, directory + 24);
    expect((await refusal(zip64)).message).toMatch(/ZIP64 archives are not accepted/);

    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(1, directory + 8);
    expect((await refusal(encrypted)).message).toMatch(/is encrypted/);

    const damaged = Buffer.from(zip);
    damaged[60] = damaged[60]! ^ 0xff; // a byte inside the first entry's compressed data
    expect((await refusal(damaged)).message).toMatch(/damaged/);
    expect((await refusal(damaged)).problems).toEqual(["save it again"]);
  });

  it("refuses too many entries, and a whole archive compressed past the ratio", async () => {
    const many = makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `p${i}`, data: Buffer.from("x") })));
    const error = await guardZip(many, "many.zip", { ...options, maxEntries: 20 }).catch((e: UserError) => e);
    expect((error as UserError).message).toMatch(/30 entries, more than the 20 accepted/);
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}`, data: Buffer.alloc(600_000, i) }));
    expect((await refusal(makeZip(parts))).message).toMatch(
      /compressed \d+:1 as a whole; refused \(possible zip bomb\)/,
    );
  });
});

describe("import slots", () => {
  it("runs at most CHILDMARK_IMPORT_CONCURRENCY imports at once, in order, and says busy past the queue", async () => {
    process.env.CHILDMARK_IMPORT_CONCURRENCY = "1";
    try {
      const order: string[] = [];
      let release!: () => void;
      const first = withImportSlot(async () => {
        order.push("first starts");
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        order.push("first ends");
      });
      const queued = Array.from({ length: 8 }, (_, i) =>
        withImportSlot(async () => order.push(`queued ${i}`)),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(importSlotUsage()).toEqual({ running: 1, waiting: 8 });
      const busy = await withImportSlot(async () => "ran").catch((e: UserError) => e);
      expect(busy).toBeInstanceOf(UserError);
      expect((busy as UserError).status).toBe(503);
      expect((busy as UserError).message).toMatch(/busy with other imports; try again in 30 seconds/);
      release();
      await Promise.all([first, ...queued]);
      expect(order.slice(0, 3)).toEqual(["first starts", "first ends", "queued 0"]);
      expect(importSlotUsage()).toEqual({ running: 0, waiting: 0 });
    } finally {
      delete process.env.CHILDMARK_IMPORT_CONCURRENCY;
    }
  });
});
