import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { buildDuplicateKey, type Target } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { countries, importMappings, recommendationImports } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { maxFileBytes } from "../files/limits.ts";
import {
  BUILT_IN_PRESETS,
  type ColumnMapping,
  columnMapping,
  describeField,
  genericPreset,
  type Preset,
  type PresetName,
  resolveColumns,
} from "./fields.ts";
import { groupProblems } from "./group-problems.ts";
import { type ImportedRecommendation, mapRow, type RowProblem } from "./map-row.ts";
import { readTable } from "./read-table.ts";
import { findStateCode } from "./state-codes.ts";
import { storeRecommendations } from "./store-recommendations.ts";

export interface ImportRequest {
  bytes: Buffer;
  fileName: string;
  preset: PresetName;
  /** The saved mapping to use with the generic preset. */
  mappingName?: string;
  /** The mapping the person checked on the preview, for the generic preset (before a saved one or matching by name). */
  columns?: ColumnMapping;
  /** Values for fields no column gives, e.g. `{ mechanism: "upr" }`. */
  defaults?: { mechanism?: string };
  /** The State under review when the file has no such column (OHCHR thematic lists of one State). */
  state?: string;
  userId?: string;
  /**
   * Whether the importer may write recommendations to this State (its country and region; neither
   * for a State that is no known country). Checked for every row, because a row repeating a stored
   * recommendation changes it. Absent for the command line, run by the operator.
   */
  mayImport?: (target: Target) => boolean;
  /** Written to the audit log in the same transaction. */
  audit?: AuditActor;
  /** Called as rows are stored: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface DuplicateNote {
  line: number;
  /** The earlier line of the same file, or null when the recommendation was already stored. */
  sameAsLine: number | null;
}

export interface ImportSummary {
  importId: string;
  fileName: string;
  preset: PresetName;
  encoding: string;
  rowsRead: number;
  added: number;
  /** Rows of the file repeating an earlier row (same text, State and session), merged into it. */
  duplicatesInFile: number;
  /** Recommendations of the file already stored before this import. */
  alreadyStored: number;
  /** Stored recommendations that gained recommending States, themes or groups from this file. */
  merged: number;
  /** The first duplicates, with their lines, for the report. */
  duplicates: DuplicateNote[];
}

const MAX_DUPLICATE_NOTES = 200;

/**
 * Imports a CSV or XLSX file of recommendations in one transaction. Every row is checked first:
 * any invalid row (or a missing column, wrong encoding, a file over the size limit) stops the
 * import with a message per row and nothing is written. Duplicates (same text, State and session)
 * are not errors: they are merged and reported, so importing the same file again adds nothing.
 */
export async function importRecommendations(db: Db, request: ImportRequest): Promise<ImportSummary> {
  const limit = maxFileBytes();
  if (request.bytes.length > limit) {
    throw new UserError(
      `${request.fileName} is ${(request.bytes.length / 1048576).toFixed(1)} MB, over the limit of ${limit / 1048576} MB (set CHILDMARK_MAX_UPLOAD_MB to change it)`,
      [],
      413,
    );
  }
  const table = await readTable(request.bytes, request.fileName);
  const chosen = await resolvePreset(db, request, table.columns);
  const { columns, missing } = resolveColumns(chosen, table.columns, { state: request.state });
  const preset: Preset = { ...chosen, columns };
  if (missing.length > 0) {
    throw new UserError(`${request.fileName}: missing required column(s) for the ${request.preset} preset`, [
      `missing: ${missing.map((f) => describeField(chosen, f)).join(", ")}`,
      `found: ${table.columns.join(", ")}`,
    ]);
  }
  if (table.rows.length === 0) throw new UserError(`${request.fileName}: the file has no rows`);

  const problems: RowProblem[] = [];
  const byKey = new Map<string, ImportedRecommendation & { importKey: string }>();
  const duplicates: DuplicateNote[] = [];
  let duplicatesInFile = 0;
  for (const row of table.rows) {
    const result = mapRow(row, preset, { state: request.state });
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const rec = result.value;
    const importKey = hashKey(
      buildDuplicateKey({
        text: rec.text.en ?? "",
        state: rec.stateName,
        session: rec.session ?? (rec.cycle ? `cycle ${rec.cycle}` : null),
      }),
    );
    const first = byKey.get(importKey);
    if (first) {
      duplicatesInFile++;
      if (duplicates.length < MAX_DUPLICATE_NOTES)
        duplicates.push({ line: rec.line, sameAsLine: first.line });
      mergeInto(first, rec);
    } else {
      byKey.set(importKey, { ...rec, importKey });
    }
  }
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.line)).size;
    throw new UserError(
      `${request.fileName}: ${rows} row(s) with problems; nothing was imported`,
      groupProblems(problems),
    );
  }
  if (request.mayImport) await refuseRowsOutsideScope(db, request, [...byKey.values()]);

  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const known = new Set((await t.select({ code: countries.code }).from(countries)).map((c) => c.code));
    const [record] = await t
      .insert(recommendationImports)
      .values({
        fileName: request.fileName,
        preset: request.preset,
        mappingName: request.mappingName ?? null,
        rowsRead: table.rows.length,
        added: 0,
        duplicates: duplicatesInFile,
        importedBy: request.userId ?? null,
      })
      .returning({ id: recommendationImports.id });
    const importId = record!.id;
    const stored = await storeRecommendations(t, [...byKey.values()], {
      importId,
      knownStates: known,
      onProgress: request.onProgress,
    });
    for (const line of stored.alreadyStoredLines) {
      if (duplicates.length < MAX_DUPLICATE_NOTES) duplicates.push({ line, sameAsLine: null });
    }
    await t
      .update(recommendationImports)
      .set({ added: stored.added })
      .where(eq(recommendationImports.id, importId));
    // Fresh statistics after a bulk load, so searches plan with the real table size at once.
    if (stored.added > 1000) await t.execute(sql`analyze recommendations`);
    if (request.audit) {
      await recordAudit(t, {
        action: "recommendations.imported",
        ...request.audit,
        targetType: "recommendation-import",
        targetId: importId,
        details: {
          fileName: request.fileName,
          preset: request.preset,
          rows: table.rows.length,
          added: stored.added,
        },
      });
    }
    return {
      importId,
      fileName: request.fileName,
      preset: request.preset,
      encoding: table.encoding,
      rowsRead: table.rows.length,
      added: stored.added,
      duplicatesInFile,
      alreadyStored: byKey.size - stored.added,
      merged: stored.merged,
      duplicates,
    };
  });
}

