import { createHash } from "node:crypto";
import {
  answerProblem,
  type ChildAnswerValue,
  type ConsultationDefinition,
  GENDERS,
  type Question,
  questionsForBand,
} from "../../core/index.ts";
import { UserError } from "../errors.ts";
import { FORM_METADATA } from "../frameworks/xlsx/xlsform-questions.ts";
import { readTable, type Table } from "../recommendations/read-table.ts";
import { toChildCode } from "./xlsform.ts";

/*
 * Results of a consultation run in KoboToolbox, from Kobo's CSV (`;` or `,`) or XLSX export,
 * "XML values and headers" or labels, with or without group names in the headers. Only the
 * answers and the coarse facts (age band, gender, region, day) are kept: every other column —
 * Kobo's own (_id, _uuid, _submitted_by, deviceid, start/end times …) and any the form added (a
 * name, a school, a phone) — is dropped and named in the report.
 */

export interface KoboRow {
  submissionId: string;
  ageBand: string;
  gender?: (typeof GENDERS)[number];
  region?: string;
  language: string;
  submittedOn: string;
  answers: Record<string, ChildAnswerValue>;
}

export interface KoboImport {
  rows: KoboRow[];
  /** Columns read, as `column → question`. */
  mapped: { column: string; question: string }[];
  /** Columns not stored, each with why. */
  dropped: { column: string; reason: string }[];
  /** Rows with no answer at all (left out). */
  emptyRows: number;
}

/**
 * The user's choice for columns the automatic matching got wrong or missed: column → question
 * code, `age_band`, `gender` or `region`, or "" to leave the column out.
 */
export type KoboMapping = Record<string, string>;

type Target = NonNullable<ReturnType<typeof columnTarget>>;

/** The mapping as targets (null: left out); a column or question that does not exist is a 400 naming it. */
function checkedMapping(table: Table, def: ConsultationDefinition, mapping: KoboMapping) {
  const out = new Map<string, Target | null>();
  const problems: string[] = [];
  for (const [column, to] of Object.entries(mapping)) {
    if (!table.columns.includes(column)) {
      problems.push(`mapping: the file has no column "${column}"`);
      continue;
    }
    if (to === "") out.set(column, null);
    else if (to === "age_band" || to === "gender" || to === "region") out.set(column, { kind: to });
    else {
      const question = def.questions.find((q) => q.code === to);
      if (question) out.set(column, { kind: "question", question });
      else problems.push(`mapping: column "${column}" → "${to}" is not a question of this consultation`);
    }
  }
  if (problems.length) throw new UserError("the column mapping names what does not exist", problems);
  return out;
}

/** One column of an export as the mapping step shows it: what it was matched to, and a few values. */
export interface KoboColumnPreview {
  column: string;
  /** A question code, `age_band`, `gender` or `region`; null when not imported. */
  target: string | null;
  /** Whether the target was found automatically (by name or wording), not chosen by the user. */
  automatic: boolean;
  /** Kobo's own column (ids, times, device): never imported, its values not shown. */
  kobo: boolean;
  /** Up to three different values of the column (none for Kobo's own columns). */
  samples: string[];
  /** A select_multiple question's 0/1 column per option: its question's combined column is read instead. */
  partOf: string | null;
}

/** The columns of an export with the automatic matching (or the user's mapping) and a few values each. */
export async function previewKoboColumns(
  bytes: Buffer,
  fileName: string,
  def: ConsultationDefinition,
  mapping: KoboMapping,
): Promise<{ rows: number; columns: KoboColumnPreview[] }> {
  const table = await readTable(bytes, fileName, { detectDelimiter: true });
  const chosen = checkedMapping(table, def, mapping);
  const columns = table.columns.filter(Boolean).map((column) => {
    const name = lastPart(column).toLowerCase();
    const kobo = KOBO_META.has(name) || name.startsWith("_");
    const automatic = columnTarget(column, def);
    const picked = chosen.has(column) ? chosen.get(column)! : automatic;
    const target =
      picked && picked.kind !== "split"
        ? picked.kind === "question"
          ? picked.question.code
          : picked.kind
        : null;
    const samples = new Set<string>();
    if (!kobo)
      for (const { cells } of table.rows) {
        const value = (cells[column] ?? "").trim();
        if (value) samples.add(value.slice(0, 60));
        if (samples.size >= 3) break;
      }
    return {
      column,
      target,
      automatic: !chosen.has(column) && target !== null,
      kobo,
      samples: [...samples],
      partOf: !chosen.has(column) && automatic?.kind === "split" ? automatic.of : null,
    };
  });
  return { rows: table.rows.length, columns };
}

