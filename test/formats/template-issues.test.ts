import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Framework, formatIssue } from "../../src/core/index.ts";
import { parseFrameworkJson } from "../../src/server/frameworks/read-framework-file.ts";
import { checkFrameworkWorkbook } from "../../src/server/frameworks/xlsx/read-workbook.ts";
import { writeFrameworkWorkbook } from "../../src/server/frameworks/xlsx/write-workbook.ts";
import { REPO_ROOT, runCli } from "../support/run-cli.ts";

const hdi = () => parseFrameworkJson(readFileSync(join(REPO_ROOT, "examples/hdi/framework.json")), "hdi");

/** The HDI with one of each kind of mistake; the writer does not validate, so it writes them as a person would. */
function brokenHdi(): Framework {
  const fw = structuredClone(hdi());
  const [, , education] = fw.nodes;
  education!.label = { fr: "Savoir" }; // nodes row 4: no English label
  fw.nodes.push(
    { ...fw.nodes[1]!, code: "loop_a", parent: "loop_b", label: { en: "A" } }, // nodes row 6
    { ...fw.nodes[1]!, code: "loop_b", parent: "loop_a", label: { en: "B" } }, // nodes row 7
  );
  const [le, , mys, gnipc] = fw.indicators;
  Object.assign(le!.scoring, { min: 85, max: 20 }); // indicators row 2: goalposts reversed
  mys!.code = "eys"; // indicators row 4: duplicate of row 3
  gnipc!.weight = -1; // indicators row 5: negative weight
  const orphan = structuredClone(le!); // indicators row 6: unknown node
  orphan.code = "orphan";
  orphan.node = "nowhere";
  if (orphan.type === "number")
    orphan.scoring = { min: 0, max: 1, direction: "higher", log: false, cap: true };
  fw.indicators.push(orphan);
  fw.bands[1]!.min = 0.56; // bands row 3: gap after "low"
  fw.bands[3]!.min = 0.75; // bands row 5: overlaps "high"
  return fw;
}

describe("XLSX template: every problem reported at once, at its cell", () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const check = await checkFrameworkWorkbook(await writeFrameworkWorkbook(brokenHdi()), "broken.xlsx");
    expect(check.framework).toBeUndefined();
    for (const issue of check.issues) expect(issue.location, formatIssue(issue)).toBeDefined();
    lines = check.issues.map(formatIssue);
  });

  it.each([
    ["cycle", "nodes row 6 column parent: cycle in the tree"],
    ["duplicate code", 'indicators row 4 column code: duplicate code "eys"'],
    ["unknown code", 'indicators row 6 column node: unknown node "nowhere"'],
    ["negative weight", "indicators row 5 column weight: weight must be zero or more (found -1)"],
    ["goalposts min ≥ max", "indicators row 2 column min: goalposts need min < max (found min 85, max 20)"],
    ["band gap", 'bands row 3 column min: gap between bands "low" and "medium"'],
    ["band overlap", 'bands row 5 column min: band "very_high" overlaps band "high"'],
    ["missing default-language text", 'nodes row 4 column label::en: label is missing in "en"'],
  ])("reports the %s", (_kind, expected) => {
    expect(
      lines.some((line) => line.startsWith(expected)),
      `${expected}\nin:\n${lines.join("\n")}`,
    ).toBe(true);
  });

  it("reports cells that cannot be read, unknown columns and misplaced scoring cells, with the rest", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeFrameworkWorkbook(hdi())) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("indicators")!;
    const col = (name: string) => (sheet.getRow(1).values as unknown[]).indexOf(name);
    sheet.getCell(3, col("weight")).value = "heavy";
    sheet.getCell(4, col("yes")).value = 1;
    sheet.getCell(5, col("log")).value = "maybe";
    sheet.getCell(2, col("source_sector")).value = "education";
    sheet.getCell(1, sheet.columnCount + 1).value = "wieght";
    wb.getWorksheet("choices")!.addRow(["le", "high", "High", 1]);
    wb.getWorksheet("nodes")!.getCell(3, 1).value = "has space";
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const lines = (await checkFrameworkWorkbook(bytes, "typos.xlsx")).issues.map(formatIssue);
    expect(lines).toEqual(
      expect.arrayContaining([
        'indicators row 3 column weight: weight must be a number (found "heavy")',
        "indicators row 4 column yes: yes is not used by number indicators; leave it empty",
        'indicators row 5 column log: log must be TRUE or FALSE (found "maybe")',
        "indicators row 2 column source_sector: source_sector needs a source_figure; leave it empty",
        'indicators row 1 column wieght: unknown column "wieght"',
        'choices row 2 column indicator: indicator "le" is a number indicator; only scale indicators have choices',
      ]),
    );
    expect(lines.some((l) => l.startsWith("nodes row 3 column code: use letters, digits"))).toBe(true);
  });

  it("`childmark framework validate` prints every located problem and exits 1, or a summary and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-validate-"));
    const broken = join(dir, "broken.xlsx");
    writeFileSync(broken, await writeFrameworkWorkbook(brokenHdi()));
    const bad = runCli(["framework", "validate", broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("indicators row 5 column weight: weight must be zero or more (found -1)");
    expect(bad.stderr).toContain("nodes row 6 column parent: cycle in the tree");
    expect(bad.stderr).toMatch(/broken\.xlsx: \d+ problem\(s\)/);

    const good = join(dir, "hdi.xlsx");
    writeFileSync(good, await writeFrameworkWorkbook(hdi()));
    const ok = runCli(["framework", "validate", good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("valid: 4 nodes, 4 indicators (4 number), 2 language(s) (en, fr), 4 bands");
    const json = runCli(["framework", "validate", join(REPO_ROOT, "examples/hdi/framework.json")]);
    expect(json.code).toBe(0);
    expect(json.stdout).toContain("valid: 4 nodes, 4 indicators");
  });
});
