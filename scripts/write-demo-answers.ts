/**
 * Writes the invented answers of the Child Protection Index demo as a long CSV
 * (`entity,period,indicator,value`) for `childmark score`. Demo values, not findings.
 *
 *   node --import tsx scripts/write-demo-answers.ts /tmp/cpi-demo-answers.csv
 */
import { writeFile } from "node:fs/promises";
import { buildDemoAnswers } from "../src/server/demo/demo-answers.ts";
import { formatAnswersCsv } from "../src/server/demo/demo-answers-csv.ts";
import { readDemoFramework } from "../src/server/demo/demo-framework.ts";

const out = process.argv[2];
if (!out) {
  console.error("usage: node --import tsx scripts/write-demo-answers.ts <answers.csv>");
  process.exit(1);
}
const answers = buildDemoAnswers(await readDemoFramework());
await writeFile(out, formatAnswersCsv(answers));
console.log(`Wrote ${answers.length} demo answers to ${out}`);
