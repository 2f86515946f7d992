/*
 * IATI activity files (versions 1.03–2.03) → a draft results plan. Works on the
 * element tree an XML parser gives (every element a list, attributes under "@",
 * text under "#text"); reading the bytes safely is the server's job.
 *
 * Mapping: each activity with results → a node of level "activity"; each result →
 * a node under it at the level of its type (1 output, 2 outcome, 3 impact, else
 * "result"); each indicator → an indicator (measure 1 number, 2 percentage, 3–5
 * narrative; ascending → direction), its baseline, and per period (start, end) a
 * plan period with the target and the actual. A value that is not what its measure
 * needs (e.g. "2015:1004106" for a number) is a problem naming the activity, the
 * indicator and the period; any problem and nothing should be written.
 */

export interface XmlElement {
  "@"?: Record<string, string>;
  "#text"?: string;
  [tag: string]: unknown;
}

export type LocalText = Record<string, string>;

export interface IatiValue {
  value: number | null;
  narrative: string | null;
  comment: string | null;
}

export interface IatiIndicator {
  code: string;
  title: LocalText;
  type: "number" | "percentage" | "narrative";
  direction: "increase" | "decrease";
  baselineValue: number | null;
  baselineDate: string | null;
  /** Per period key. */
  values: Record<string, { target: IatiValue | null; actual: IatiValue | null }>;
}

export interface IatiNode {
  code: string;
  level: string;
  title: LocalText;
  description: LocalText | null;
  parentCode: string | null;
  startsOn: string | null;
  endsOn: string | null;
  indicators: IatiIndicator[];
}

export interface IatiPeriod {
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

export interface IatiDraft {
  title: LocalText;
  /** Levels used, highest first. */
  levels: { key: string; name: LocalText }[];
  periods: IatiPeriod[];
  nodes: IatiNode[];
  activities: number;
  /** Odd values: any of them and the file is refused. */
  problems: string[];
  /** What is read but not kept (e.g. dimensions), stated so nobody is surprised. */
  notes: string[];
}

const LEVELS: Record<string, LocalText> = {
  activity: { en: "Activity", fr: "Activité", ar: "النشاط" },
  impact: { en: "Impact", fr: "Impact", ar: "الأثر" },
  outcome: { en: "Outcome", fr: "Effet", ar: "الحصيلة" },
  output: { en: "Output", fr: "Produit", ar: "المخرج" },
  result: { en: "Result", fr: "Résultat", ar: "النتيجة" },
};
const LEVEL_ORDER = ["activity", "impact", "outcome", "output", "result"];
export const RESULT_TYPE_LEVEL: Record<string, string> = { "1": "output", "2": "outcome", "3": "impact" };

const list = (el: XmlElement | undefined, tag: string): XmlElement[] =>
  (el?.[tag] as XmlElement[] | undefined) ?? [];
const first = (el: XmlElement | undefined, tag: string) => list(el, tag)[0];
const attr = (el: XmlElement | undefined, name: string) => el?.["@"]?.[name]?.trim() ?? "";
const textOf = (el: XmlElement | undefined) => (el?.["#text"] ?? "").toString().trim();

/** Text in several languages: 2.x `<narrative xml:lang>` or 1.x text with `xml:lang` on the element. */
export function localText(el: XmlElement | XmlElement[] | undefined, defaultLang: string): LocalText | null {
  const elements = Array.isArray(el) ? el : el ? [el] : [];
  const out: LocalText = {};
  // 1.x repeats the element per language; 2.x puts narratives in one.
  const parts = elements.flatMap((e) => (list(e, "narrative").length ? list(e, "narrative") : [e]));
  for (const part of parts) {
    const text = textOf(part).slice(0, 2000);
    if (!text) continue;
    const owner = elements.find((e) => e === part || list(e, "narrative").includes(part));
    const lang = (attr(part, "xml:lang") || attr(owner, "xml:lang") || defaultLang).toLowerCase();
    out[lang] = out[lang] ? `${out[lang]} ${text}` : text;
  }
  return Object.keys(out).length ? out : null;
}

const firstText = (t: LocalText | null) => (t ? (t.en ?? Object.values(t)[0] ?? "") : "");
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** A period's key and label from its dates: "2014-2015" for whole years, else the two dates. */
export function periodOf(startsOn: string, endsOn: string): IatiPeriod {
  const whole = startsOn.endsWith("-01-01") && endsOn.endsWith("-12-31");
  const [y1, y2] = [startsOn.slice(0, 4), endsOn.slice(0, 4)];
  if (whole) {
    const key = y1 === y2 ? y1 : `${y1}-${y2}`;
    return { key, label: y1 === y2 ? y1 : `${y1}–${y2}`, startsOn, endsOn };
  }
  return { key: `${startsOn}_${endsOn}`, label: `${startsOn} – ${endsOn}`, startsOn, endsOn };
}

/** A number as a measure needs it; null with a reason otherwise. */
export function readNumber(raw: string, type: "number" | "percentage"): number | string {
  const text = raw.trim();
  const plain = type === "percentage" ? text.replace(/\s*%$/, "") : text;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(plain))
    return `"${raw}" is not a number${type === "percentage" ? " (a percentage such as 95 or 95%)" : ""}`;
  const value = Number(plain);
  if (!Number.isFinite(value)) return `"${raw}" is not a finite number`;
  if (type === "percentage" && (value < 0 || value > 100)) return `"${raw}" is not between 0 and 100`;
  return value;
}

