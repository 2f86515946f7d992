import type ExcelJS from "exceljs";
import {
  type ConsultationDefinition,
  consultationDefinition,
  LINK_KINDS,
  type LinkKind,
  type Question,
  SMILEY_VALUES,
} from "../../core/index.ts";
import { UserError } from "../errors.ts";
import { loadWorkbook } from "../frameworks/xlsx/load-workbook.ts";
import { languageColumn, writeXlsFormBook, xlsFormName } from "../frameworks/xlsx/write-xlsform.ts";
import { FORM_METADATA, normaliseType, whyNotScored } from "../frameworks/xlsx/xlsform-questions.ts";
import {
  type ImportNote,
  readXlsFormSheet,
  resolveLanguages,
  toLocalText,
  type XlsFormRow,
} from "../frameworks/xlsx/xlsform-sheets.ts";

/*
 * A consultation's questionnaire as an XLSForm (KoboToolbox, ODK), and back. Coalitions run
 * consultations in schools with Kobo; the same form then brings its results back (kobo-import.ts).
 *
 * The mapping, which `readConsultationXlsForm` reads back exactly:
 * - `age_band` (select_one age_band) first: the age bands, `guardian_consent` column on its choices;
 *   `gender` and `region` (optional) follow; the title and consent are notes `consultation_title`, `consent`.
 * - yes/no/not sure → select_one yes_no_not_sure; smileys → select_one smiley_3 / smiley_5 (choices 1…N);
 *   pick one / several → select_one / select_multiple `<code>_choices` (emoji in a `picture` column);
 *   number → integer or decimal with a constraint; short text → text.
 * - An age-appropriate wording is a row of its own, `<code>__8_12`, relevant only for that band;
 *   a question for some bands only is relevant for them. Links go in a `childmark_links` column.
 * Recordings are files, not cells: they are left out of the form (the report says so).
 */

const YES_NO_LIST = "yes_no_not_sure";
const CHILD_CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** An XLSForm name as a consultation code: letters, digits and `_`, starting with a letter. */
export function toChildCode(name: string): string {
  const code = name
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .slice(0, 58);
  return CHILD_CODE.test(code) ? code : `c_${code}`.slice(0, 60);
}

/** The XLSForm choice name of a yes/no value (`not-sure` holds a hyphen, which XLSForm tools dislike). */
const yesNoName = (value: string) => value.replace("-", "_");

const bandName = (band: string) => band.replace("-", "_");
const bandTest = (band: string) => `\${age_band} = '${band}'`;

function texts(field: string, text: Record<string, string> | undefined, languages: string[]) {
  const out: Record<string, string> = {};
  for (const lang of languages) if (text?.[lang]) out[`${field}::${languageColumn(lang)}`] = text[lang];
  return out;
}

const CHILD_LABELS = {
  ageBand: { en: "How old are you?", fr: "Quel âge as-tu ?", ar: "كم عمرك؟" },
  gender: { en: "Are you…", fr: "Tu es…", ar: "هل أنت…" },
  region: { en: "Where do you live?", fr: "Où habites-tu ?", ar: "أين تعيش؟" },
  yes: { en: "Yes", fr: "Oui", ar: "نعم" },
  no: { en: "No", fr: "Non", ar: "لا" },
  "not-sure": { en: "Not sure", fr: "Je ne sais pas", ar: "لست متأكدًا" },
  girl: { en: "a girl", fr: "une fille", ar: "بنت" },
  boy: { en: "a boy", fr: "un garçon", ar: "ولد" },
  other: { en: "other", fr: "autre", ar: "غير ذلك" },
  "rather-not-say": { en: "I'd rather not say", fr: "Je préfère ne pas le dire", ar: "أفضّل ألا أقول" },
} as const;

function questionType(q: Question): { type: string; list?: string; constraint?: string } {
  switch (q.type) {
    case "yes-no":
      return { type: `select_one ${YES_NO_LIST}`, list: YES_NO_LIST };
    case "smiley-3":
    case "smiley-5":
      return { type: `select_one ${q.type.replace("-", "_")}`, list: q.type.replace("-", "_") };
    case "single":
    case "multiple":
      return {
        type: `${q.type === "single" ? "select_one" : "select_multiple"} ${q.code}_choices`,
        list: `${q.code}_choices`,
      };
    case "number": {
      const parts = [
        q.min !== undefined ? `. >= ${q.min}` : "",
        q.max !== undefined ? `. <= ${q.max}` : "",
      ].filter(Boolean);
      const whole = [q.min, q.max].every((x) => x === undefined || Number.isInteger(x));
      return {
        type: whole ? "integer" : "decimal",
        ...(parts.length ? { constraint: parts.join(" and ") } : {}),
      };
    }
    case "short-text":
      return { type: "text" };
  }
}

