import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { validateFramework } from "../../src/core/index.ts";
import { readAnswersCsv } from "../../src/server/data/read-answers-csv.ts";
import { UserError } from "../../src/server/errors.ts";
import { parseFrameworkJson } from "../../src/server/frameworks/read-framework-file.ts";
import { readFrameworkWorkbook } from "../../src/server/frameworks/xlsx/read-workbook.ts";
import { readXlsForm } from "../../src/server/frameworks/xlsx/read-xlsform.ts";
import { writeFrameworkWorkbook } from "../../src/server/frameworks/xlsx/write-workbook.ts";
import { REPO_ROOT } from "../support/run-cli.ts";
import { sharedData } from "../support/shared-data.ts";

/** Every reader of user files, as one function from bytes to a result. */
const READERS: Record<string, (bytes: Buffer) => unknown> = {
  json: (b) => parseFrameworkJson(b, "fuzz.json"),
  workbook: (b) => readFrameworkWorkbook(b, "fuzz.xlsx"),
  xlsform: async (b) => (await readXlsForm(b, "fuzz.xlsx")).framework,
  answersCsv: (b) => readAnswersCsv(b.toString("utf8"), "fuzz.csv"),
};
const HANG_MS = 10_000;

/** Runs a reader; passes when it returns a valid framework (or answers) or throws a UserError, fails on anything else or a hang. */
async function expectValidOrUserError(reader: string, bytes: Buffer): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${reader} did not finish within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => READERS[reader]!(bytes)), hang]);
    if (reader === "answersCsv") expect(Array.isArray(result)).toBe(true);
    else expect(validateFramework(result).ok).toBe(true);
  } catch (error) {
    if (!(error instanceof UserError)) throw new Error(`${reader} threw ${String(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Flips, overwrites and truncates bytes of a real file. */
const mutated = (seed: Buffer) =>
  fc
    .record({
      flips: fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 1, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      }),
      cut: fc.option(fc.nat(seed.length), { nil: undefined }),
    })
    .map(({ flips, cut }) => {
      const copy = Buffer.from(seed);
      for (const [at, mask] of flips) copy[at] = copy[at]! ^ mask;
      return cut === undefined ? copy : copy.subarray(0, cut);
    });

describe("every reader returns a valid framework or throws UserError, whatever the bytes", () => {
  const seeds: Record<string, Buffer> = {};
  beforeAll(async () => {
    seeds.json = readFileSync(join(REPO_ROOT, "examples/hdi/framework.json"));
    seeds.xlsx = await writeFrameworkWorkbook(parseFrameworkJson(seeds.json));
    seeds.csv = Buffer.from("entity,period,indicator,value\nMDA,2022,le,68.6\nMDA,2022,eys,14.4\n");
    const spec = sharedData("xlsform", "xlsform_spec_test.xlsx");
    if (existsSync(spec)) seeds.xlsform = readFileSync(spec);
  });

  it("random bytes, with and without a zip signature", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.uint8Array({ maxLength: 4096 }).map((b) => Uint8Array.from([0x50, 0x4b, 3, 4, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...Object.keys(READERS)), async (b, reader) => {
        await expectValidOrUserError(reader, Buffer.from(b));
      }),
      { numRuns: 300 },
    );
  });

  it.each(["json", "xlsx", "xlsform", "csv"])(
    "mutated real %s files (bytes flipped, truncated)",
    async (kind) => {
      const seed = seeds[kind];
      if (!seed) return; // the XLSForm comes from the shared data, absent outside CI
      await fc.assert(
        fc.asyncProperty(mutated(seed), fc.constantFrom(...Object.keys(READERS)), async (b, reader) => {
          await expectValidOrUserError(reader, b);
        }),
        { numRuns: 150 },
      );
    },
  );

  const values = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      "data",
      "scale",
      "checklist",
      "geometric",
      "-1",
      "hdi",
      "health",
      "::",
      "label::",
      "TRUE",
    ),
    fc.constantFrom(
      "begin group",
      "end group",
      "begin repeat",
      "end repeat",
      "select_one yes_no",
      "select_one nope",
      "integer",
      "label::fr",
      "yes",
      "no",
    ),
  );

  /** Loads a workbook, sets random cells, writes it again: valid zips whose sheets hold nonsense. */
  async function editCells(bytes: Buffer, list: [number, number, number, unknown][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    // Shared formulas in the pyxform file stop ExcelJS from writing edited copies; keep their results instead.
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) cell.value = cell.result ?? null;
        }),
      );
    }
    for (const [sheet, row, col, value] of list) {
      wb.worksheets[sheet % wb.worksheets.length]!.getCell(row, col).value = value as ExcelJS.CellValue;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it("template workbooks with random cell edits (past the zip checksums, into the sheets)", async () => {
    const edits = fc.array(
      fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 14 }), values),
      {
        minLength: 1,
        maxLength: 6,
      },
    );
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        await expectValidOrUserError("workbook", await editCells(seeds.xlsx!, list));
      }),
      { numRuns: 150 },
    );
  });

  it("XLSForms with random cell edits", async () => {
    const seed = seeds.xlsform;
    if (!seed) return;
    const edits = fc.array(
      fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20 }), values),
      {
        minLength: 1,
        maxLength: 8,
      },
    );
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        await expectValidOrUserError("xlsform", await editCells(seed, list));
      }),
      { numRuns: 25 }, // each run loads and writes the 1,000-row sheets of the pyxform file (~1 s)
    );
  }, 120_000);
});
