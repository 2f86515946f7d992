import { stringify } from "csv-stringify/sync";
import { asc, eq } from "drizzle-orm";
import { neutraliseFormula } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { organisations } from "../db/schema.ts";

/**
 * The public directory: only organisations that chose to be listed, and of each only the
 * public fields — its contacts only when it also chose to publish them. Only memberships in
 * force are listed: an organisation that applied, is suspended or left is not.
 */
export async function readDirectory(db: Db) {
  const rows = await db
    .select()
    .from(organisations)
    .where(eq(organisations.listedInDirectory, true))
    .orderBy(asc(organisations.name));
  const listed = new Set(rows.filter((r) => r.status === "member").map((r) => r.id));
  return rows
    .filter((r) => listed.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      names: r.names,
      kind: r.kind,
      // A parent that is not listed is not named either.
      parentId: r.parentId && listed.has(r.parentId) ? r.parentId : null,
      countryCode: r.countryCode,
      description: r.description,
      themes: r.themes,
      crcArticles: r.crcArticles,
      website: r.website,
      contactEmail: r.publishesContacts ? r.contactEmail : null,
      contactPhone: r.publishesContacts ? r.contactPhone : null,
      latitude: r.latitude,
      longitude: r.longitude,
    }));
}

const CSV_COLUMNS = [
  "name",
  "kind",
  "countryCode",
  "themes",
  "website",
  "contactEmail",
  "contactPhone",
] as const;

/** The directory as CSV, one organisation a row, texts neutralised so no cell runs as a formula. */
export function directoryCsv(entries: Awaited<ReturnType<typeof readDirectory>>): string {
  const rows = entries.map((e) =>
    CSV_COLUMNS.map((c) => {
      const value = e[c];
      return neutraliseFormula(Array.isArray(value) ? value.join("; ") : (value ?? ""));
    }),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