/** The consultation's questionnaire as an XLSForm workbook (XLSX bytes, text cells neutralised). */
export async function writeConsultationXlsForm(def: ConsultationDefinition, formId: string): Promise<Buffer> {
  const languages = def.languages;
  const survey: Record<string, string>[] = [];
  const choices: Record<string, string>[] = [];
  const bands = def.ageBands.map((b) => b.code);

  survey.push({ type: "note", name: "consultation_title", ...texts("label", def.title, languages) });
  survey.push({ type: "note", name: "consent", ...texts("label", def.consent, languages) });
  survey.push({
    type: "select_one age_band",
    name: "age_band",
    required: "yes",
    ...texts("label", CHILD_LABELS.ageBand, languages),
  });
  for (const b of def.ageBands)
    choices.push({
      list_name: "age_band",
      name: b.code,
      ...texts("label", b.label, languages),
      guardian_consent: b.guardianConsent ? "yes" : "",
    });
  survey.push({
    type: "select_one gender",
    name: "gender",
    ...texts("label", CHILD_LABELS.gender, languages),
  });
  for (const g of ["girl", "boy", "other", "rather-not-say"] as const)
    choices.push({ list_name: "gender", name: yesNoName(g), ...texts("label", CHILD_LABELS[g], languages) });
  if (def.regions.length) {
    survey.push({
      type: "select_one region",
      name: "region",
      ...texts("label", CHILD_LABELS.region, languages),
    });
    for (const r of def.regions)
      choices.push({
        list_name: "region",
        name: toChildCode(r),
        ...texts("label", { [languages[0]!]: r }, languages),
      });
  }

  const lists = new Set<string>();
  for (const q of def.questions) {
    const t = questionType(q);
    const shownTo = q.bands.length ? q.bands : bands;
    const common = shownTo.filter((b) => !q.versions[b]);
    const links = q.links.map((l) => `${l.kind}:${l.ref}`).join("; ");
    const base = {
      type: t.type,
      ...(t.constraint ? { constraint: t.constraint } : {}),
      ...(links ? { childmark_links: links } : {}),
    };
    // The common wording goes to the bands without their own; each band's wording is a row of its own.
    if (common.length || !Object.keys(q.versions).length)
      survey.push({
        ...base,
        name: q.code,
        ...texts("label", q.text, languages),
        ...(common.length < bands.length ? { relevant: common.map(bandTest).join(" or ") } : {}),
      });
    for (const band of shownTo.filter((b) => q.versions[b]))
      survey.push({
        ...base,
        name: `${q.code}__${bandName(band)}`,
        ...texts("label", { ...q.text, ...q.versions[band] }, languages),
        relevant: bandTest(band),
      });
    if (!t.list || lists.has(t.list)) continue;
    lists.add(t.list);
    if (q.type === "yes-no")
      for (const v of ["yes", "no", "not-sure"] as const)
        choices.push({
          list_name: t.list,
          name: yesNoName(v),
          ...texts("label", CHILD_LABELS[v], languages),
        });
    else if (q.type === "smiley-3" || q.type === "smiley-5")
      for (const v of SMILEY_VALUES[q.type])
        choices.push({ list_name: t.list, name: v, ...texts("label", { [languages[0]!]: v }, languages) });
    else
      for (const o of q.options)
        choices.push({
          list_name: t.list,
          name: o.value,
          ...texts("label", o.label, languages),
          ...(o.picture ? { picture: o.picture } : {}),
        });
  }

  return writeXlsFormBook(survey, choices, {
    form_title: def.title[languages[0]!] ?? Object.values(def.title)[0] ?? formId,
    form_id: xlsFormName(formId),
    default_language: languageColumn(languages[0]!),
    childmark_threshold: String(def.threshold),
  });
}

/** A questionnaire read from an XLSForm, with every row or part that was not mapped. */
export interface ConsultationXlsFormImport {
  definition: ConsultationDefinition;
  report: ImportNote[];
}

