import multipart from "@fastify/multipart";
import { and, asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { EVALUATION_CRITERIA } from "../../../core/index.ts";
import { evaluationParams, outcomeParams, resultFileOut } from "../../api-schemas/evaluations.ts";
import { errorBody } from "../../api-schemas/index.ts";
import { planParams } from "../../api-schemas/results.ts";
import type { Db } from "../../db/connect.ts";
import { advocacyOutcomes, resultFiles } from "../../db/schema.ts";
import { UserError } from "../../errors.ts";
import { checkFileContent } from "../../evidence/check-file-content.ts";
import { downloadEvidence } from "../../evidence/download-evidence.ts";
import { readUpload, uploadLimits } from "../../evidence/read-upload.ts";
import { sanitiseFileName } from "../../evidence/sanitise-file-name.ts";
import { discardFile, storeFile } from "../../evidence/store-file.ts";
import { withImportSlot } from "../../files/import-slots.ts";
import { loadPlanEvaluation } from "../evaluations/check-plan-parts.ts";
import { type LoadedPlan, loadAuthorizedPlan } from "../load-plan.ts";

const tags = ["results"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const uploadErrors = { ...errors, 413: errorBody, 503: errorBody };

const findingParams = evaluationParams.extend({ criterion: z.enum(EVALUATION_CRITERIA) });
const fileParams = planParams.extend({ fileId: z.uuid() });

/**
 * Evidence files on evaluation findings and advocacy outcomes, with the rules of answer
 * evidence: at most the upload limit (413), Office files through the zip guard, the type
 * checked by content, stored under a random name, and downloaded as an attachment only by
 * those who may read the plan (404 to others). Adding and removing needs `plan:edit`.
 */
export async function registerResultFileRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: uploadLimits() });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    /** Checks and stores the upload, then records it in one transaction (the file removed if that fails). */
    const attach = async (
      plan: LoadedPlan,
      owner: { evaluationId: string; criterion: string } | { outcomeId: string },
      request: Parameters<typeof readUpload>[0],
      actorId: string,
    ) => {
      const stored = await withImportSlot(async () => {
        const upload = await readUpload(request);
        const fileName = sanitiseFileName(upload.fileName);
        const { mediaType } = await checkFileContent(upload.bytes, fileName);
        return { ...(await storeFile(upload.bytes)), fileName, mediaType };
      });
      try {
        const [row] = await db
          .insert(resultFiles)
          .values({
            planId: plan.id,
            ...owner,
            filePath: stored.path,
            fileName: stored.fileName,
            mediaType: stored.mediaType,
            fileSize: stored.size,
            sha256: stored.sha256,
            createdBy: actorId,
          })
          .returning({ id: resultFiles.id });
        return row!.id;
      } catch (error) {
        await discardFile(stored.path);
        throw error;
      }
    };

    api.get(
      "/results/plans/:id/files",
      {
        schema: {
          tags,
          summary: "The evidence files of a plan's evaluation findings and outcomes",
          params: planParams,
          response: { 200: z.array(resultFileOut), ...errors },
        },
      },
      async (request) => {
        const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
        const rows = await db
          .select()
          .from(resultFiles)
          .where(eq(resultFiles.planId, plan.id))
          .orderBy(asc(resultFiles.createdAt));
        return rows.map((r) => ({
          id: r.id,
          evaluationId: r.evaluationId,
          criterion: r.criterion,
          outcomeId: r.outcomeId,
          fileName: r.fileName,
          mediaType: r.mediaType,
          fileSize: r.fileSize,
          createdAt: r.createdAt.toISOString(),
        }));
      },
    );

    api.post(
      "/results/plans/:id/evaluations/:evaluationId/findings/:criterion/files",
      {
        schema: {
          tags,
          summary: "Attach an evidence file to an evaluation's finding on one criterion",
          description:
            "multipart/form-data with one file (at most 20 MB: PDF, DOCX, XLSX, PNG, JPEG, GIF or WEBP, checked by content).",
          params: findingParams,
          response: { 201: z.object({ id: z.uuid() }), ...uploadErrors },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
        const { evaluationId, criterion } = request.params;
        await loadPlanEvaluation(db, plan.id, evaluationId);
        const id = await attach(plan, { evaluationId, criterion }, request, actor.userId);
        return reply.code(201).send({ id });
      },
    );

    api.post(
      "/results/plans/:id/outcomes/:outcomeId/files",
      {
        schema: {
          tags,
          summary: "Attach an evidence file to an advocacy outcome",
          description:
            "multipart/form-data with one file (at most 20 MB: PDF, DOCX, XLSX, PNG, JPEG, GIF or WEBP, checked by content).",
          params: outcomeParams,
          response: { 201: z.object({ id: z.uuid() }), ...uploadErrors },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
        const { outcomeId } = request.params;
        const [outcome] = await db
          .select({ id: advocacyOutcomes.id })
          .from(advocacyOutcomes)
          .where(and(eq(advocacyOutcomes.id, outcomeId), eq(advocacyOutcomes.planId, plan.id)));
        if (!outcome) throw new UserError(`no outcome ${outcomeId} in this plan`, [], 404);
        const id = await attach(plan, { outcomeId }, request, actor.userId);
        return reply.code(201).send({ id });
      },
    );

    const loadFile = async (planId: string, fileId: string) => {
      const [row] = await db
        .select()
        .from(resultFiles)
        .where(and(eq(resultFiles.id, fileId), eq(resultFiles.planId, planId)));
      if (!row) throw new UserError(`no file ${fileId} in this plan`, [], 404);
      return row;
    };

    api.get(
      "/results/plans/:id/files/:fileId",
      {
        schema: {
          tags,
          summary: "Download an evidence file (always as an attachment, never rendered by the browser)",
          params: fileParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
        return downloadEvidence(reply, await loadFile(plan.id, request.params.fileId));
      },
    );

    api.delete(
      "/results/plans/:id/files/:fileId",
      {
        schema: {
          tags,
          summary: "Remove an evidence file of a finding or an outcome",
          params: fileParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { plan } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
        const file = await loadFile(plan.id, request.params.fileId);
        await db.delete(resultFiles).where(eq(resultFiles.id, file.id));
        await discardFile(file.filePath).catch(() => undefined);
        return reply.code(204).send(null);
      },
    );
  });
}
