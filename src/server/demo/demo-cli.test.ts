import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../../../test/support/run-cli.ts";

describe("CPI demo from the command line (README of examples/cpi-demo)", () => {
  it("writes the demo answers and scores them with `childmark score`", () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-cpi-demo-"));
    const data = join(dir, "answers.csv");
    const write = spawnSync(process.execPath, ["--import", "tsx", "scripts/write-demo-answers.ts", data], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(write.stderr).toBe("");
    expect(write.status).toBe(0);
    expect(write.stdout).toMatch(/^Wrote \d+ demo answers/);

    const out = join(dir, "scores.csv");
    const run = runCli([
      "score",
      "--framework",
      "examples/cpi-demo/framework.json",
      "--data",
      data,
      "--out",
      out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Scored 10 entities × 2 periods on cpi-demo");

    const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    const roots = rows.filter((r) => r.node === "cpi");
    expect(roots).toHaveLength(20);
    for (const r of roots) {
      expect(Number(r.score)).toBeGreaterThan(0);
      expect(Number(r.score)).toBeLessThan(100);
      expect(["weak", "emerging", "established", "advanced"]).toContain(r.band);
    }
    expect(rows.some((r) => r.node === "dimension:laws_policy" && r.score !== "")).toBe(true);
    expect(rows.some((r) => r.node === "art19" && r.score !== "")).toBe(true);
  });

  it("refuses to run without an output path", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/write-demo-answers.ts"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/usage:/);
  });
});
