import { eq } from "drizzle-orm";
import { type AreaShapeCollection, readAreaShapes } from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { areaShapes, areas, countries } from "../db/schema.ts";
import { UserError } from "../errors.ts";

/** A country's stored area shapes, as the API serves them. */
export interface StoredAreaShapes {
  country: string;
  fileName: string;
  format: string;
  codeProperty: string;
  uploadedAt: string;
  shapes: AreaShapeCollection;
}

async function countryOf(db: Db, code: string) {
  const [country] = await db
    .select({ code: countries.code, region: countries.regionCode })
    .from(countries)
    .where(eq(countries.code, code));
  if (!country) throw new UserError(`no country ${code}`, [], 404);
  return country;
}

/**
 * A country's area shapes, only of the areas it has now (areas replaced since the upload lose
 * theirs), or null when none were uploaded.
 */
export async function readAreaShapesOf(db: Db, countryCode: string): Promise<StoredAreaShapes | null> {
  await countryOf(db, countryCode);
  const [row] = await db.select().from(areaShapes).where(eq(areaShapes.countryCode, countryCode));
  if (!row) return null;
  const codes = new Set(
    (await db.select({ code: areas.code }).from(areas).where(eq(areas.countryCode, countryCode))).map(
      (a) => a.code,
    ),
  );
  return {
    country: countryCode,
    fileName: row.fileName,
    format: row.format,
    codeProperty: row.codeProperty,
    uploadedAt: row.uploadedAt.toISOString(),
    shapes: { ...row.shapes, features: row.shapes.features.filter((f) => codes.has(f.properties.code)) },
  };
}

/** Every country's area shapes that has some (for the portal's area pages), by country code. */
export async function readAllAreaShapes(db: Db): Promise<Record<string, AreaShapeCollection>> {
  const out: Record<string, AreaShapeCollection> = {};
  for (const { countryCode } of await db.select({ countryCode: areaShapes.countryCode }).from(areaShapes)) {
    const stored = await readAreaShapesOf(db, countryCode);
    if (stored?.shapes.features.length) out[countryCode] = stored.shapes;
  }
  return out;
}

/**
 * Replaces a country's area shapes with an uploaded file, in the caller's transaction: checked
 * against the country's areas, every problem named (400) and nothing changed on any.
 */
export async function replaceAreaShapes(
  tx: Db,
  countryCode: string,
  upload: { bytes: Buffer; fileName: string; codeProperty?: string },
  audit: AuditActor,
): Promise<{ areas: number; bytes: number }> {
  const country = await countryOf(tx, countryCode);
  const codes = (
    await tx.select({ code: areas.code }).from(areas).where(eq(areas.countryCode, countryCode))
  ).map((a) => a.code);
  if (!codes.length)
    throw new UserError(`${countryCode} has no areas yet: add its areas before their shapes`);
  const codeProperty = upload.codeProperty?.trim() || "code";
  const read = readAreaShapes(upload.bytes.toString("utf8"), upload.bytes.length, {
    areaCodes: codes,
    codeProperty,
  });
  if (!read.shapes) {
    throw new UserError(
      `${upload.fileName || "the file"}: the shapes were not saved: ${read.problems[0]}`,
      read.problems,
    );
  }
  const row = {
    countryCode,
    shapes: read.shapes,
    fileName: upload.fileName.slice(0, 200) || "shapes",
    format: read.format,
    codeProperty,
    uploadedBy: audit.actorId ?? null,
    uploadedAt: new Date(),
  };
  await tx.insert(areaShapes).values(row).onConflictDoUpdate({ target: areaShapes.countryCode, set: row });
  await recordAudit(tx, {
    ...audit,
    action: "network.area-shapes-changed",
    targetType: "country",
    targetId: countryCode,
    country: countryCode,
    region: country.region,
    details: { fileName: row.fileName, format: read.format, areas: read.shapes.features.length },
  });
  return { areas: read.shapes.features.length, bytes: Buffer.byteLength(JSON.stringify(read.shapes)) };
}

/** Removes a country's area shapes (404 when it has none), in the caller's transaction. */
export async function removeAreaShapes(tx: Db, countryCode: string, audit: AuditActor): Promise<void> {
  const country = await countryOf(tx, countryCode);
  const removed = await tx
    .delete(areaShapes)
    .where(eq(areaShapes.countryCode, countryCode))
    .returning({ code: areaShapes.countryCode });
  if (!removed.length) throw new UserError(`${countryCode} has no area shapes`, [], 404);
  await recordAudit(tx, {
    ...audit,
    action: "network.area-shapes-changed",
    targetType: "country",
    targetId: countryCode,
    country: countryCode,
    region: country.region,
    details: { removed: true },
  });
}