/**
 * 403 listing the lines whose State the importer may not write, before anything is written: a
 * region's secretariat imports (and, through merged duplicates, changes) its region's recommendations only.
 */
async function refuseRowsOutsideScope(
  db: Db,
  request: ImportRequest,
  rows: readonly ImportedRecommendation[],
): Promise<void> {
  const regionOf = new Map(
    (await db.select({ code: countries.code, region: countries.regionCode }).from(countries)).map((c) => [
      c.code,
      c.region,
    ]),
  );
  const outside: RowProblem[] = [];
  for (const row of rows) {
    const code = findStateCode(row.stateName);
    const known = code !== undefined && regionOf.has(code);
    const target: Target = known ? { country: code, region: regionOf.get(code) } : {};
    if (!request.mayImport?.(target))
      outside.push({
        kind: "State outside your scope",
        line: row.line,
        message: `line ${row.line}: ${row.stateName} is outside the scope of your role`,
      });
  }
  if (outside.length === 0) return;
  throw new UserError(
    `${request.fileName}: ${outside.length} row(s) concern States outside your scope; nothing was imported`,
    groupProblems(outside),
    403,
  );
}

/**
 * The layout to read the file with: a built-in preset, or for the generic one the mapping checked
 * on the preview, else the saved mapping named, else the columns matched by their usual names.
 * Defaults fill fields no column gives (a column's value wins).
 */
async function resolvePreset(db: Db, request: ImportRequest, fileColumns: string[]): Promise<Preset> {
  const preset = request.preset !== "generic" ? BUILT_IN_PRESETS[request.preset] : await genericLayout();
  const defaults = Object.fromEntries(Object.entries(request.defaults ?? {}).filter(([, v]) => v));
  return { ...preset, constants: { ...defaults, ...preset.constants } };

  async function genericLayout(): Promise<Preset> {
    if (request.columns) return genericPreset(exactColumns(request.columns));
    if (!request.mappingName) return genericPreset({});
    const [saved] = await db
      .select()
      .from(importMappings)
      .where(eq(importMappings.name, request.mappingName));
    if (!saved) throw new UserError(`no saved column mapping named "${request.mappingName}"`, [], 404);
    return genericPreset(exactColumns(columnMapping.parse(saved.columns)));
  }

  /** A mapping the person gave is taken as is: columns it leaves out are not matched by name. */
  function exactColumns(columns: ColumnMapping): ColumnMapping {
    const unknown = Object.keys(columns).filter((c) => !fileColumns.includes(c));
    if (unknown.length > 0)
      throw new UserError(`${request.fileName}: the mapping names columns the file does not have`, [
        `columns: ${unknown.join(", ")}`,
        `found: ${fileColumns.join(", ")}`,
      ]);
    return columns;
  }
}

/** A duplicate's recommending States, themes and groups join the first row's. */
function mergeInto(first: ImportedRecommendation, other: ImportedRecommendation): void {
  first.recommendingStates = union(first.recommendingStates, other.recommendingStates);
  first.themes = union(first.themes, other.themes);
  first.affectedGroups = union(first.affectedGroups, other.affectedGroups);
  first.uncrcArticles = union(first.uncrcArticles, other.uncrcArticles);
  first.sdgTargets = union(first.sdgTargets, other.sdgTargets);
}

export function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}