/** What an import would refuse, grouped by column and reason, with up to three values found each. */
export function groupRefusals(problems: KoboRowProblem[]) {
  const groups = new Map<
    string,
    { column: string; reason: string; lines: Set<number>; examples: Set<string> }
  >();
  for (const p of problems) {
    const key = `${p.column}\u0000${p.reason}`;
    const group = groups.get(key) ?? {
      column: p.column,
      reason: p.reason,
      lines: new Set(),
      examples: new Set(),
    };
    group.lines.add(p.line);
    if (group.examples.size < 3 && p.found) group.examples.add(p.found.slice(0, 60));
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    column: g.column,
    reason: g.reason,
    rows: g.lines.size,
    examples: [...g.examples],
  }));
}

/** Columns of Kobo's own (lower case, without the group path): not stored. */
const KOBO_META = new Set([
  ...FORM_METADATA,
  "_id",
  "_uuid",
  "_submission_time",
  "_validation_status",
  "_notes",
  "_status",
  "_submitted_by",
  "__version__",
  "_version_",
  "_tags",
  "_index",
  "_parent_index",
  "_attachments",
  "_geolocation",
  "_xform_id_string",
  "instanceid",
  "instancename",
  "rootuuid",
  "deprecatedid",
  "uuid",
]);

const lastPart = (column: string) => column.split("/").pop()!.trim();
const normal = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** Finds what a column holds: a question (by name, `name__8_12`, or by its wording), a demographic, or nothing. */
function columnTarget(
  column: string,
  def: ConsultationDefinition,
):
  | { kind: "question"; question: Question }
  | { kind: "age_band" | "gender" | "region" }
  | { kind: "split"; of: string }
  | null {
  const name = lastPart(column);
  if (name === "age_band" || name === "gender" || name === "region") return { kind: name };
  const base = /^(.+)__\d{1,2}_\d{1,2}$/.exec(name)?.[1] ?? name;
  const byName = def.questions.find((q) => q.code === base || q.code === toChildCode(base));
  if (byName) return { kind: "question", question: byName };
  // A select_multiple question's 0/1 column per option: `help/family` (the combined column is read instead).
  const parts = column.split("/");
  if (parts.length >= 2) {
    const owner = def.questions.find((q) => q.code === parts[parts.length - 2] && q.type === "multiple");
    if (owner) return { kind: "split", of: owner.code };
  }
  const wording = normal(column);
  const byLabel = def.questions.find((q) =>
    [q.text, ...Object.values(q.versions)].some((t) => Object.values(t).some((x) => normal(x) === wording)),
  );
  return byLabel ? { kind: "question", question: byLabel } : null;
}

/** A Kobo cell as a value of `q`: names (XML values) or labels in any language. */
function cellValue(q: Question, raw: string): ChildAnswerValue {
  const text = raw.trim();
  const matchOption = (v: string) => {
    const code = toChildCode(v);
    const option = q.options.find(
      (o) => o.value === v || o.value === code || Object.values(o.label).some((l) => normal(l) === normal(v)),
    );
    return option ? option.value : v;
  };
  switch (q.type) {
    case "yes-no": {
      const v = normal(text).replace(/[_ ]/g, "-");
      return (
        { oui: "yes", non: "no", "not-sure": "not-sure", "je-ne-sais-pas": "not-sure", نعم: "yes", لا: "no" }[
          v
        ] ?? v
      );
    }
    case "smiley-3":
    case "smiley-5":
      return text.replace(/\.0+$/, "");
    case "single":
      return matchOption(text);
    case "multiple":
      return text.split(/\s+/).filter(Boolean).map(matchOption);
    case "number":
      return text === "" ? Number.NaN : Number(text.replace(",", "."));
    case "short-text":
      return text;
  }
}

