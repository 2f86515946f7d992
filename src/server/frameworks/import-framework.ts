import { and, eq } from "drizzle-orm";
import type { Framework } from "../../core/index.ts";
import { findNul, nulProblem } from "../app/refuse-nul.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { insertInChunks } from "../db/insert-in-chunks.ts";
import {
  classifications,
  classificationValues,
  frameworkNodes,
  frameworks,
  frameworkVersions,
  indicatorClassifications,
  indicators,
} from "../db/schema.ts";
import { UserError } from "../errors.ts";

export interface ImportedFramework {
  frameworkId: string;
  versionId: string;
  code: string;
  version: string;
}

/**
 * Stores a validated framework as a new version, in one transaction: the
 * definition itself (the source of truth for scoring) and its nodes,
 * indicators and classifications as rows for queries. A version is immutable:
 * importing an existing code and version again is refused.
 */
export async function importFramework(
  db: Db,
  fw: Framework,
  userId?: string,
  audit?: AuditActor,
): Promise<ImportedFramework> {
  const withNul = findNul(fw);
  if (withNul !== null) throw new UserError(`the framework cannot be stored`, [nulProblem(withNul)]);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: frameworks.id })
      .from(frameworks)
      .where(eq(frameworks.code, fw.code));
    let frameworkId = existing?.id;
    if (!frameworkId) {
      const [created] = await tx
        .insert(frameworks)
        .values({ code: fw.code, title: fw.title })
        .returning({ id: frameworks.id });
      frameworkId = created!.id;
    } else {
      const [clash] = await tx
        .select({ id: frameworkVersions.id })
        .from(frameworkVersions)
        .where(
          and(eq(frameworkVersions.frameworkId, frameworkId), eq(frameworkVersions.version, fw.version)),
        );
      if (clash) {
        throw new UserError(
          `framework "${fw.code}" already has a version "${fw.version}"; versions never change: give the file a new version`,
        );
      }
    }
    const [version] = await tx
      .insert(frameworkVersions)
      .values({
        frameworkId,
        version: fw.version,
        title: fw.title,
        defaultLanguage: fw.defaultLanguage,
        definition: fw,
        createdBy: userId ?? null,
      })
      .returning({ id: frameworkVersions.id });
    const versionId = version!.id;

    const nodeRows = await insertInChunks(
      fw.nodes.map((node, position) => ({
        versionId,
        code: node.code,
        parentCode: node.parent,
        label: node.label,
        weight: node.weight,
        aggregation: node.aggregation,
        missingPolicy: node.missing,
        minCoverage: node.minCoverage,
        position,
      })),
      (chunk) =>
        tx
          .insert(frameworkNodes)
          .values(chunk)
          .returning({ id: frameworkNodes.id, code: frameworkNodes.code }),
    );
    const nodeIds = new Map(nodeRows.map((r) => [r.code, r.id]));
    const indicatorRows = await insertInChunks(
      fw.indicators.map((ind, position) => ({
        versionId,
        nodeId: nodeIds.get(ind.node)!,
        code: ind.code,
        type: ind.type,
        text: ind.text,
        guidance: ind.guidance ?? null,
        unit: "unit" in ind ? (ind.unit ?? null) : null,
        weight: ind.weight,
        scoring: ind.scoring,
        evidenceRequired: ind.evidence.required,
        position,
      })),
      (chunk) => tx.insert(indicators).values(chunk).returning({ id: indicators.id, code: indicators.code }),
    );
    const indicatorIds = new Map(indicatorRows.map((r) => [r.code, r.id]));

    const valueIds = new Map<string, string>();
    for (const cls of fw.classifications) {
      const [row] = await tx
        .insert(classifications)
        .values({ versionId, code: cls.code, label: cls.label })
        .returning({ id: classifications.id });
      if (cls.values.length === 0) continue;
      const values = await tx
        .insert(classificationValues)
        .values(cls.values.map((v) => ({ classificationId: row!.id, code: v.code, label: v.label })))
        .returning({ id: classificationValues.id, code: classificationValues.code });
      for (const v of values) valueIds.set(`${cls.code}:${v.code}`, v.id);
    }
    const links = fw.indicators.flatMap((ind) =>
      Object.entries(ind.classifications).flatMap(([cls, list]) =>
        list.map((value) => ({
          indicatorId: indicatorIds.get(ind.code)!,
          valueId: valueIds.get(`${cls}:${value}`)!,
        })),
      ),
    );
    await insertInChunks(links, (chunk) => tx.insert(indicatorClassifications).values(chunk).returning());
    if (audit) {
      await recordAudit(tx as unknown as Db, {
        action: "framework.imported",
        ...audit,
        targetType: "framework-version",
        targetId: versionId,
        details: { code: fw.code, version: fw.version, indicators: fw.indicators.length },
      });
    }
    return { frameworkId, versionId, code: fw.code, version: fw.version };
  });
}
