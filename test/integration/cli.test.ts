import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

const COMMANDS = [
  "serve",
  "migrate",
  "framework",
  "framework validate",
  "framework import",
  "framework export",
  "data import",
  "score",
  "backup",
  "restore",
  "publish",
  "releases list",
  "export-site",
  "recommendations import",
];

describe("the childmark command", () => {
  it.each(COMMANDS)("`%s --help` explains itself and exits 0", (command) => {
    const run = runCli([...command.split(" "), "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: childmark/);
  });

  it("fails with a clear message and exit 1 on bad input", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-cli-"));
    writeFileSync(join(dir, "data.csv"), "country,year,value\nMD,2022,1\n");
    const missingColumns = runCli([
      "score",
      "--framework",
      "examples/hdi/framework.json",
      "--data",
      join(dir, "data.csv"),
      "--out",
      join(dir, "o.csv"),
    ]);
    expect(missingColumns.code).toBe(1);
    expect(missingColumns.stderr).toContain("missing the column(s) entity, period, indicator");
    const noFile = runCli([
      "score",
      "--framework",
      join(dir, "none.json"),
      "--data",
      join(dir, "data.csv"),
      "--out",
      join(dir, "o.csv"),
    ]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain("no such file");
    const badOut = runCli([
      "score",
      "--framework",
      "examples/hdi/framework.json",
      "--data",
      join(dir, "data.csv"),
      "--out",
      join(dir, "o.txt"),
    ]);
    expect(badOut.code).toBe(1);
    expect(badOut.stderr).toContain("--out must end in .csv or .json");
  });

  // Eight processes in a row: slow on a busy machine.
  it("imports, lists, exports, backs up and restores through one data folder", { timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-cli-"));
    const env = { CHILDMARK_DATA_DIR: join(dir, "db"), DATABASE_URL: "" };
    expect(runCli(["framework", "import", "examples/hdi/framework.json"], env).stdout).toContain(
      "Imported hdi version HDR 2023/24",
    );
    writeFileSync(
      join(dir, "a.csv"),
      "entity,period,indicator,value\nMD,2022,le,68.6\nMD,2022,eys,14.4\nMD,2022,mys,11.8\nMD,2022,gnipc,14875\n",
    );
    const imported = runCli(["data", "import", join(dir, "a.csv"), "--framework", "hdi"], env);
    expect(imported.stdout).toContain("4 new, 0 changed, 0 unchanged");
    expect(runCli(["framework", "list"], env).stdout).toMatch(/hdi@HDR 2023\/24\s+4 indicators/);
    const exported = runCli(
      ["framework", "export", "hdi", "--format", "json", "--out", join(dir, "hdi.json")],
      env,
    );
    expect(exported.code).toBe(0);
    expect(runCli(["framework", "validate", join(dir, "hdi.json")]).code).toBe(0);
    expect(runCli(["backup", join(dir, "b.tar.gz")], env).stdout).toMatch(/Backed up \d+ rows/);
    expect(runCli(["restore", join(dir, "b.tar.gz")], env).stdout).toMatch(/Restored \d+ rows/);
    expect(runCli(["data", "import", join(dir, "a.csv"), "--framework", "hdi"], env).stdout).toContain(
      "0 new, 0 changed, 4 unchanged",
    );
  });
});