/** The day of a Kobo row (its `today`, else the submission time), if it reads as one. */
function dayOf(cells: Record<string, string>, fallback: string): string {
  for (const key of Object.keys(cells)) {
    const name = lastPart(key).toLowerCase();
    if (name !== "today" && name !== "_submission_time" && name !== "end") continue;
    const day = /^(\d{4}-\d{2}-\d{2})/.exec(cells[key]!.trim())?.[1];
    if (day && !Number.isNaN(Date.parse(day))) return day;
  }
  return fallback;
}

/** A row the import would refuse, by column: `reason` without the value found (to group alike refusals). */
export interface KoboRowProblem {
  line: number;
  column: string;
  reason: string;
  found: string;
  /** The whole message, as the import's 400 names it. */
  text: string;
}

/** An export read against the questions: the rows ready to store and every row-level problem. */
export interface KoboReading extends KoboImport {
  problems: KoboRowProblem[];
  /** Rows of a band that needs guardians' consent. */
  needConsent: number;
}

/**
 * Reads a Kobo export against a consultation's questions. Every problem comes back at once,
 * by row and column (400, nothing stored); the rows come back ready to store, anonymous.
 */
export async function readKoboExport(
  bytes: Buffer,
  fileName: string,
  def: ConsultationDefinition,
  options: { consultationId: string; today: string; mapping?: KoboMapping },
): Promise<KoboImport> {
  const { problems, needConsent: _, ...read } = await readKoboRows(bytes, fileName, def, options);
  if (problems.length)
    throw new UserError(
      `${fileName}: ${problems.length} problem(s) in the answers; nothing was imported`,
      problems.slice(0, 200).map((p) => p.text),
    );
  if (!read.rows.length) throw new UserError(`${fileName}: no row holds an answer`);
  return read;
}

/**
 * The rows of a Kobo export and the problems of each, without refusing: a file-level problem (no
 * answer column, no age band column) is still a UserError.
 */
