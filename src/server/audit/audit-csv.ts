import { csvField } from "../../core/publishing/downloads.ts";
import type { AuditEventOut } from "../api-schemas/audit.ts";

const COLUMNS = [
  "at",
  "action",
  "outcome",
  "actor_id",
  "actor_email",
  "actor_name",
  "target_type",
  "target_id",
  "country",
  "region",
  "ip",
  "details",
] as const;

/**
 * The audit events as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read accents);
 * `csvField` neutralises formula text, since a typed e-mail or a reason could hold a formula.
 */
export function auditCsv(events: readonly AuditEventOut[]): string {
  const line = (cells: (string | null)[]) => `${cells.map((c) => csvField(c)).join(",")}\r\n`;
  const rows = events.map((e) =>
    line([
      e.at,
      e.action,
      e.outcome,
      e.actorId,
      e.actorEmail,
      e.actorName,
      e.targetType,
      e.targetId,
      e.country,
      e.region,
      e.ip,
      e.details ? JSON.stringify(e.details) : null,
    ]),
  );
  return `\uFEFF${line([...COLUMNS])}${rows.join("")}`;
}
