import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { assessmentTarget, loadAssessment } from "../assessments/load-assessment.ts";
import { answerParams } from "../assessments/schemas.ts";
import { authorize } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { addEvidence } from "./add-evidence.ts";
import { downloadEvidence } from "./download-evidence.ts";
import { findEvidence } from "./find-evidence.ts";
import { listEvidence } from "./list-evidence.ts";
import { prepareUpload } from "./prepare-upload.ts";
import { readUpload, uploadLimits } from "./read-upload.ts";
import { removeEvidence } from "./remove-evidence.ts";
import { addedEvidence, evidenceBody, evidenceOut, evidenceParams } from "./schemas.ts";
import { discardFile } from "./store-file.ts";

/** Routes of the evidence module (registered under /api by app/build-app.ts). */
export async function registerEvidenceRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // Multipart parsing only in this module's own scope.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: uploadLimits() });
    const api = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ["evidence"];

    api.get(
      "/assessments/:id/answers/:indicatorCode/evidence",
      {
        schema: {
          tags,
          summary: "The evidence sources of one answer",
          params: answerParams,
          response: { 200: z.array(evidenceOut), 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const assessment = await loadAssessment(db, request.params.id);
        authorize(request, "assessment:read", assessmentTarget(assessment));
        return listEvidence(db, assessment, request.params.indicatorCode);
      },
    );

    api.post(
      "/assessments/:id/answers/:indicatorCode/evidence",
      {
        schema: {
          tags,
          summary:
            "Add a source to an answer: JSON (citation, url, legal reference) or multipart/form-data with one file",
          description:
            "A file (field `file`, at most 20 MB: PDF, DOCX, XLSX, PNG, JPEG, GIF or WEBP, checked by content) may come with the fields citation, url, legalReference, sourceDate. The answer is created empty if it does not exist yet.",
          params: answerParams,
          body: evidenceBody.nullish(),
          response: {
            201: addedEvidence,
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            413: errorBody,
            503: errorBody,
          },
        },
      },
      async (request, reply) => {
        const { id, indicatorCode } = request.params;
        const assessment = await loadAssessment(db, id);
        const actor = authorize(request, "answer:write", assessmentTarget(assessment, indicatorCode));
        let evidence: Parameters<typeof addEvidence>[1]["evidence"];
        if (request.isMultipart()) {
          evidence = await withImportSlot(async () => prepareUpload(await readUpload(request)));
        } else {
          if (!request.body) throw new UserError("send a JSON source or a multipart upload with a file");
          evidence = request.body;
        }
        try {
          const added = await db.transaction((tx) =>
            addEvidence(tx as unknown as Db, { assessment, indicatorCode, actorId: actor.userId, evidence }),
          );
          return reply.code(201).send(added);
        } catch (error) {
          if (evidence.file) await discardFile(evidence.file.path);
          throw error;
        }
      },
    );

    api.delete(
      "/evidence/:id",
      {
        schema: {
          tags,
          summary: "Remove a source (kept in the answer's history)",
          params: evidenceParams,
          response: { 204: z.null(), 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const found = await findEvidence(db, request.params.id);
        const assessment = await loadAssessment(db, found.assessmentId);
        const actor = authorize(request, "answer:write", assessmentTarget(assessment, found.indicatorCode));
        await db.transaction((tx) =>
          removeEvidence(tx as unknown as Db, {
            assessment,
            indicatorCode: found.indicatorCode,
            evidenceId: found.evidence.id,
            actorId: actor.userId,
          }),
        );
        return reply.code(204).send(null);
      },
    );

    api.get(
      "/evidence/:id/file",
      {
        schema: {
          tags,
          summary: "Download an uploaded file (always as an attachment, never rendered by the browser)",
          params: evidenceParams,
          response: { 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request, reply) => {
        const found = await findEvidence(db, request.params.id);
        const assessment = await loadAssessment(db, found.assessmentId);
        authorize(request, "assessment:read", assessmentTarget(assessment));
        return downloadEvidence(reply, found.evidence);
      },
    );
  });
}
