import type { Framework, LocalText } from "../framework/model.ts";
import { neutraliseFormula } from "../spreadsheet/formula-text.ts";
import { answerRows } from "./answers-table.ts";
import { type ReleaseScore, type ReleaseSnapshot, releaseImputedCounts } from "./snapshot.ts";

/*
 * The downloads of a release, as text: pure formatting of a snapshot (no I/O), shared by the
 * public API, the portal and the static export. XLSX is written by the server (exceljs).
 */

export const DOWNLOAD_FORMATS = ["csv", "answers-csv", "xlsx", "json", "sdmx-csv"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

const EXTENSION: Record<DownloadFormat, string> = {
  csv: "csv",
  "answers-csv": "answers.csv",
  xlsx: "xlsx",
  json: "json",
  "sdmx-csv": "sdmx.csv",
};

export const DOWNLOAD_CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  "answers-csv": "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
  "sdmx-csv": "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
};

/**
 * The file name of a download inside a release's `downloads/` folder: `{slug}.csv` for the
 * release, `countries/{cc}.csv` for a country (the portal's layout, without `countries/`).
 */
export function downloadFileName(slug: string, format: DownloadFormat, country?: string): string {
  return `${country ? country.toLowerCase() : slug}.${EXTENSION[format]}`;
}

/** Reads a download's file name back: its format, or null when it is not one. */
export function parseDownloadFileName(
  name: string,
  slug: string,
  perCountry: boolean,
): { format: DownloadFormat; country?: string } | null {
  for (const format of [...DOWNLOAD_FORMATS].sort((a, b) => EXTENSION[b].length - EXTENSION[a].length)) {
    const ext = `.${EXTENSION[format]}`;
    if (!name.endsWith(ext)) continue;
    const stem = name.slice(0, -ext.length);
    if (perCountry) return /^[a-z]{2}$/.test(stem) ? { format, country: stem.toUpperCase() } : null;
    return stem === slug ? { format } : null;
  }
  return null;
}

/** Text in the framework's default language (then English, then any). */
export function inDefaultLanguage(text: LocalText | undefined, fw: Framework): string {
  if (!text) return "";
  return text[fw.defaultLanguage] ?? text.en ?? Object.values(text)[0] ?? "";
}

