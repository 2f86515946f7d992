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
 *
 * Each node and indicator carries the key it has in the file (`externalRef`): the
 * activity's identifier, a result's or indicator's reference in the reporting
 * organisation's vocabulary (99, which Childmark's export writes with the plan's codes)
 * or else its position — so a file imported again into the same plan is merged, not
 * added twice. Values broken down by `<dimension name value>` become the breakdown of
 * the value by categories (the dimension's name) and their values, as data.
 */

import { type IatiProblem, type IatiWhere, iatiProblem } from "./problems.ts";

export interface XmlElement {
  "@"?: Record<string, string>;
  "#text"?: string;
  [tag: string]: unknown;
}

export type LocalText = Record<string, string>;

export type Breakdown = Record<string, Record<string, number>>;

export interface IatiValue {
  value: number | null;
  narrative: string | null;
  comment: string | null;
  /** Category key → value key → number, from the values with dimensions. */
  breakdown: Breakdown | null;
}

export interface IatiIndicator {
  code: string;
  /** Its key in the file, to merge a re-import. */
  externalRef: string;
  /** Keys of the categories its values are broken down by. */
  disaggregations: string[];
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
  /** Its key in the file, to merge a re-import. */
  externalRef: string;
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

export interface IatiCategory {
  key: string;
  name: LocalText;
  values: { key: string; name: LocalText }[];
}

export interface IatiDraft {
  title: LocalText;
  /** Levels used, highest first. */
  levels: { key: string; name: LocalText }[];
  periods: IatiPeriod[];
  /** Categories of the dimensions met, with their values. */
  categories: IatiCategory[];
  nodes: IatiNode[];
  activities: number;
  /** Odd values: any of them and the file is refused. */
  problems: IatiProblem[];
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

/** A dimension's name or value as a key of the plan's categories: "Female" → "female". */
export function dimensionKey(raw: string): string {
  return (
    raw
      .trim()
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9_.-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "x"
  );
}

/** A code given in the reporting organisation's own vocabulary (99), usable as a plan code. */
function ownCode(el: XmlElement): string | null {
  const code = attr(
    list(el, "reference").find((r) => attr(r, "vocabulary") === "99"),
    "code",
  );
  return /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : null;
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

/** Why a value is not the number its measure needs: a code, its parameters and the English. */
export interface NumberProblem {
  code: "notNumber" | "notPercentage" | "notFinite" | "percentageRange";
  params: { found: string };
  text: string;
}

/** A number as a measure needs it; the reason otherwise. */
export function readNumber(raw: string, type: "number" | "percentage"): number | NumberProblem {
  const text = raw.trim();
  const plain = type === "percentage" ? text.replace(/\s*%$/, "") : text;
  const params = { found: raw };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(plain))
    return type === "percentage"
      ? { code: "notPercentage", params, text: `"${raw}" is not a number (a percentage such as 95 or 95%)` }
      : { code: "notNumber", params, text: `"${raw}" is not a number` };
  const value = Number(plain);
  if (!Number.isFinite(value)) return { code: "notFinite", params, text: `"${raw}" is not a finite number` };
  if (type === "percentage" && (value < 0 || value > 100))
    return { code: "percentageRange", params, text: `"${raw}" is not between 0 and 100` };
  return value;
}

/** Reads every activity of a parsed `<iati-activities>` document. */
export function readIatiActivities(root: XmlElement): IatiDraft {
  const problems: IatiProblem[] = [];
  const notes = new Set<string>();
  const periods = new Map<string, IatiPeriod>();
  const nodes: IatiNode[] = [];
  const levels = new Set<string>();
  const categories = new Map<string, IatiCategory>();
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
      externalRef: identifier,
      level: "activity",
      title,
      description: activityDescription(activity, title, lang),
      parentCode: null,
      startsOn: dateOf("1", "2", "start-planned", "start-actual"),
      endsOn: dateOf("3", "4", "end-planned", "end-actual"),
      indicators: [],
    });

    results.forEach((result, r) => {
      const resultCode = ownCode(result) ?? `${activityCode}.R${r + 1}`;
      const level = RESULT_TYPE_LEVEL[attr(result, "type")] ?? "result";
      levels.add(level);
      const resultTitle = localText(first(result, "title"), lang);
      const node: IatiNode = {
        code: resultCode,
        externalRef: ownCode(result) ?? `${identifier}#R${r + 1}`,
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
        const read = readIndicator(indicator, {
          code: ownCode(indicator) ?? `${resultCode}.I${i + 1}`,
          externalRef: ownCode(indicator) ?? `${identifier}#R${r + 1}.I${i + 1}`,
          lang,
          where,
          activity: identifier,
          periods,
          categories,
          problems,
          notes,
        });
        if (read) node.indicators.push(read);
      });
    });
  }

  if (!withResults)
    problems.push(
      iatiProblem(
        "",
        {},
        "noResults",
        { activities: activities.length },
        `no activity of the file has results (${activities.length} activities read)`,
      ),
    );
  dropSingleValueCategories(categories, nodes, notes);
  return {
    title: withResults === 1 && firstTitle ? firstTitle : { en: `IATI activities (${withResults})` },
    levels: LEVEL_ORDER.filter((l) => levels.has(l)).map((key) => ({ key, name: LEVELS[key]! })),
    periods: [...periods.values()].sort(
      (a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn),
    ),
    categories: [...categories.values()],
    nodes,
    activities: withResults,
    problems,
    notes: [...notes],
  };
}

