import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readIatiActivities, type XmlElement } from "../src/core/results/iati/index.ts";
import type { Db } from "../src/server/db/connect.ts";
import { previewIati, writeDraft } from "../src/server/results/iati/import-iati.ts";
import { readIatiFile } from "../src/server/results/iati/parse-xml.ts";
import { benchCoalition, benchDatabases } from "./databases.ts";
import { type BenchFigure, formatFigure, percentile } from "./harness.ts";

export const name = "results: IATI import of the 100 activities of shared/data/iati";

const SHARED =
  process.env.CHILDMARK_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/data");
const FILE = "dportal-dflat-downloads-activities.xml";
const RUNS = 5;

/**
 * The 100 real activities (24 publishers, IATI 1.03–2.03) of D-Portal's test file: the
 * whole check a dry run does (read the bytes, parse the XML, map every result, indicator
 * and value, and check each row with the API's shapes), median of 5 runs after one warm-up;
 * then the write, in one transaction through the versioned save, of the activities without
 * odd values (the file as a whole is refused: 11 UNICEF activities carry values such as
 * "2015:1004106"), once per database.
 */
export async function run(): Promise<BenchFigure[]> {
  const bytes = readFileSync(resolve(SHARED, "iati", FILE));
  const figures: BenchFigure[] = [];
  const zero = "00000000-0000-4000-8000-000000000000";
  const samples: number[] = [];
  let problems = 0;
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const { preview } = await previewIati(bytes, FILE, zero);
    if (i > 0) samples.push(performance.now() - start);
    problems = preview.problems.length;
  }
  const check = percentile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );
  console.log(`  dry run of 100 activities (${problems} problems found): ${formatFigure(check)} ms median`);
  figures.push({ metric: "dry run: parse, map and check 100 activities", value: check, unit: "ms" });

  // The activities that would import on their own.
  const root = await readIatiFile(bytes, FILE);
  const activities = (root["iati-activity"] as XmlElement[]).filter(
    (a) => readIatiActivities({ "iati-activity": [a] }).problems.length === 0,
  );
  const draft = readIatiActivities({ ...root, "iati-activity": activities });
  const indicators = draft.nodes.reduce((n, node) => n + node.indicators.length, 0);

  for await (const database of benchDatabases()) {
    const { db, kind } = database;
    const { userId, organisationId } = await benchCoalition(db);
    const start = performance.now();
    await db.transaction((tx) => writeDraft(tx as unknown as Db, draft, organisationId, userId));
    const written = performance.now() - start;
    console.log(
      `  ${kind}: ${draft.activities} activities, ${draft.nodes.length} nodes, ${indicators} indicators written in ${formatFigure(written)} ms`,
    );
    figures.push({
      metric: `${kind}: write the ${draft.activities} clean activities`,
      value: written,
      unit: "ms",
    });
  }
  return figures;
}
