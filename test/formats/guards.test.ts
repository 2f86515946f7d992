import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/server/errors.ts";
import { parseFrameworkJson, readFrameworkFile } from "../../src/server/frameworks/read-framework-file.ts";
import { readFrameworkWorkbook } from "../../src/server/frameworks/xlsx/read-workbook.ts";
import { readXlsForm } from "../../src/server/frameworks/xlsx/read-xlsform.ts";
import { writeFrameworkWorkbook } from "../../src/server/frameworks/xlsx/write-workbook.ts";
import { REPO_ROOT, runCli } from "../support/run-cli.ts";
import { makeZip } from "../support/zip.ts";

const hdiJson = () => readFileSync(join(REPO_ROOT, "examples/hdi/framework.json"));
const tmp = () => mkdtempSync(join(tmpdir(), "childmark-guards-"));

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("file-safety guards of the framework readers", () => {
  afterEach(() => {
    delete process.env.CHILDMARK_MAX_UPLOAD_MB;
    delete process.env.CHILDMARK_MAX_UNPACKED_MB;
  });

  it("refuses files over the configured size, on disk and as bytes", async () => {
    const bytes = await writeFrameworkWorkbook(parseFrameworkJson(hdiJson()));
    const path = join(tmp(), "hdi.xlsx");
    writeFileSync(path, bytes);
    process.env.CHILDMARK_MAX_UPLOAD_MB = String(bytes.length / 2 / 1048576);
    expect((await rejection(readFrameworkFile(path))).message).toMatch(
      /over the limit of .* MB \(set CHILDMARK_MAX_UPLOAD_MB/,
    );
    expect((await rejection(readFrameworkWorkbook(bytes, "hdi.xlsx"))).message).toMatch(/over the limit/);
    const cli = runCli(["framework", "validate", path], {
      CHILDMARK_MAX_UPLOAD_MB: process.env.CHILDMARK_MAX_UPLOAD_MB,
    });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("over the limit");
  });

  it("refuses a zip bomb from its central directory, before inflating it", async () => {
    const bomb = makeZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(60 * 1048576) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const started = Date.now();
    const error = await rejection(readFrameworkWorkbook(bomb, "bomb.xlsx"));
    expect(error.message).toMatch(/compressed \d+:1; refused \(possible zip bomb\)/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses archives whose parts unpack past the limit in total, or past their declared size", async () => {
    process.env.CHILDMARK_MAX_UNPACKED_MB = "1";
    const many = makeZip(
      Array.from({ length: 8 }, (_, i) => ({
        name: `part${i}.xml`,
        data: Buffer.from(`<x>${"ab".repeat(100_000)}${i}</x>`),
      })),
    );
    expect((await rejection(readFrameworkWorkbook(many, "big.xlsx"))).message).toMatch(
      /unpacks to more than 1 MB/,
    );
    delete process.env.CHILDMARK_MAX_UNPACKED_MB;
    const liar = makeZip([
      { name: "[Content_Types].xml", data: Buffer.alloc(5 * 1048576, 32), declaredSize: 100 },
    ]);
    expect((await rejection(readFrameworkWorkbook(liar, "liar.xlsx"))).message).toMatch(
      /larger than declared/,
    );
  });

  it("refuses bytes that are not a spreadsheet, naming the file and what to do", async () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n");
    expect((await rejection(readFrameworkWorkbook(pdf, "report.pdf"))).toString()).toContain(
      'report.pdf is not an XLSX spreadsheet (an .xlsx file is a zip archive starting with "PK")',
    );
    const truncated = (await writeFrameworkWorkbook(parseFrameworkJson(hdiJson()))).subarray(0, 3000);
    expect((await rejection(readFrameworkWorkbook(truncated, "cut.xlsx"))).message).toMatch(
      /cut\.xlsx is not a readable XLSX spreadsheet/,
    );
    const notExcel = makeZip([{ name: "hello.txt", data: Buffer.from("hello") }]);
    expect((await rejection(readXlsForm(notExcel, "hello.zip"))).message).toMatch(
      /hello\.zip (is not a readable XLSX|has no worksheets)/,
    );
    const path = join(tmp(), "notes.xlsx");
    writeFileSync(path, "a,b\n1,2\n");
    expect((await rejection(readFrameworkFile(path))).message).toContain(
      "is not an XLSX spreadsheet (its bytes are not a zip archive)",
    );
  });
});