/**
 * A dimension met with one value only (e.g. every actual "sex: female") does not break
 * anything down: its category is dropped and the value stands as the total.
 */
function dropSingleValueCategories(
  categories: Map<string, IatiCategory>,
  nodes: IatiNode[],
  notes: Set<string>,
): void {
  const single = [...categories.values()].filter((c) => c.values.length < 2).map((c) => c.key);
  if (!single.length) return;
  notes.add(`a dimension with a single value is not a breakdown: ${single.join(", ")} not kept`);
  for (const key of single) categories.delete(key);
  for (const indicator of nodes.flatMap((n) => n.indicators)) {
    indicator.disaggregations = indicator.disaggregations.filter((k) => !single.includes(k));
    for (const pair of Object.values(indicator.values))
      for (const v of [pair.target, pair.actual]) {
        if (!v?.breakdown) continue;
        for (const key of single) delete v.breakdown[key];
        if (!Object.keys(v.breakdown).length) v.breakdown = null;
      }
  }
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

interface ReadContext {
  code: string;
  externalRef: string;
  lang: string;
  where: string;
  /** The activity's identifier. */
  activity: string;
  periods: Map<string, IatiPeriod>;
  categories: Map<string, IatiCategory>;
  problems: IatiProblem[];
  notes: Set<string>;
}

function readIndicator(indicator: XmlElement, context: ReadContext): IatiIndicator | null {
  const { code, lang, where, periods, categories, problems, notes } = context;
  const used = new Set<string>();
  const title = localText(first(indicator, "title"), lang);
  const name = title ? `indicator "${firstText(title).slice(0, 80)}"` : `indicator ${code}`;
  const at = `${where}, ${name}`;
  const atIndicator: IatiWhere = {
    activity: context.activity,
    indicator: title ? firstText(title).slice(0, 80) : code,
  };
  const fail = (
    place: string,
    where: IatiWhere,
    problem: string,
    params: Record<string, string | number>,
    text: string,
  ) => problems.push(iatiProblem(place, { ...atIndicator, ...where }, problem, params, text));
  if (!title) fail(at, {}, "noTitle", {}, "the indicator has no title");
  const measure = attr(indicator, "measure");
  if (!measure) notes.add('an indicator without measure is read as a number (measure 1, "unit")');
  const type = MEASURES[measure || "1"];
  if (!type) {
    fail(
      at,
      {},
      "measureUnknown",
      { measure },
      `measure "${measure}" is not an IATI indicator measure (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative)`,
    );
  }
  const ascending = attr(indicator, "ascending");
  const direction = ascending === "0" || ascending === "false" ? "decrease" : "increase";
  const kind = type ?? "number";

  const readValue = (el: XmlElement | undefined, what: string, where: IatiWhere): IatiValue | null => {
    if (!el) return null;
    const raw = attr(el, "value");
    const comment = firstText(localText(first(el, "comment"), lang)) || null;
    if (kind === "narrative") {
      const narrative = raw || comment;
      return narrative ? { value: null, narrative, comment: raw ? comment : null, breakdown: null } : null;
    }
    if (!raw) return comment ? { value: null, narrative: null, comment, breakdown: null } : null;
    if (!type) return null;
    const read = readNumber(raw, kind);
    if (typeof read !== "number") {
      fail(what, where, read.code, read.params, read.text);
      return null;
    }
    return { value: read, narrative: null, comment, breakdown: null };
  };

  const baseline = list(indicator, "baseline");
  if (baseline.length > 1) notes.add("only the first baseline of an indicator is kept");
  const baselineEl = baseline[0];
  const year = attr(baselineEl, "year");
  const isoDate = attr(baselineEl, "iso-date");
  let baselineDate: string | null = null;
  if (isDate(isoDate)) baselineDate = isoDate;
  else if (/^\d{4}$/.test(year)) baselineDate = `${year}-01-01`;
  else if (baselineEl && year)
    fail(`${at}, baseline`, { value: "baseline" }, "baselineYear", { year }, `year "${year}" is not a year`);
  const baselineValue = readValue(baselineEl, `${at}, baseline`, { value: "baseline" });
  if (baselineValue?.narrative && kind === "narrative")
    notes.add("the baseline of a qualitative indicator is text: it is not kept");

  const values: IatiIndicator["values"] = {};
  list(indicator, "period").forEach((period, p) => {
    const start = attr(first(period, "period-start"), "iso-date");
    const end = attr(first(period, "period-end"), "iso-date");
    if (!isDate(start) || !isDate(end) || start > end) {
      fail(
        `${at}, period ${p + 1}`,
        { period: String(p + 1) },
        "periodDates",
        { start, end },
        `needs a period-start and a period-end date, start first (got "${start}" and "${end}")`,
      );
      return;
    }
    const info = periodOf(start, end);
    periods.set(info.key, info);
    const here = `${at}, period ${info.label}`;
    const atPeriod: IatiWhere = { period: info.label };
    if (values[info.key]) {
      fail(here, atPeriod, "periodTwice", {}, "the indicator has this period twice");
      return;
    }
    const pick = (tag: "target" | "actual") => {
      const all = list(period, tag);
      const dimensionsOf = (v: XmlElement) =>
        list(v, "dimension").filter((d) => attr(d, "name") && attr(d, "value"));
      const withDimension = all.filter((v) => dimensionsOf(v).length);
      const plain = all.filter((v) => !withDimension.includes(v));
      const atValue: IatiWhere = { ...atPeriod, value: tag };
      if (plain.length > 1)
        fail(
          here,
          atValue,
          "manyValues",
          { count: plain.length },
          `${plain.length} ${tag}s without dimension; give one`,
        );
      const total = readValue(plain[0], `${here}, ${tag}`, atValue);
      if (!withDimension.length || kind === "narrative") {
        if (withDimension.length) notes.add("dimensions of qualitative values are not kept");
        return total ?? readValue(withDimension[0], `${here}, ${tag}`, atValue);
      }
      // Each value with dimensions adds to its category values; crossed dimensions (sex and
      // age on one value) add to both, which is the breakdown by each when the table is whole.
      const breakdown: Breakdown = {};
      for (const v of withDimension) {
        const by = dimensionsOf(v)
          .map((d) => attr(d, "name"))
          .join(", ");
        const n = readValue(v, `${here}, ${tag} by ${by}`, { ...atValue, by });
        if (n?.value === null || n?.value === undefined) continue;
        for (const d of dimensionsOf(v)) {
          const name = attr(d, "name");
          const category = dimensionKey(name);
          const value = dimensionKey(attr(d, "value"));
          const known = categories.get(category) ?? { key: category, name: { [lang]: name }, values: [] };
          categories.set(category, known);
          if (!known.values.some((x) => x.key === value))
            known.values.push({ key: value, name: { [lang]: attr(d, "value") } });
          used.add(category);
          breakdown[category] = {
            ...breakdown[category],
            [value]: (breakdown[category]?.[value] ?? 0) + n.value,
          };
        }
      }
      if (!Object.keys(breakdown).length) return total;
      // Without a total, the total is what one category adds up to.
      const sum = Object.values(Object.values(breakdown)[0]!).reduce((a, b) => a + b, 0);
      return {
        value: total?.value ?? sum,
        narrative: null,
        comment: total?.comment ?? null,
        breakdown,
      };
    };
    values[info.key] = { target: pick("target"), actual: pick("actual") };
  });

  return {
    code,
    externalRef: context.externalRef,
    disaggregations: [...used],
    title: title ?? { [lang]: code },
    type: kind,
    direction,
    baselineValue: baselineValue?.value ?? null,
    baselineDate,
    values,
  };
}
