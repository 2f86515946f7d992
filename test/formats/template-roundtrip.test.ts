import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateFramework } from "../../src/core/index.ts";
import { parseFrameworkJson } from "../../src/server/frameworks/read-framework-file.ts";
import { readFrameworkWorkbook } from "../../src/server/frameworks/xlsx/read-workbook.ts";
import { writeFrameworkWorkbook } from "../../src/server/frameworks/xlsx/write-workbook.ts";
import { REPO_ROOT } from "../support/run-cli.ts";
import { frameworkInput } from "./framework-arbitrary.ts";

const example = (name: string) => join(REPO_ROOT, "examples", name, "framework.json");

describe("XLSX framework template: JSON → XLSX → JSON is lossless", () => {
  it("round-trips the HDI example", async () => {
    const fw = parseFrameworkJson(readFileSync(example("hdi")), "hdi");
    const back = await readFrameworkWorkbook(await writeFrameworkWorkbook(fw), "hdi.xlsx");
    expect(back).toEqual(fw);
  });

  it.skipIf(!existsSync(example("cpi-demo")))(
    "round-trips the CPI demo (158 indicators, classifications)",
    async () => {
      const fw = parseFrameworkJson(readFileSync(example("cpi-demo")), "cpi-demo");
      const back = await readFrameworkWorkbook(await writeFrameworkWorkbook(fw), "cpi-demo.xlsx");
      expect(back).toEqual(fw);
      expect(back.indicators.length).toBeGreaterThan(100);
    },
  );

  it("round-trips a crosswalk, groups of countries, a distance and a banding through their sheets and cells", async () => {
    const hdi = parseFrameworkJson(readFileSync(example("hdi")), "hdi");
    const [root, ...rest] = hdi.nodes;
    const fw = {
      ...hdi,
      nodes: [
        {
          ...root!,
          normalisation: "banded" as const,
          thresholds: [
            { from: 0, score: 0 },
            { from: 0.55, score: 0.5 },
            { from: 0.8, score: 1 },
          ],
        },
        ...rest.map((n, k) =>
          k === 0
            ? { ...n, normalisation: "distance" as const, reference: "NO", imputation: "group" as const }
            : n,
        ),
      ],
      groups: [{ code: "europe", label: { en: "Europe" }, members: ["NO", "CH"] }],
      crosswalks: [
        {
          fromVersion: "2019",
          entries: [
            {
              from: "old_health",
              to: hdi.indicators[0]!.code,
              change: "renamed" as const,
              note: { en: "New code" },
            },
            { from: "gni_old", to: null, change: "removed" as const },
          ],
        },
      ],
    };
    expect(validateFramework(fw).ok).toBe(true);
    const xlsx = await writeFrameworkWorkbook(fw);
    expect(await readFrameworkWorkbook(xlsx, "hdi.xlsx")).toEqual(fw);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const rows = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
    expect(rows("crosswalk")).toEqual([
      ["fromVersion", "from", "to", "change", "note::en", "note::fr"],
      ["2019", "old_health", hdi.indicators[0]!.code, "renamed", "New code"],
      ["2019", "gni_old", undefined, "removed"],
    ]);
    const nodes = rows("nodes");
    const header = nodes[0] as string[];
    expect(nodes[1]![header.indexOf("thresholds")]).toBe("0: 0; 0.55: 0.5; 0.8: 1");
    expect(nodes[2]![header.indexOf("reference")]).toBe("NO");
  });

  it("round-trips random frameworks in several languages with every indicator type", async () => {
    await fc.assert(
      fc.asyncProperty(frameworkInput, async (input) => {
        const parsed = validateFramework(input);
        if (!parsed.ok)
          throw new Error(`generator made an invalid framework: ${JSON.stringify(parsed.issues)}`);
        const back = await readFrameworkWorkbook(
          await writeFrameworkWorkbook(parsed.framework),
          "random.xlsx",
        );
        expect(back).toEqual(parsed.framework);
      }),
      { numRuns: 150 },
    );
  });

  it("writes a workbook a methodologist can work in: sheets, frozen styled headers, drop-downs", async () => {
    const fw = parseFrameworkJson(readFileSync(example("hdi")), "hdi");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeFrameworkWorkbook(fw)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      "framework",
      "nodes",
      "indicators",
      "choices",
      "classifications",
      "bands",
      "groups",
      "crosswalk",
    ]);
    const indicators = wb.getWorksheet("indicators")!;
    expect(indicators.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(indicators.getRow(1).font?.bold).toBe(true);
    const headers = (indicators.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining([
        "code",
        "node",
        "type",
        "text::en",
        "text::fr",
        "guidance::en",
        "weight",
        "min",
        "max",
        "direction",
        "log",
        "cap",
      ]),
    );
    const typeColumn = headers.indexOf("type") + 1;
    expect(indicators.getCell(2, typeColumn).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"checklist,number,percentage,scale"'],
    });
    const gni = indicators.getRow(5);
    expect(gni.getCell(headers.indexOf("log") + 1).value).toBe(true);
    expect(gni.getCell(headers.indexOf("max") + 1).value).toBe(75000);
    expect(indicators.getColumn(headers.indexOf("text::en") + 1).width).toBeGreaterThan(20);
  });
});
