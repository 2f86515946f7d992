import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { UserError } from "../errors.ts";

/**
 * Every table, parents before children, so a restore can insert in this order.
 * `sessions` is left out on purpose: a session id is a live credential, so a
 * restore signs everybody out instead of carrying it.
 */
export const BACKUP_TABLES = [
  "regions",
  "countries",
  "organisations",
  "users",
  "audit_events",
  "role_assignments",
  "platform_settings",
  "user_two_factor",
  "recovery_codes",
  "sign_in_throttles",
  "auth_tokens",
  "outbox",
  "frameworks",
  "framework_versions",
  "framework_nodes",
  "indicators",
  "classifications",
  "classification_values",
  "indicator_classifications",
  "cycles",
  "assessments",
  "assignments",
  "answers",
  "answer_history",
  "evidence_sources",
  "comments",
  "assessment_events",
  "notifications",
  "score_snapshots",
  "score_values",
  "recommendation_imports",
  "import_mappings",
  "recommendations",
  "recommendation_synergies",
  "recommendation_synergy_members",
  "implementation_assessments",
  "recommendation_saved_searches",
  "recommendation_indicator_rejections",
  "releases",
  "release_analyses",
  "tracking_publications",
  "result_plans",
  "result_nodes",
  "result_indicators",
  "result_values",
  "result_value_history",
  "evaluations",
  "evaluation_findings",
  "evaluation_recommendations",
  "consultations",
  "consultation_links",
  "consultation_sessions",
  "consultation_submissions",
  "consultation_answers",
  "consultation_moderation",
  "consultation_moderation_history",
  "consultation_history",
  "consultation_audio",
  "evaluation_recommendation_history",
  "advocacy_outcomes",
  "advocacy_outcome_recommendations",
  "result_files",
  "ratifications",
  "reporting_cycles",
  "reporting_steps",
  "calendar_feeds",
  "alternative_reports",
  "alternative_report_sections",
  "alternative_report_section_history",
  "reporting_calendar_history",
  "organisation_history",
  "membership_applications",
  "working_groups",
  "working_group_organisations",
  "working_group_documents",
  "working_group_meetings",
  "working_group_follows",
  "working_group_review_rights",
  "working_group_review_history",
  "areas",
  "area_shapes",
  "budget_sectors",
  "budget_lines",
  "budget_context",
  "budget_history",
  "budget_publications",
  "budget_reviews",
] as const;

/**
 * The tables whose rows refer to a stored upload, by the column holding its path (`file_path`; an
 * organisation's `logo_path`): a backup lists the ones it cannot find, and a restore refuses a
 * backup whose rows refer to a file it neither holds nor lists.
 */
export const FILE_TABLES = [
  ["evidence_sources", "file_path"],
  ["result_files", "file_path"],
  ["consultation_audio", "file_path"],
  ["working_group_documents", "file_path"],
  ["organisations", "logo_path"],
] as const satisfies readonly (readonly [(typeof BACKUP_TABLES)[number], string])[];

/** Every upload path the rows of FILE_TABLES refer to, once each. */
export async function referencedFilePaths(t: Db): Promise<string[]> {
  const union = sql.join(
    FILE_TABLES.map(
      ([name, column]) =>
        sql`select ${sql.identifier(column)} as path from ${sql.identifier(name)} where ${sql.identifier(column)} is not null`,
    ),
    sql` union `,
  );
  const rows = await queryRows<{ path: string }>(t, union);
  return rows.map((r) => r.path).sort();
}

function journal(): { tag: string; when: number }[] {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), "../db/migrations/meta/_journal.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { entries: { tag: string; when: number }[] }).entries;
}

/** The tag of the newest migration: a backup restores only into the same schema. */
export function schemaTag(): string {
  const entries = journal();
  return entries[entries.length - 1]!.tag;
}

/**
 * Refuses to back up a database that holds no Childmark schema (no migration
 * applied, a table missing) or one at another migration than this version of
 * Childmark, so a backup is never of the wrong or an empty database.
 * `location` names the database in the message.
 */
export async function assertBackupableSchema(db: Db, location: string): Promise<void> {
  const [found] = await queryRows<{ migrations: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as migrations`,
  );
  const applied = found?.migrations
    ? await queryRows<{ when: string }>(
        db,
        sql`select created_at::text as when from drizzle.__drizzle_migrations order by created_at desc limit 1`,
      )
    : [];
  if (!applied[0]) {
    throw new UserError(
      `nothing to back up: the database at ${location} has no Childmark schema (no migration applied)`,
    );
  }
  const entries = journal();
  const current = entries.find((e) => String(e.when) === applied[0]!.when)?.tag ?? "an unknown migration";
  if (current !== schemaTag()) {
    throw new UserError(
      `the database at ${location} is at ${current}, this version of Childmark at ${schemaTag()}: back it up with the version that wrote it, or run \`childmark migrate\` first`,
    );
  }
  const missing = await queryRows<{ name: string }>(
    db,
    sql`select name from unnest(${`{${BACKUP_TABLES.join(",")}}`}::text[]) as name where to_regclass('public.' || name) is null`,
  );
  if (missing.length) {
    throw new UserError(
      `the database at ${location} is damaged: table(s) ${missing.map((m) => m.name).join(", ")} missing`,
    );
  }
}

/**
 * Refuses, before anything opens it, a PGlite database that does not exist:
 * opening would create an empty one, and its backup would look like success.
 * Follows `openDatabase`: `DATABASE_URL` means PostgreSQL (checked once open),
 * otherwise the PGlite folder in `CHILDMARK_DATA_DIR` or ./data.
 */
export function assertPgliteDatabaseExists(): void {
  if (process.env.DATABASE_URL) return;
  const dataDir = process.env.CHILDMARK_DATA_DIR ?? "./data";
  if (dataDir === "memory")
    throw new UserError("nothing to back up: CHILDMARK_DATA_DIR=memory keeps no database");
  if (!existsSync(resolve(dataDir, "pglite", "PG_VERSION"))) {
    throw new UserError(
      `nothing to back up: there is no database in ${resolve(dataDir)} (set CHILDMARK_DATA_DIR or DATABASE_URL to the database you mean)`,
    );
  }
}
