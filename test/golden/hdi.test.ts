import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { hasSharedData, sharedData } from "../support/shared-data.ts";

const HDR = "hdr/HDR23-24_Composite_indices_complete_time_series.csv";
const TIERS: Record<string, string> = {
  "Very High": "very_high",
  High: "high",
  Medium: "medium",
  Low: "low",
};

/**
 * Golden test on a real published index: UNDP's HDI, expressed as
 * `examples/hdi/framework.json`, scored by `childmark score` from the raw
 * inputs, must reproduce every published value, tier and rank.
 */
describe.skipIf(!hasSharedData)("HDI golden test (UNDP HDR 2023/24)", () => {
  it("reproduces every published hdi value 1990–2022, the 2022 tiers and the 2022 ranks", () => {
    const source = parse(readFileSync(sharedData(HDR), "utf8").replace(/^\uFEFF/, ""), {
      columns: true,
    }) as Record<string, string>[];
    const countries = source.filter((r) => /^[A-Z]{3}$/.test(r.iso3 ?? ""));
    const lines = ["entity,period,indicator,value"];
    for (const row of countries) {
      for (let year = 1990; year <= 2022; year++) {
        for (const code of ["le", "eys", "mys", "gnipc"]) {
          const value = row[`${code}_${year}`];
          if (value) lines.push(`${row.iso3},${year},${code},${value}`);
        }
      }
    }
    const dir = mkdtempSync(join(tmpdir(), "childmark-hdi-"));
    writeFileSync(join(dir, "long.csv"), `${lines.join("\n")}\n`);
    const out = join(dir, "scores.csv");
    const run = runCli([
      "score",
      "--framework",
      "examples/hdi/framework.json",
      "--data",
      join(dir, "long.csv"),
      "--out",
      out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const scored = new Map<string, { score: string; band: string; rank: string }>();
    for (const r of parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[]) {
      if (r.node === "hdi")
        scored.set(`${r.entity}/${r.period}`, { score: r.score!, band: r.band!, rank: r.rank! });
    }

    const mismatches: string[] = [];
    let compared = 0;
    let tiers = 0;
    let ranks = 0;
    for (const row of countries) {
      for (let year = 1990; year <= 2022; year++) {
        const published = row[`hdi_${year}`];
        if (!published) continue;
        compared++;
        const got = scored.get(`${row.iso3}/${year}`);
        if (got?.score !== Number(published).toFixed(3)) {
          mismatches.push(`${row.iso3} ${year}: published ${published}, scored ${got?.score}`);
        }
      }
      if (row.hdicode) {
        tiers++;
        const got = scored.get(`${row.iso3}/2022`);
        if (got?.band !== TIERS[row.hdicode])
          mismatches.push(`${row.iso3} tier: ${row.hdicode} vs ${got?.band}`);
      }
      if (row.hdi_rank_2022) {
        ranks++;
        const got = scored.get(`${row.iso3}/2022`);
        if (got?.rank !== row.hdi_rank_2022)
          mismatches.push(`${row.iso3} rank: ${row.hdi_rank_2022} vs ${got?.rank}`);
      }
    }
    expect(compared).toBe(5808);
    expect(tiers).toBeGreaterThan(180);
    expect(ranks).toBeGreaterThan(180);
    expect(mismatches).toEqual([]);
  });
});