/** Reads every activity of a parsed `<iati-activities>` document. */
export function readIatiActivities(root: XmlElement): IatiDraft {
  const problems: string[] = [];
  const notes = new Set<string>();
  const periods = new Map<string, IatiPeriod>();
  const nodes: IatiNode[] = [];
  const levels = new Set<string>();
  const activities = list(root, "iati-activity");
  let firstTitle: LocalText | null = null;
  let withResults = 0;

  for (const activity of activities) {
    const results = list(activity, "result");
    if (!results.length) continue;
    withResults++;
    const lang = (attr(activity, "xml:lang") || attr(root, "xml:lang") || "en").toLowerCase();
    const identifier =
      textOf(first(activity, "iati-identifier")) || `(activity ${withResults}, no identifier)`;
    const where = `activity "${identifier}"`;
    const activityCode = `A${withResults}`;
    const title = localText(list(activity, "title"), lang) ?? { [lang]: identifier };
    firstTitle ??= title;
    levels.add("activity");
    const dates = list(activity, "activity-date");
    const dateOf = (...types: string[]) =>
      dates
        .map((d) => attr(d, "iso-date"))
        .find((d, i) => isDate(d) && types.includes(attr(dates[i], "type"))) ?? null;
    nodes.push({
      code: activityCode,
      level: "activity",
      title,
      description: activityDescription(activity, title, lang),
      parentCode: null,
      startsOn: dateOf("1", "2", "start-planned", "start-actual"),
      endsOn: dateOf("3", "4", "end-planned", "end-actual"),
      indicators: [],
    });

    results.forEach((result, r) => {
      const resultCode = `${activityCode}.R${r + 1}`;
      const level = RESULT_TYPE_LEVEL[attr(result, "type")] ?? "result";
      levels.add(level);
      const resultTitle = localText(first(result, "title"), lang);
      const node: IatiNode = {
        code: resultCode,
        level,
        title: resultTitle ?? { [lang]: `Result ${r + 1}` },
        description: localText(first(result, "description"), lang),
        parentCode: activityCode,
        startsOn: null,
        endsOn: null,
        indicators: [],
      };
      nodes.push(node);
      list(result, "indicator").forEach((indicator, i) => {
        const read = readIndicator(
          indicator,
          `${resultCode}.I${i + 1}`,
          lang,
          where,
          periods,
          problems,
          notes,
        );
        if (read) node.indicators.push(read);
      });
    });
  }

  if (!withResults)
    problems.push(`no activity of the file has results (${activities.length} activities read)`);
  return {
    title: withResults === 1 && firstTitle ? firstTitle : { en: `IATI activities (${withResults})` },
    levels: LEVEL_ORDER.filter((l) => levels.has(l)).map((key) => ({ key, name: LEVELS[key]! })),
    periods: [...periods.values()].sort(
      (a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn),
    ),
    nodes,
    activities: withResults,
    problems,
    notes: [...notes],
  };
}