export async function readKoboRows(
  bytes: Buffer,
  fileName: string,
  def: ConsultationDefinition,
  options: { consultationId: string; today: string; mapping?: KoboMapping },
): Promise<KoboReading> {
  const table: Table = await readTable(bytes, fileName, { detectDelimiter: true });
  const mapping = checkedMapping(table, def, options.mapping ?? {});
  const mapped: KoboImport["mapped"] = [];
  const dropped: KoboImport["dropped"] = [];
  const targets = new Map<string, NonNullable<ReturnType<typeof columnTarget>>>();
  for (const column of table.columns) {
    if (!column) continue;
    const name = lastPart(column).toLowerCase();
    const chosen = mapping.get(column);
    const target = chosen === undefined ? columnTarget(column, def) : chosen;
    if (chosen === null) {
      dropped.push({ column, reason: "left out in the column mapping: not stored" });
    } else if (target?.kind === "split") {
      dropped.push({ column, reason: `one of ${target.of}'s 0/1 columns: the combined column was read` });
    } else if (target) {
      targets.set(column, target);
      mapped.push({ column, question: target.kind === "question" ? target.question.code : target.kind });
    } else if (KOBO_META.has(name) || name.startsWith("_"))
      dropped.push({
        column,
        reason:
          name === "today" || name === "_submission_time"
            ? "Kobo's own column: only the day of answering is kept"
            : name === "_uuid"
              ? "Kobo's own column: used only to recognise a row imported twice, not stored"
              : "Kobo's own column, not stored",
      });
    else
      dropped.push({
        column,
        reason: "not a question of this consultation: not stored (it may hold personal data)",
      });
  }
  const answerColumns = [...targets].filter(([, t]) => t.kind === "question");
  if (!answerColumns.length)
    throw new UserError(`${fileName}: no column matches a question of this consultation`, [
      `columns found: ${table.columns.slice(0, 20).join(", ")}`,
      `questions: ${def.questions.map((q) => q.code).join(", ")} (export the results from Kobo with "XML values and headers")`,
    ]);
  const bandColumn = [...targets].find(([, t]) => t.kind === "age_band")?.[0];
  if (!bandColumn && def.ageBands.length > 1)
    throw new UserError(`${fileName}: no age_band column`, [
      `this consultation has ${def.ageBands.length} age bands (${def.ageBands.map((b) => b.code).join(", ")}): the export needs the age_band answer of each child`,
    ]);
  const uuidColumn = table.columns.find((c) => lastPart(c).toLowerCase() === "_uuid");

  const problems: KoboRowProblem[] = [];
  const rows: KoboRow[] = [];
  let emptyRows = 0;
  let needConsent = 0;
  for (const { line, cells } of table.rows) {
    const at = (column: string) => `row ${line}, column ${column}`;
    const problem = (column: string, reason: string, found: string, text: string) =>
      problems.push({ line, column, reason, found, text: `${at(column)}: ${text}` });
    const rawBand = bandColumn ? (cells[bandColumn] ?? "").trim() : def.ageBands[0]!.code;
    const band = def.ageBands.find(
      (b) =>
        b.code === rawBand ||
        b.code === rawBand.replace("_", "-") ||
        Object.values(b.label).some((l) => normal(l) === normal(rawBand)),
    );
    if (!band) {
      const reason = `is not an age band (${def.ageBands.map((b) => b.code).join(", ")})`;
      problem(bandColumn ?? "age_band", reason, rawBand, `"${rawBand}" ${reason}`);
      continue;
    }
    const problemsBefore = problems.length;
    const forBand = new Set(questionsForBand(def, band.code).map((q) => q.code));
    const answers: Record<string, ChildAnswerValue> = {};
    let gender: KoboRow["gender"];
    let region: string | undefined;
    for (const [column, target] of targets) {
      const raw = (cells[column] ?? "").trim();
      if (!raw) continue;
      if (target.kind === "gender") {
        const g = normal(raw).replace(/[_ ]/g, "-");
        if ((GENDERS as readonly string[]).includes(g)) gender = g as KoboRow["gender"];
        else {
          const reason = `is not one of ${GENDERS.join(", ")}`;
          problem(column, reason, raw, `"${raw}" ${reason}`);
        }
      } else if (target.kind === "region") {
        const r = def.regions.find((x) => x === raw || toChildCode(x) === raw);
        if (r) region = r;
        else {
          const reason = "is not a region of this consultation";
          problem(column, reason, raw, `"${raw}" ${reason}`);
        }
      } else if (target.kind === "question") {
        const q = target.question;
        if (!forBand.has(q.code)) {
          const reason = `question ${q.code} is not asked of children aged ${band.code}`;
          problem(column, reason, raw, reason);
          continue;
        }
        if (answers[q.code] !== undefined) {
          const reason = `question ${q.code} is answered twice in this row`;
          problem(column, reason, raw, reason);
          continue;
        }
        const value = cellValue(q, raw);
        const wrong = answerProblem(q, value);
        if (wrong) problem(column, wrong, raw, `${wrong} (found "${raw}")`);
        else answers[q.code] = value;
      }
    }
    // A refused row is neither empty nor ready.
    if (problems.length > problemsBefore) continue;
    if (!Object.keys(answers).length) {
      emptyRows++;
      continue;
    }
    // A row imported twice (the same Kobo record) is recognised by an id made from Kobo's, not stored twice.
    const seed =
      uuidColumn && cells[uuidColumn]?.trim()
        ? cells[uuidColumn]!.trim()
        : `${fileName}#${line}#${JSON.stringify(cells)}`;
    const hash = createHash("sha256").update(`${options.consultationId}|${seed}`).digest("hex");
    const submissionId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
    if (band.guardianConsent) needConsent++;
    rows.push({
      submissionId,
      ageBand: band.code,
      gender,
      region,
      language: def.languages[0]!,
      submittedOn: dayOf(cells, options.today),
      answers,
    });
  }
  return { rows, mapped, dropped, emptyRows, problems, needConsent };
}
