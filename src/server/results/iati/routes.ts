import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { readIatiActivities } from "../../../core/results/iati/index.ts";
import { errorBody } from "../../api-schemas/index.ts";
import {
  iatiImportFields,
  iatiImportOut,
  iatiMergeFields,
  iatiMergeOut,
  iatiPreviewOut,
  planParams,
} from "../../api-schemas/results.ts";
import { auditActorOf } from "../../audit/record-audit.ts";
import { authorize, requireActor } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { UserError } from "../../errors.ts";
import { readUpload } from "../../evidence/read-upload.ts";
import { withImportSlot } from "../../files/import-slots.ts";
import { maxFileBytes } from "../../files/limits.ts";
import { loadAuthorizedPlan, loadOrganisation, organisationTarget } from "../load-plan.ts";
import { readPlan } from "../read-plan.ts";
import { importIatiAsPlan, previewIati, refuseIfProblems } from "./import-iati.ts";
import { mergeIatiIntoPlan } from "./merge-iati.ts";
import { readIatiFile } from "./parse-xml.ts";
import { writeIatiActivity } from "./write-activity.ts";

const tags = ["results"];
const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  413: errorBody,
  503: errorBody,
};
const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 200) || "file.xml";

/** IATI import into a new plan and export of a plan as an IATI 2.03 activity file. */
export async function registerResultsIatiRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxFileBytes(), files: 1, fields: 3, fieldSize: 100, parts: 4 },
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      "/results/plans/import-iati",
      {
        schema: {
          tags,
          summary:
            "A new plan from the results of an IATI activity file, versions 1.03–2.03 (multipart: file, organisationId, dryRun)",
          description:
            "dryRun=true: 200 with what would be imported and every problem (activity, indicator and period named), nothing written. Otherwise 201 with the new plan, or 400 listing every problem and nothing written.",
          response: { 200: iatiPreviewOut, 201: iatiImportOut, ...errors },
        },
      },
      async (request, reply) => {
        requireActor(request);
        if (!request.isMultipart())
          throw new UserError("send the file as multipart/form-data (fields file, organisationId, dryRun)");
        return withImportSlot(async () => {
          const upload = await readUpload(request, "the IATI file");
          const fields = iatiImportFields.safeParse(upload.fields);
          if (!fields.success)
            throw new UserError(
              "invalid import fields",
              fields.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
            );
          const organisation = await loadOrganisation(db, fields.data.organisationId);
          const actor = authorize(request, "plan:edit", organisationTarget(organisation));
          const fileName = safeName(upload.fileName);
          const { draft, preview } = await previewIati(upload.bytes, fileName, organisation.id);
          if (fields.data.dryRun) return reply.code(200).send(preview);
          refuseIfProblems(preview);
          const imported = await db.transaction((tx) =>
            importIatiAsPlan(tx as unknown as Db, {
              draft,
              preview,
              organisation,
              actorId: actor.userId,
              audit: auditActorOf(request),
            }),
          );
          return reply.code(201).send(imported);
        });
      },
    );

    api.post(
      "/results/plans/:id/import-iati",
      {
        schema: {
          tags,
          summary:
            "Merge the results of an IATI activity file into this plan (multipart: file, dryRun): what is added, changed and left",
          description:
            "Nodes and indicators are matched by their key in the file (kept from the first import), or by code when the file gives it in the reporting organisation's vocabulary (99), as Childmark's export does; an activity exported from this plan stands for the plan. New levels, periods and dimension categories are added to the plan; matched nodes keep their place. dryRun=true: 200 with every change and problem, nothing written. Otherwise 200 with what was done, in one transaction (values through the versioned save, history source iati), or 400 with the problems and nothing written. The same file again changes nothing.",
          params: planParams,
          response: { 200: iatiMergeOut, ...errors, 400: iatiMergeOut.or(errorBody) },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:edit");
        if (!request.isMultipart())
          throw new UserError("send the file as multipart/form-data (fields file, dryRun)");
        return withImportSlot(async () => {
          const upload = await readUpload(request, "the IATI file");
          const fields = iatiMergeFields.safeParse(upload.fields);
          if (!fields.success)
            throw new UserError(
              "invalid import fields",
              fields.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
            );
          const fileName = safeName(upload.fileName);
          const draft = readIatiActivities(await readIatiFile(upload.bytes, fileName));
          const report = await db.transaction((tx) =>
            mergeIatiIntoPlan(tx as unknown as Db, {
              plan,
              draft,
              fileName,
              dryRun: fields.data.dryRun,
              actorId: actor.userId,
              audit: auditActorOf(request),
            }),
          );
          return reply.code(report.ok ? 200 : 400).send(report);
        });
      },
    );

    api.get(
      "/results/plans/:id/export.iati.xml",
      {
        schema: {
          tags,
          summary:
            "The plan as an IATI 2.03 activity file with its results, indicators, baselines, targets and actuals",
          params: planParams,
          response: {
            200: z.any().describe("The IATI XML file"),
            401: errorBody,
            403: errorBody,
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const { plan, actor } = await loadAuthorizedPlan(db, request, request.params.id, "plan:read");
        const xml = writeIatiActivity(await readPlan(db, plan, actor));
        return reply
          .header("content-type", "application/xml; charset=utf-8")
          .header("content-disposition", `attachment; filename="plan-${plan.id}.iati.xml"`)
          .send(xml);
      },
    );
  });
}
