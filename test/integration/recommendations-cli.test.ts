import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

describe("childmark recommendations", () => {
  it("imports a file, merges its duplicates, adds nothing the second time, and refuses bad files", {
    timeout: 180_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-rec-"));
    // No DATABASE_URL: the command uses an embedded PGlite database in its own folder.
    const env = { CHILDMARK_DATA_DIR: dir, DATABASE_URL: "" };
    expect(runCli(["migrate"], env).code).toBe(0);

    const file = "test/fixtures/recommendations/uhri-export.csv";
    const first = runCli(["recommendations", "import", file, "--preset", "uhri"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      "7 rows, 6 new recommendations, 1 duplicate rows merged, 0 already stored",
    );
    expect(first.stdout).toContain("line 16: same as line 7");
    const second = runCli(["recommendations", "import", file, "--preset", "uhri"], env);
    expect(second.stdout).toContain(
      "7 rows, 0 new recommendations, 1 duplicate rows merged, 6 already stored",
    );

    const bad = runCli(
      ["recommendations", "import", "test/fixtures/recommendations/uhri-bad.csv", "--preset", "uhri"],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("3 row(s) with problems; nothing was imported");
    expect(bad.stderr).toContain("1 row: unknown mechanism — line 2");
    expect(bad.stderr).toContain("line 3, column Recommendation: the recommendation text is empty");

    writeFileSync(
      join(dir, "mapping.json"),
      JSON.stringify({ Country: "state", Body: "mechanism", Words: "text" }),
    );
    writeFileSync(
      join(dir, "own.csv"),
      "Country,Body,Words\nArmenia,CRC,Raise the minimum age of marriage to 18.\n",
    );
    expect(runCli(["recommendations", "mapping", "own", join(dir, "mapping.json")], env).code).toBe(0);
    const own = runCli(
      ["recommendations", "import", join(dir, "own.csv"), "--preset", "generic", "--mapping", "own"],
      env,
    );
    expect(own.stdout).toContain("1 rows, 1 new recommendations");
    // Without a saved mapping: columns matched by name, the mechanism given on the command line.
    writeFileSync(join(dir, "named.csv"), "State,Recommendation\nArmenia,Ban child marriage in law.\n");
    const named = runCli(
      ["recommendations", "import", join(dir, "named.csv"), "--preset", "generic", "--mechanism", "upr"],
      env,
    );
    expect(named.stdout, named.stderr).toContain("1 rows, 1 new recommendations");
    const unknown = runCli(["recommendations", "import", file, "--preset", "impact"], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Allowed choices are upr-info, uhri, ohchr-thematic, generic");
  });
});