/** The general description (type 1 or none); one that only repeats the title is not kept. */
function activityDescription(activity: XmlElement, title: LocalText, lang: string): LocalText | null {
  const general = list(activity, "description").filter((d) => ["", "1"].includes(attr(d, "type")));
  const text = localText(general, lang);
  return text && JSON.stringify(text) !== JSON.stringify(title) ? text : null;
}

const MEASURES: Record<string, IatiIndicator["type"]> = {
  "1": "number",
  "2": "percentage",
  "3": "narrative",
  "4": "narrative",
  "5": "narrative",
};

function readIndicator(
  indicator: XmlElement,
  code: string,
  lang: string,
  where: string,
  periods: Map<string, IatiPeriod>,
  problems: string[],
  notes: Set<string>,
): IatiIndicator | null {
  const title = localText(first(indicator, "title"), lang);
  const name = title ? `indicator "${firstText(title).slice(0, 80)}"` : `indicator ${code}`;
  const at = `${where}, ${name}`;
  if (!title) problems.push(`${at}: the indicator has no title`);
  const measure = attr(indicator, "measure");
  if (!measure) notes.add('an indicator without measure is read as a number (measure 1, "unit")');
  const type = MEASURES[measure || "1"];
  if (!type) {
    problems.push(
      `${at}: measure "${measure}" is not an IATI indicator measure (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative)`,
    );
  }
  const ascending = attr(indicator, "ascending");
  const direction = ascending === "0" || ascending === "false" ? "decrease" : "increase";
  const kind = type ?? "number";

  const readValue = (el: XmlElement | undefined, what: string): IatiValue | null => {
    if (!el) return null;
    const raw = attr(el, "value");
    const comment = firstText(localText(first(el, "comment"), lang)) || null;
    if (kind === "narrative") {
      const narrative = raw || comment;
      return narrative ? { value: null, narrative, comment: raw ? comment : null } : null;
    }
    if (!raw) return comment ? { value: null, narrative: null, comment } : null;
    const read = type ? readNumber(raw, kind) : raw;
    if (typeof read === "string") {
      if (type) problems.push(`${what}: ${read}`);
      return null;
    }
    return { value: read, narrative: null, comment };
  };

  const baseline = list(indicator, "baseline");
  if (baseline.length > 1) notes.add("only the first baseline of an indicator is kept");
  const baselineEl = baseline[0];
  const year = attr(baselineEl, "year");
  const isoDate = attr(baselineEl, "iso-date");
  let baselineDate: string | null = null;
  if (isDate(isoDate)) baselineDate = isoDate;
  else if (/^\d{4}$/.test(year)) baselineDate = `${year}-01-01`;
  else if (baselineEl && year) problems.push(`${at}, baseline: year "${year}" is not a year`);
  const baselineValue = readValue(baselineEl, `${at}, baseline`);
  if (baselineValue?.narrative && kind === "narrative")
    notes.add("the baseline of a qualitative indicator is text: it is not kept");

  const values: IatiIndicator["values"] = {};
  list(indicator, "period").forEach((period, p) => {
    const start = attr(first(period, "period-start"), "iso-date");
    const end = attr(first(period, "period-end"), "iso-date");
    if (!isDate(start) || !isDate(end) || start > end) {
      problems.push(
        `${at}, period ${p + 1}: needs a period-start and a period-end date, start first (got "${start}" and "${end}")`,
      );
      return;
    }
    const info = periodOf(start, end);
    periods.set(info.key, info);
    const here = `${at}, period ${info.label}`;
    if (values[info.key]) {
      problems.push(`${here}: the indicator has this period twice`);
      return;
    }
    const pick = (tag: "target" | "actual") => {
      const all = list(period, tag);
      const withDimension = all.filter((v) => list(v, "dimension").some((d) => attr(d, "name")));
      if (withDimension.length) notes.add("values broken down by dimension are not imported");
      // One value with dimensions is that value; among several, the one without is the total.
      const plain = all.length === 1 ? all : all.filter((v) => !withDimension.includes(v));
      if (plain.length > 1) problems.push(`${here}: ${plain.length} ${tag}s without dimension; give one`);
      return readValue(plain[0], `${here}, ${tag}`);
    };
    values[info.key] = { target: pick("target"), actual: pick("actual") };
  });

  return {
    code,
    title: title ?? { [lang]: code },
    type: kind,
    direction,
    baselineValue: baselineValue?.value ?? null,
    baselineDate,
    values,
  };
}