const sheetOf = (wb: ExcelJS.Workbook, name: string) =>
  wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);

const METADATA = new Set([...FORM_METADATA, "calculate", "hidden"]);

/** `${age_band} = '8-12' or ${age_band} = '13-17'` → the bands; null for any other expression. */
function bandsOfRelevant(expression: string): string[] | null {
  const terms = expression.split(/\s+or\s+/);
  const bands: string[] = [];
  for (const term of terms) {
    const m = /^\(?\s*\$\{age_band\}\s*=\s*'(\d{1,2}-\d{1,2})'\s*\)?$/.exec(term.trim());
    if (!m) return null;
    bands.push(m[1]!);
  }
  return bands;
}

/** `. >= 5 and . <= 18` → min and max; null for any other constraint. */
function boundsOf(constraint: string): { min?: number; max?: number } | null {
  const out: { min?: number; max?: number } = {};
  for (const term of constraint.split(/\s+and\s+/)) {
    const m = /^\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$/.exec(term.trim());
    if (!m) return null;
    if (m[1] === ">=") out.min = Number(m[2]);
    else out.max = Number(m[2]);
  }
  return out;
}

function parseLinks(text: string): { kind: LinkKind; ref: string }[] | string {
  const links: { kind: LinkKind; ref: string }[] = [];
  for (const part of text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf(":");
    const kind = part.slice(0, at).trim().toLowerCase() as LinkKind;
    const ref = part.slice(at + 1).trim();
    if (at < 1 || !(LINK_KINDS as readonly string[]).includes(kind) || !ref)
      return `"${part}" is not a link; write indicator:CODE, article:12 or recommendation:ID`;
    links.push({ kind, ref });
  }
  return links;
}

/**
 * Reads a consultation's questionnaire from an XLSForm: Childmark's own export exactly, and any
 * other form as far as its questions fit a child's answer types. Everything not mapped is in the
 * report (skipped rows, dropped expressions, guesses to review); a form that does not make a valid
 * consultation is refused with every problem and its survey row.
 */
