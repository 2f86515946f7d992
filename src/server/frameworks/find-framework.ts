import { and, desc, eq, sql } from "drizzle-orm";
import type { Framework, LocalText } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { frameworks, frameworkVersions } from "../db/schema.ts";
import { UserError } from "../errors.ts";

export interface FrameworkVersionRef {
  versionId: string;
  frameworkId: string;
  code: string;
  version: string;
  definition: Framework;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds a framework version by its id, by `code@version`, or by `code`
 * (then the most recently imported version).
 */
export async function findFrameworkVersion(db: Db, ref: string): Promise<FrameworkVersionRef> {
  const [code, version] = ref.split("@") as [string, string | undefined];
  const where = UUID.test(ref)
    ? eq(frameworkVersions.id, ref)
    : version
      ? and(eq(frameworks.code, code), eq(frameworkVersions.version, version))
      : eq(frameworks.code, code);
  const [row] = await db
    .select({
      versionId: frameworkVersions.id,
      frameworkId: frameworks.id,
      code: frameworks.code,
      version: frameworkVersions.version,
      definition: frameworkVersions.definition,
    })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(where)
    .orderBy(desc(frameworkVersions.createdAt))
    .limit(1);
  if (!row) {
    throw new UserError(
      `no framework "${ref}": use an id, a code, or code@version (see \`childmark framework list\`)`,
      [],
      404,
    );
  }
  return row;
}

export interface FrameworkSummary {
  id: string;
  code: string;
  version: string;
  title: LocalText;
  defaultLanguage: string;
  nodeCount: number;
  indicatorCount: number;
  createdAt: string;
}

/** Every framework version, newest first, with its size. */
export async function listFrameworkVersions(db: Db): Promise<FrameworkSummary[]> {
  const rows = await db
    .select({
      id: frameworkVersions.id,
      code: frameworks.code,
      version: frameworkVersions.version,
      title: frameworkVersions.title,
      defaultLanguage: frameworkVersions.defaultLanguage,
      nodeCount: sql<number>`jsonb_array_length(${frameworkVersions.definition}->'nodes')`,
      indicatorCount: sql<number>`jsonb_array_length(${frameworkVersions.definition}->'indicators')`,
      createdAt: frameworkVersions.createdAt,
    })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .orderBy(frameworks.code, desc(frameworkVersions.createdAt));
  return rows.map((r) => ({
    ...r,
    nodeCount: Number(r.nodeCount),
    indicatorCount: Number(r.indicatorCount),
    createdAt: r.createdAt.toISOString(),
  }));
}
