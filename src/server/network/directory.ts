import { stringify } from "csv-stringify/sync";
import { asc, eq } from "drizzle-orm";
import { neutraliseFormula } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { organisations } from "../db/schema.ts";
import { loadExcelJs } from "../exceljs.ts";
import { writeWorkbook } from "../frameworks/xlsx/neutralise-workbook.ts";

/**
 * The public directory: only organisations that chose to be listed, and of each only the
 * public fields — its contacts only when it also chose to publish them. Only memberships in
 * force are listed: an organisation that applied, is suspended or left is not.
 */
export async function readDirectory(db: Db) {
  const rows = await listedRows(db);
  const listed = new Set(rows.map((r) => r.id));
  return rows.map((r) => ({
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
    logo: publicLogoOf(r),
  }));
}

/** The organisations the directory lists: those that chose to be listed and are members now. */
async function listedRows(db: Db) {
  const rows = await db
    .select()
    .from(organisations)
    .where(eq(organisations.listedInDirectory, true))
    .orderBy(asc(organisations.name));
  return rows.filter((r) => r.status === "member");
}

type OrganisationRecord = typeof organisations.$inferSelect;

/** A listed organisation's logo as the public sees it, when it has one and chose to publish it. */
function publicLogoOf(r: OrganisationRecord) {
  if (!r.publishesLogo || !r.logoPath || !r.logoMediaType || !r.logoSha256) return null;
  return { url: `/api/public/directory/${r.id}/logo`, mediaType: r.logoMediaType, sha256: r.logoSha256 };
}

/**
 * The stored logo files the public may see, by organisation: exactly the directory's entries
 * with a published logo (for the public route and the portal's `logos/` files).
 */
export async function readPublicLogos(
  db: Db,
): Promise<Record<string, { logoPath: string; logoMediaType: string }>> {
  const out: Record<string, { logoPath: string; logoMediaType: string }> = {};
  for (const r of await listedRows(db))
    if (publicLogoOf(r)) out[r.id] = { logoPath: r.logoPath!, logoMediaType: r.logoMediaType! };
  return out;
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

type DirectoryEntries = Awaited<ReturnType<typeof readDirectory>>;

/** The directory's table, one organisation a row: the cells of the CSV and of the XLSX. */
function directoryTable(entries: DirectoryEntries): string[][] {
  return entries.map((e) =>
    CSV_COLUMNS.map((c) => {
      const value = e[c];
      return Array.isArray(value) ? value.join("; ") : (value ?? "");
    }),
  );
}

/** The directory as CSV, one organisation a row, texts neutralised so no cell runs as a formula. */
export function directoryCsv(entries: DirectoryEntries): string {
  const rows = directoryTable(entries).map((row) => row.map(neutraliseFormula));
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}

/** The directory as an XLSX workbook: the CSV's columns on one sheet, texts neutralised as well. */
export async function directoryXlsx(entries: DirectoryEntries): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("directory");
  sheet.addRow([...CSV_COLUMNS]).font = { bold: true };
  for (const row of directoryTable(entries)) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 28;
  });
  return writeWorkbook(book);
}