export async function readConsultationXlsForm(
  bytes: Uint8Array,
  fileName: string,
): Promise<ConsultationXlsFormImport> {
  const extension = /\.([^./\\]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension !== "xlsx")
    throw new UserError(
      `${fileName}: only an XLSForm as .xlsx can be imported, not ${extension ? `.${extension}` : "this file"}`,
      ["save the form from Excel or LibreOffice as .xlsx, or download it from KoboToolbox as XLS(X)"],
    );
  const wb = await loadWorkbook(bytes, fileName);
  if (!sheetOf(wb, "survey"))
    throw new UserError(`${fileName} is not an XLSForm`, [
      `an XLSForm has a survey sheet (and usually choices and settings); found: ${wb.worksheets.map((w) => w.name).join(", ")}`,
    ]);
  const report: ImportNote[] = [];
  const survey = readXlsFormSheet(sheetOf(wb, "survey"));
  const choiceRows = readXlsFormSheet(sheetOf(wb, "choices"));
  const settings = readXlsFormSheet(sheetOf(wb, "settings"))[0]?.fields ?? new Map<string, string>();
  const langs = resolveLanguages(
    [...survey, ...choiceRows],
    settings.get("default_language") || undefined,
    report,
  );
  const lang = langs.defaultLanguage;
  const lists = new Map<string, XlsFormRow[]>();
  for (const c of choiceRows) {
    const list = c.fields.get("list_name") ?? "";
    lists.set(list, [...(lists.get(list) ?? []), c]);
  }
  const note = (row: XlsFormRow, type: string, action: ImportNote["action"], reason: string) =>
    report.push({ sheet: "survey", row: row.row, type, name: row.fields.get("name") ?? "", action, reason });

  const baseName = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  let title: Record<string, string> = { [lang]: settings.get("form_title") || baseName || "Consultation" };
  let consent: Record<string, string> | null = null;
  let ageBands: ConsultationDefinition["ageBands"] | null = null;
  let regions: string[] = [];
  const questions: (Record<string, unknown> & { code: string; versions: Record<string, unknown> })[] = [];
  const rowOf: number[] = [];
  const bandsOf = new Map<string, Set<string>>();

  for (const row of survey) {
    const rawType = row.fields.get("type") ?? "";
    const type = normaliseType(rawType);
    const name = row.fields.get("name") ?? "";
    const [base, list] = type.split(" ") as [string, string | undefined];
    if (!type) continue;
    if (base === "begin" || base === "end") {
      if (type.startsWith("begin"))
        note(
          row,
          rawType,
          "ignored",
          "groups and repeats are flattened: their questions are imported one after another",
        );
      continue;
    }
    if (name === "consultation_title" && base === "note") {
      title = toLocalText(row, "label", langs.codeOf);
      continue;
    }
    if (name === "consent" && base === "note") {
      consent = toLocalText(row, "label", langs.codeOf);
      continue;
    }
    if (name === "age_band" && base === "select_one" && list) {
      ageBands = (lists.get(list) ?? []).map((c) => ({
        code: c.fields.get("name") ?? "",
        label: toLocalText(c, "label", langs.codeOf),
        guardianConsent: /^(yes|true|1)$/i.test(c.fields.get("guardian_consent") ?? ""),
      }));
      continue;
    }
    if (name === "gender" && base === "select_one") {
      note(
        row,
        rawType,
        "ignored",
        "children choose their gender from Childmark's own list (girl, boy, other, rather not say)",
      );
      continue;
    }
    if (name === "region" && base === "select_one" && list) {
      regions = (lists.get(list) ?? []).map(
        (c) => toLocalText(c, "label", langs.codeOf)[lang] || (c.fields.get("name") ?? ""),
      );
      continue;
    }
    if (METADATA.has(base)) {
      note(
        row,
        rawType,
        "skipped",
        base === "calculate"
          ? "calculations are not run"
          : "form metadata: nothing about a child's device or identity is collected",
      );
      continue;
    }
    if (base === "note") {
      note(row, rawType, "skipped", "a note carries no answer");
      continue;
    }
    const choices = list ? (lists.get(list) ?? []) : [];
    const names = choices.map((c) => c.fields.get("name") ?? "");
    const sorted = [...names].sort().join(",");
    let q: Record<string, unknown> | null = null;
    if (
      base === "select_one" &&
      (sorted === "no,not_sure,yes" || sorted === "no,not-sure,yes" || sorted === "no,yes")
    ) {
      q = { type: "yes-no" };
      if (sorted === "no,yes")
        note(row, rawType, "assumed", 'a yes/no question: children may also answer "not sure"');
    } else if (base === "select_one" && (sorted === "1,2,3" || sorted === "1,2,3,4,5")) {
      q = { type: names.length === 3 ? "smiley-3" : "smiley-5" };
      if (!/^smiley_/.test(list ?? ""))
        note(
          row,
          rawType,
          "assumed",
          `choices 1 to ${names.length} read as a scale of ${names.length} faces`,
        );
    } else if ((base === "select_one" || base === "select_multiple") && list) {
      if (type.includes("_from_file")) {
        note(row, rawType, "skipped", "choices from an external file cannot be read");
        continue;
      }
      const options = new Map<string, Record<string, unknown>>();
      for (const c of choices) {
        const value = toChildCode(c.fields.get("name") ?? "");
        const picture = c.fields.get("picture");
        if (options.has(value)) continue;
        options.set(value, {
          value,
          label: toLocalText(c, "label", langs.codeOf),
          ...(picture ? { picture } : {}),
        });
      }
      if (options.size < choices.length)
        note(
          row,
          rawType,
          "assumed",
          `choices of the same name in list ${list} kept once (a choice filter's lists are merged)`,
        );
      q = { type: base === "select_one" ? "single" : "multiple", options: [...options.values()] };
      if (choices.some((c) => c.fields.get("image") || c.fields.get("media::image")))
        note(row, rawType, "ignored", "choice images are files: add pictures in the designer");
      if (names.some((n) => toChildCode(n) !== n))
        note(
          row,
          rawType,
          "assumed",
          "choice names changed to letters, digits and _ (Kobo answers are mapped the same way)",
        );
    } else if (base === "integer" || base === "decimal" || base === "range") {
      const bounds = row.fields.get("constraint") ? boundsOf(row.fields.get("constraint")!) : {};
      if (bounds === null)
        note(row, rawType, "ignored", `constraint not imported: ${row.fields.get("constraint")}`);
      q = { type: "number", ...(bounds ?? {}) };
    } else if (base === "text") {
      q = { type: "short-text" };
    } else {
      note(
        row,
        rawType,
        "skipped",
        whyNotScored(type).replace("cannot be scored", "cannot be answered on the child's page"),
      );
      continue;
    }
    for (const part of ["media::audio", "audio"])
      if ([...row.texts.keys(), ...row.fields.keys()].some((k) => k === part || k.startsWith(`${part}`)))
        note(
          row,
          rawType,
          "ignored",
          "recordings are files: upload each question's recording in the designer",
        );
    for (const part of ["calculation", "choice_filter", "default", "repeat_count", "trigger"])
      if (row.fields.get(part))
        note(row, rawType, "ignored", `${part} not imported: ${row.fields.get(part)}`);
    if (q.type !== "number" && row.fields.get("constraint"))
      note(row, rawType, "ignored", `constraint not imported: ${row.fields.get("constraint")}`);
    const label = toLocalText(row, "label", langs.codeOf);
    const relevant = row.fields.get("relevant") ?? "";
    const relevantBands = relevant ? bandsOfRelevant(relevant) : [];
    if (relevantBands === null)
      note(row, rawType, "ignored", `skip logic not imported (every child sees the question): ${relevant}`);
    const version = /^(.+)__(\d{1,2})_(\d{1,2})$/.exec(name);
    const band = version ? `${version[2]}-${version[3]}` : null;
    const code = toChildCode(version ? version[1]! : name);
    if (!version && code !== name) note(row, rawType, "assumed", `question name ${name} became ${code}`);
    let question = questions.find((x) => x.code === code);
    if (version && band) {
      if (!question) {
        question = { code, text: label, versions: {}, ...q };
        questions.push(question);
        rowOf.push(row.row);
        bandsOf.set(code, new Set());
      }
      question.versions[band] = label;
      bandsOf.get(code)!.add(band);
    } else {
      if (question) {
        // The common wording after a band's own (a form written by hand).
        question.text = label;
      } else {
        questions.push({ code, text: label, versions: {}, ...q });
        rowOf.push(row.row);
        bandsOf.set(code, new Set());
      }
      for (const b of relevantBands ?? []) bandsOf.get(code)!.add(b);
      if (relevantBands === null || !relevant) bandsOf.get(code)!.add("*");
    }
    const links = row.fields.get("childmark_links");
    if (links) {
      const parsed = parseLinks(links);
      if (typeof parsed === "string") note(row, rawType, "ignored", parsed);
      else questions.find((x) => x.code === code)!.links = parsed;
    }
  }

  if (!ageBands) {
    ageBands = [{ code: "8-17", label: { [lang]: "8–17" }, guardianConsent: false }];
    report.push({
      sheet: "survey",
      row: 1,
      type: "select_one age_band",
      name: "age_band",
      action: "assumed",
      reason: "the form asks no age_band: one band 8-17 assumed; add the bands in the designer",
    });
  }
  if (!consent) {
    consent = {
      [lang]: "You do not have to answer. You can stop at any time. Nobody will know what you answered.",
    };
    report.push({
      sheet: "survey",
      row: 1,
      type: "note",
      name: "consent",
      action: "assumed",
      reason: "the form has no consent note: a standard consent text was used; review it in the designer",
    });
  }
  const allBands = ageBands.map((b) => b.code);
  for (const q of questions) {
    // A band's row repeats the common wording in the languages it does not change (see the export).
    const common = q.text as Record<string, string>;
    for (const version of Object.values(q.versions) as Record<string, string>[])
      for (const [l, text] of Object.entries(version)) if (common[l] === text) delete version[l];
    const seen = bandsOf.get(q.code)!;
    q.bands = seen.has("*") || allBands.every((b) => seen.has(b)) ? [] : [...seen];
  }
  const threshold = Number(settings.get("childmark_threshold") || 10);
  const input = { title, consent, languages: langs.languages, ageBands, regions, threshold, questions };
  const parsed = consultationDefinition.safeParse(input);
  if (!parsed.success) {
    throw new UserError(
      `${fileName} does not make a valid consultation (${parsed.error.issues.length} problem(s))`,
      parsed.error.issues.map((issue) => {
        const [first, index, ...rest] = issue.path;
        const where =
          first === "questions" && typeof index === "number"
            ? `survey row ${rowOf[index]} (${questions[index]?.code})${rest.length ? ` ${rest.join(".")}` : ""}`
            : issue.path.join(".");
        return `${where}: ${issue.message}`;
      }),
    );
  }
  return { definition: parsed.data, report };
}
