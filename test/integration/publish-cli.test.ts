import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/connect.ts";
import { assessments } from "../../src/server/db/schema.ts";
import { runCli } from "../support/run-cli.ts";

describe("childmark publish and releases list", () => {
  // Several processes in a row: slow on a busy machine.
  it("publishes validated countries of a cycle named frameworkCode:period, then a correction", {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "childmark-publish-cli-"));
    const env = { CHILDMARK_DATA_DIR: join(dir, "db"), DATABASE_URL: "" };
    expect(runCli(["framework", "import", "examples/hdi/framework.json"], env).code).toBe(0);
    const rows = ["MD", "GE"].flatMap((cc, i) => [
      `${cc},2022,le,${68 + i}`,
      `${cc},2022,eys,${14 + i}`,
      `${cc},2022,mys,11.8`,
      `${cc},2022,gnipc,${14875 + i * 1000}`,
    ]);
    writeFileSync(join(dir, "a.csv"), `entity,period,indicator,value\n${rows.join("\n")}\n`);
    expect(runCli(["data", "import", join(dir, "a.csv"), "--framework", "hdi"], env).code).toBe(0);

    const nothing = runCli(["publish", "hdi:2022"], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain("no assessment of the 2022 cycle is validated yet");
    expect(runCli(["publish", "hdi:1999"], env).stderr).toContain("no 1999 cycle of framework hdi");

    // The review workflow validates assessments; here the test does it in the database.
    const database = await openDatabase({ url: "", dataDir: join(dir, "db") });
    await database.db
      .update(assessments)
      .set({ status: "validated" })
      .where(eq(assessments.countryCode, "MD"));
    await database.close();

    const refused = runCli(["publish", "hdi:2022", "--country", "MD", "--country", "GE"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("GE: draft");
    const first = runCli(["publish", "hdi:2022", "--country", "md", "--notes", "First HDI release."], env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("Published hdi-2022-v1: 1 country (MD).");
    const noNotes = runCli(["publish", "hdi:2022"], env);
    expect(noNotes.code).toBe(1);
    expect(noNotes.stderr).toContain("hdi-2022-v1 is already published");
    const second = runCli(["publish", "hdi:2022", "--notes", "Corrected life expectancy."], env);
    expect(second.stdout).toContain("Published hdi-2022-v2: 1 country (MD); corrects hdi-2022-v1.");
    const list = runCli(["releases", "list"], env).stdout.trim().split("\n");
    expect(list).toHaveLength(2);
    expect(list[0]).toMatch(/^hdi-2022-v2\s.*current\s+Corrected life expectancy\.$/);
    expect(list[1]).toMatch(/^hdi-2022-v1\s.*corrected by hdi-2022-v2\s+First HDI release\.$/);
  });
});