/** The label of a score item: a node's or indicator's label, or `Classification: value`. */
export function itemLabel(fw: Framework, item: string, kind: ReleaseScore["kind"]): string {
  if (kind === "node") return inDefaultLanguage(fw.nodes.find((n) => n.code === item)?.label, fw);
  if (kind === "indicator") return inDefaultLanguage(fw.indicators.find((i) => i.code === item)?.text, fw);
  const [cls, value] = item.split(":") as [string, string];
  const c = fw.classifications.find((x) => x.code === cls);
  const v = c?.values.find((x) => x.code === value);
  return `${inDefaultLanguage(c?.label, fw) || cls}: ${inDefaultLanguage(v?.label, fw) || value}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text starting with a
 * formula character gets a `'` (`neutraliseFormula`); numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: (string | number | null | undefined)[]) => `${fields.map(csvField).join(",")}\r\n`;

/** The release, or one country of it: the snapshot restricted to that country. */
export function releaseForCountry(snapshot: ReleaseSnapshot, country?: string): ReleaseSnapshot {
  if (!country) return snapshot;
  const cc = country.toUpperCase();
  return {
    ...snapshot,
    countries: snapshot.countries.filter((c) => c.code === cc),
    answers: snapshot.answers.filter((a) => a.country === cc),
    scores: snapshot.scores.filter((s) => s.country === cc),
    trend: snapshot.trend.map((p) => ({ ...p, scores: p.scores.filter((s) => s.country === cc) })),
  };
}

export const SCORES_CSV_COLUMNS = [
  "country",
  "country_name",
  "item",
  "kind",
  "label",
  "score",
  "band",
  "rank",
  "coverage",
  "change",
  "imputed",
] as const;

/**
 * Scores in long format, one row per country and item (overall, sections, articles, classification
 * values and indicators); labels and names in the framework's default language. UTF-8 with BOM so
 * spreadsheet programs read accents and Arabic correctly.
 */
export function scoresCsv(snapshot: ReleaseSnapshot, country?: string): string {
  const s = releaseForCountry(snapshot, country);
  const fw = s.framework;
  const names = new Map(s.countries.map((c) => [c.code, inDefaultLanguage(c.name, fw)]));
  const imputed = releaseImputedCounts(s);
  let out = `\uFEFF${csvLine([...SCORES_CSV_COLUMNS])}`;
  for (const row of s.scores) {
    out += csvLine([
      row.country,
      names.get(row.country),
      row.item,
      row.kind,
      itemLabel(fw, row.item, row.kind),
      row.score,
      row.band,
      row.rank,
      row.coverage,
      row.change,
      imputed(row.country, row.item),
    ]);
  }
  return out;
}

export const ANSWERS_CSV_COLUMNS = [
  "country",
  "country_name",
  "indicator",
  "section",
  "question",
  "value",
  "value_label",
  "comment",
  "source_count",
  "sources",
] as const;

/**
 * The published answers, one row per country and indicator: the value as stored and what it
 * means, the public comment (why it does not apply) and the sources, one per line in one cell.
 * Only what the snapshot holds: a release never carries review comments or unpublished answers.
 */
export function answersCsv(snapshot: ReleaseSnapshot, country?: string): string {
  const fw = snapshot.framework;
  const names = new Map(snapshot.countries.map((c) => [c.code, inDefaultLanguage(c.name, fw)]));
  let out = `\uFEFF${csvLine([...ANSWERS_CSV_COLUMNS])}`;
  for (const row of answerRows(snapshot, fw.defaultLanguage, country)) {
    out += csvLine([
      row.country,
      names.get(row.country),
      row.indicator,
      row.section,
      row.question,
      row.value,
      row.meaning,
      row.comment,
      row.sourceCount,
      row.sources.join("\n"),
    ]);
  }
  return out;
}

/** The whole public snapshot (or one country's part of it) as indented JSON. */
export function releaseJson(snapshot: ReleaseSnapshot, country?: string): string {
  return `${JSON.stringify(releaseForCountry(snapshot, country), null, 2)}\n`;
}

/** An SDMX identifier: letters, digits, `_`, `@`, `$`, `-`; `classification:value` becomes `classification__value`. */
export function sdmxId(code: string): string {
  return code.replaceAll(":", "__").replace(/[^A-Za-z0-9_@$-]/g, "_");
}

/** `CHILDMARK:CPI_DEMO(1.0)`: agency, dataflow id from the framework code, version from the framework's. */
export function sdmxDataflow(fw: Framework): string {
  const version = /^\d+(\.\d+){0,2}$/.test(fw.version) ? fw.version : "1.0";
  return `CHILDMARK:${sdmxId(fw.code).toUpperCase().replaceAll("-", "_")}(${version.includes(".") ? version : `${version}.0`})`;
}

export const SDMX_COLUMNS = [
  "DATAFLOW",
  "REF_AREA",
  "TIME_PERIOD",
  "INDICATOR",
  "OBS_VALUE",
  "OBS_STATUS",
  "UNIT_MEASURE",
  "BAND",
  "RANK",
  "COVERAGE",
  "CHANGE",
] as const;

/**
 * SDMX-CSV 1.0: the first column names the dataflow (`AGENCY:ID(VERSION)`), then the dimensions
 * (REF_AREA = ISO alpha-2 country, TIME_PERIOD = the cycle's period, INDICATOR = the score item),
 * the measure OBS_VALUE, and attributes: OBS_STATUS (`A` normal, `M` missing, `I` an indicator's
 * value imputed by the framework's missing-data rule), UNIT_MEASURE
 * (`SCORE_0_{scale}`), BAND, RANK, COVERAGE (0–1), CHANGE (since the comparison release).
 */
export function sdmxCsv(snapshot: ReleaseSnapshot, country?: string): string {
  const s = releaseForCountry(snapshot, country);
  const fw = s.framework;
  const flow = sdmxDataflow(fw);
  const unit = `SCORE_0_${fw.scoreScale}`;
  let out = csvLine([...SDMX_COLUMNS]);
  for (const row of s.scores) {
    out += csvLine([
      flow,
      row.country,
      s.release.period,
      sdmxId(row.item),
      row.score,
      row.score === null ? "M" : row.imputed ? "I" : "A",
      unit,
      row.band,
      row.rank,
      row.coverage,
      row.change,
    ]);
  }
  return out;
}

/** The "about" lines of a download: what it is, where it comes from and how to cite it. */
export function aboutRows(snapshot: ReleaseSnapshot, country?: string): [string, string][] {
  const fw = snapshot.framework;
  const r = snapshot.release;
  const title = inDefaultLanguage(fw.title, fw);
  const place = country
    ? inDefaultLanguage(snapshot.countries.find((c) => c.code === country.toUpperCase())?.name, fw)
    : null;
  return [
    ["Index", title],
    ["Framework", `${fw.code} version ${fw.version}`],
    ["Cycle", `${inDefaultLanguage(r.cycleName, fw)} (${r.period})`],
    ["Release", `${r.slug} (version ${r.version})`],
    ["Published", r.publishedAt],
    ["Changelog", r.notes],
    ["Corrects", r.supersedes ? `${r.supersedes.slug} (version ${r.supersedes.version})` : "—"],
    ["Change measured since", r.comparison ? `${r.comparison.slug} (${r.comparison.period})` : "—"],
    ["Countries", place ?? String(snapshot.countries.length)],
    [
      "Scores",
      `0 to ${fw.scoreScale}, ${fw.precision} decimal(s); coverage is the share (0–1) of weight with data`,
    ],
    [
      "Imputed",
      "1 on an indicator whose value was not answered in this cycle but filled in by the framework's missing-data rule; on a section or the overall score, how many such values it counts. Imputed values do not count as data in coverage.",
    ],
    ["Demo data", r.isDemo ? "Yes: invented values for demonstration, not findings" : "No"],
    [
      "Cite as",
      `${title}, ${r.period} release, version ${r.version} (${r.slug}), published ${r.publishedAt.slice(0, 10)}.`,
    ],
    [
      "Reuse",
      "Attribute the index, the release and its date as above. The organisation that publishes the index sets the licence of its data; this file changes nothing in it.",
    ],
  ];
}
