import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * Writes src/server/reference/sdg-targets.json: the 169 SDG targets in the six UN languages, from
 * open-sdg/sdg-translations (MIT, see src/server/reference/SDG-LICENSE) as kept in
 * ../shared/data/sdg/. Run: node --import tsx scripts/write-sdg-targets.ts [data folder]
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = process.argv[2] ?? resolve(ROOT, "../shared/data/sdg");
const LANGUAGES = { ar: "ar", en: "en", es: "es", fr: "fr", ru: "ru", zh: "zh-Hans" } as const;

/**
 * Reads the flat `key: value` YAML of sdg-translations: plain or single-quoted scalars, folded over
 * indented continuation lines (a line break is a space; a blank line a line break).
 */
function readFlatYaml(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let key: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (!key) return;
    let value = lines
      .map((l) => l.trim())
      .join(" ")
      .trim();
    if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1).replace(/''/g, "'");
    else if (value.startsWith('"') && value.endsWith('"')) value = JSON.parse(value) as string;
    out[key] = value.trim();
  };
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^([\w-]+):\s?(.*)$/);
    if (m) {
      flush();
      key = m[1];
      lines = [m[2]!];
    } else if (line.trim() !== "") lines.push(line);
  }
  flush();
  return out;
}

const targets = new Map<string, Record<string, string>>();
for (const [lang, folder] of Object.entries(LANGUAGES)) {
  const entries = readFlatYaml(readFileSync(resolve(SOURCE, folder, "global_targets.yml"), "utf8"));
  for (const [key, title] of Object.entries(entries)) {
    const m = key.match(/^(\d+)-(\w+)-title$/);
    if (!m) continue;
    const code = `${m[1]}.${m[2]}`;
    targets.set(code, { ...targets.get(code), [lang]: title });
  }
}
const sorted = [...targets.entries()]
  .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
  .map(([code, title]) => ({ code, goal: Number(code.split(".")[0]), title }));
if (sorted.length !== 169) throw new Error(`expected 169 targets, read ${sorted.length}`);
const file = {
  source:
    "open-sdg/sdg-translations (https://github.com/open-sdg/sdg-translations), MIT License, Copyright (c) 2019 Open SDG: see SDG-LICENSE",
  targets: sorted,
};
writeFileSync(resolve(ROOT, "src/server/reference/sdg-targets.json"), `${JSON.stringify(file, null, 2)}\n`);
console.log(`Wrote ${sorted.length} SDG targets in ${Object.keys(LANGUAGES).length} languages.`);
