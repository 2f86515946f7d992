/**
 * `npm run i18n:report`: for each interface language (the web app's: English,
 * the reference, and each file in src/web/i18n/languages; and the portal's), how many messages it
 * translates, which it lacks (shown in English), which equal English (often a
 * slip), plural forms it lacks, and errors. `--keys` lists the keys. Exits 1 on
 * an error (a key English lacks, a message that does not parse, a placeholder
 * English does not have).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { portalUiLanguages } from "../src/portal/i18n/translate.ts";
import { type CatalogueReport, checkCatalogue } from "../src/web/i18n/coverage.ts";
import { englishMessages } from "../src/web/i18n/messages.ts";

const listKeys = process.argv.includes("--keys");
const folder = join(import.meta.dirname, "../src/web/i18n/languages");
const web: Record<string, Record<string, string | undefined>> = { en: englishMessages };
for (const name of readdirSync(folder)
  .filter((n) => n.endsWith(".json"))
  .sort()) {
  web[name.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(folder, name), "utf8"));
}

let errors = 0;
function print(scope: string, report: CatalogueReport): void {
  const translated = report.total - report.missing.length;
  const percent = ((100 * translated) / report.total).toFixed(1);
  console.log(
    `${scope.padEnd(7)} ${report.lang.padEnd(3)} ${String(translated).padStart(5)}/${report.total} translated (${percent} %), ` +
      `${report.missing.length} untranslated, ${report.sameAsEnglish.length} same as English, ` +
      `${report.pluralGaps.length} plural gaps, ${report.errors.length} errors`,
  );
  const lists: [string, string[]][] = [
    ["untranslated", report.missing],
    ["same as English", report.sameAsEnglish],
  ];
  if (listKeys)
    for (const [label, keys] of lists) if (keys.length) console.log(`    ${label}: ${keys.join(" ")}`);
  for (const gap of report.pluralGaps) console.log(`    plural: ${gap}`);
  for (const error of report.errors) console.log(`    ERROR ${error}`);
  errors += report.errors.length;
}

for (const [lang, messages] of Object.entries(web))
  print("web", checkCatalogue(lang, englishMessages, messages));
for (const [lang, messages] of Object.entries(portalUiLanguages)) {
  print("portal", checkCatalogue(lang, portalUiLanguages.en, messages));
}
if (errors) process.exit(1);
