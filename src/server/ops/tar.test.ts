import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTar, TAR_END, tarFileHeader, tarPadding } from "./tar.ts";

const LONG = `uploads/2026/${"a-very-long-folder-name/".repeat(5)}evidence.pdf`;

function archive(files: Record<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    parts.push(tarFileHeader(name, bytes.length), bytes, tarPadding(bytes.length));
  }
  return Buffer.concat([...parts, TAR_END]);
}

async function entries(tar: Buffer, chunkSize = 700): Promise<Record<string, string>> {
  async function* chunks() {
    for (let i = 0; i < tar.length; i += chunkSize) yield tar.subarray(i, i + chunkSize);
  }
  const out: Record<string, string> = {};
  for await (const entry of readTar(chunks())) {
    const parts: Buffer[] = [];
    if (!entry.name.endsWith("skip")) for await (const part of entry.body) parts.push(part);
    out[entry.name] = Buffer.concat(parts).toString();
  }
  return out;
}

describe("tar", () => {
  const files = {
    "manifest.json": Buffer.from("{}"),
    [LONG]: Buffer.from("x".repeat(1500)),
    skip: Buffer.from("y"),
  };

  it("reads back what it writes, long names included, whatever the chunk sizes", async () => {
    for (const size of [1, 511, 512, 700, 100_000]) {
      expect(await entries(archive(files), size)).toEqual({
        "manifest.json": "{}",
        [LONG]: "x".repeat(1500),
        skip: "",
      });
    }
  });

  it("writes archives that tar lists, and reads archives tar writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-tar-"));
    writeFileSync(join(dir, "ours.tar"), archive(files));
    const listed = spawnSync("tar", ["-tf", join(dir, "ours.tar")], { encoding: "utf8" });
    expect(listed.stdout.trim().split("\n")).toEqual(Object.keys(files));
    const made = spawnSync("tar", ["--format=pax", "-cf", join(dir, "theirs.tar"), "-C", dir, "ours.tar"]);
    expect(made.status).toBe(0);
    const read = await entries(readFileSync(join(dir, "theirs.tar")));
    expect(Object.keys(read)).toEqual(["ours.tar"]);
  });

  it("refuses a changed header and an archive cut short", async () => {
    const tar = archive(files);
    const changed = Buffer.from(tar);
    changed[0] = "n".charCodeAt(0);
    await expect(entries(changed)).rejects.toThrow(/header does not match its checksum/);
    await expect(entries(tar.subarray(0, 1200))).rejects.toThrow(/ends in the middle of an entry/);
    await expect(entries(tar.subarray(0, tar.length - 1024))).rejects.toThrow(/ends without the end/);
  });
});
