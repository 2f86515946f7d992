import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { maxFileBytes } from "../files/limits.ts";
import { suggestClassifications, tagChange, tagRecommendations } from "./classify.ts";
import {
  currentByKind,
  implementationInput,
  implementationOutput,
  listImplementation,
  recordImplementation,
} from "./implementation.ts";
import { importRecommendations } from "./import-recommendations.ts";
import { getRecommendation, listImports, listMappings, saveMapping } from "./manage.ts";
import { registerRecommendationPersonalRoutes } from "./personal-routes.ts";
import { previewTable, safeFileName } from "./preview-table.ts";
import { recommendationTarget, recommendationTargets } from "./recommendation-target.ts";
import { registerRecommendationReportRoutes } from "./report-routes.ts";
import {
  classificationSuggestions,
  idParams,
  importFields,
  importPreview,
  importRecord,
  importSummary,
  mappingBody,
  mappingOut,
  mappingParams,
  recommendationDetail,
  searchQuery,
  searchResult,
} from "./schemas.ts";
import { searchRecommendations } from "./search-recommendations.ts";
import { registerSynergyRoutes } from "./synergy-routes.ts";
import { trackingVisibility } from "./tracking-scope.ts";

const denied = { 401: errorBody, 403: errorBody };

/** 404 for an unknown recommendation, 403 when its State's tracking is outside the person's scope. */
async function authorizeRecommendationTracking(request: FastifyRequest, db: Db, id: string): Promise<void> {
  requireActor(request);
  authorize(request, "recommendation:read-tracking", await recommendationTarget(db, id));
}

/** Routes of the recommendations module (registered under /api by app/build-app.ts). */
export async function registerRecommendationRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxFileBytes(), files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ["recommendations"];
    await registerRecommendationReportRoutes(scope, db);
    await registerRecommendationPersonalRoutes(scope, db);
    await registerSynergyRoutes(scope, db);

    api.get(
      "/recommendations",
      {
        schema: {
          tags,
          summary:
            "Search recommendations: full text (quoted phrases), filters on every field, facet counts, pages",
          querystring: searchQuery,
          response: { 200: searchResult, 400: errorBody, ...denied },
        },
      },
      async (request) => {
        return searchRecommendations(db, request.query, trackingVisibility(request));
      },
    );

    api.get(
      "/recommendations/:id",
      {
        schema: {
          tags,
          summary: "One recommendation",
          params: idParams,
          response: { 200: recommendationDetail, 404: errorBody, ...denied },
        },
      },
      async (request) => {
        requireActor(request);
        return getRecommendation(db, request.params.id);
      },
    );

    api.post(
      "/recommendations/imports",
      {
        schema: {
          tags,
          summary:
            "Import a CSV or XLSX file of recommendations (multipart: file, preset, and optionally mapping, columns, mechanism, state)",
          description:
            "Presets: upr-info, uhri, ohchr-thematic (columns matched by name, original and derived spellings), generic (the columns JSON checked on the preview, else a saved mapping, else matching by name). mechanism: the default for files without a mechanism column, and for its empty cells (a regional body's conclusions listed by a coalition: ecsr, grevio, lanzarote, acerwc). One transaction: any invalid row and nothing is written, problems grouped by kind with their first lines; duplicates (same text, State and session) are merged and reported. Every row's State must be in the importer's scope (403 listing the lines otherwise, nothing written).",
          response: {
            201: importSummary,
            400: errorBody,
            404: errorBody,
            413: errorBody,
            503: errorBody,
            ...denied,
          },
        },
      },
      async (request, reply) => {
        const actor = authorize(request, "recommendation:import");
        if (!request.isMultipart())
          throw new UserError("send the file as multipart/form-data (fields file, preset)");
        const summary = await withImportSlot(async () => {
          const upload = await readUpload(request);
          const fields = importFields.safeParse(upload.fields);
          if (!fields.success)
            throw new UserError(
              "invalid import fields",
              fields.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
            );
          return importRecommendations(db, {
            bytes: upload.bytes,
            fileName: safeFileName(upload.fileName),
            preset: fields.data.preset,
            mappingName: fields.data.mapping,
            columns: fields.data.columns,
            defaults: { mechanism: fields.data.mechanism },
            state: fields.data.state,
            userId: actor.userId,
            mayImport: (target) => can(actor, "recommendation:import", target),
            audit: auditActorOf(request),
          });
        });
        return reply.code(201).send(summary);
      },
    );

    api.post(
      "/recommendations/imports/preview",
      {
        schema: {
          tags,
          summary:
            "Read the columns and first rows of a CSV or XLSX file without importing it (multipart: file)",
          description: "The column-mapping step of the generic import: nothing is written.",
          response: { 200: importPreview, 400: errorBody, 413: errorBody, 503: errorBody, ...denied },
        },
      },
      async (request) => {
        authorize(request, "recommendation:import");
        if (!request.isMultipart()) throw new UserError("send the file as multipart/form-data (field file)");
        return withImportSlot(async () => {
          const upload = await readUpload(request);
          return previewTable(upload.bytes, safeFileName(upload.fileName));
        });
      },
    );

    api.get(
      "/recommendations/imports",
      {
        schema: {
          tags,
          summary: "The latest recommendation imports",
          response: { 200: z.array(importRecord), ...denied },
        },
      },
      async (request) => {
        authorize(request, "recommendation:import");
        return listImports(db);
      },
    );

    api.get(
      "/recommendations/mappings",
      {
        schema: {
          tags,
          summary: "Saved column mappings of the generic import",
          response: { 200: z.array(mappingOut), ...denied },
        },
      },
      async (request) => {
        authorize(request, "recommendation:import");
        return listMappings(db);
      },
    );

    api.put(
      "/recommendations/mappings/:name",
      {
        schema: {
          tags,
          summary: "Save a column mapping { column: field } by name",
          params: mappingParams,
          body: mappingBody,
          response: { 200: mappingOut, 400: errorBody, ...denied },
        },
      },
      async (request) => {
        const actor = authorize(request, "recommendation:import");
        return saveMapping(db, request.params.name, request.body.columns, actor.userId);
      },
    );

    api.get(
      "/recommendations/:id/suggestions",
      {
        schema: {
          tags,
          summary:
            "UNCRC articles and SDG targets suggested by the model trained on the classified recommendations, or the curated vocabulary and the themes, with a score, the phrases that led to each and its source (never applied)",
          params: idParams,
          response: {
            200: classificationSuggestions,
            404: errorBody,
            ...denied,
          },
        },
      },
      async (request) => {
        requireActor(request);
        return suggestClassifications(db, request.params.id);
      },
    );

    api.post(
      "/recommendations/tags",
      {
        schema: {
          tags,
          summary:
            "Add and remove themes, groups, UNCRC articles, SDG targets, indicators on many recommendations",
          body: tagChange,
          response: { 200: z.object({ updated: z.number() }), 400: errorBody, 404: errorBody, ...denied },
        },
      },
      async (request) => {
        requireActor(request);
        for (const target of await recommendationTargets(db, request.body.ids))
          authorize(request, "recommendation:track", target);
        return db.transaction((tx) => tagRecommendations(tx as unknown as Db, request.body));
      },
    );

    api.get(
      "/recommendations/:id/assessments",
      {
        schema: {
          tags,
          summary: "Implementation assessments of a recommendation, oldest first",
          params: idParams,
          response: { 200: z.array(implementationOutput), 404: errorBody, ...denied },
        },
      },
      async (request) => {
        await authorizeRecommendationTracking(request, db, request.params.id);
        return listImplementation(db, request.params.id);
      },
    );

    api.get(
      "/recommendations/:id/timeline",
      {
        schema: {
          tags,
          summary:
            "Timeline of a recommendation: every implementation assessment in order (who recorded it, when) and the current status of each kind of assessor",
          params: idParams,
          response: {
            200: z.object({
              recommendationId: z.uuid(),
              current: z.object({
                government: implementationOutput.nullable(),
                coalition: implementationOutput.nullable(),
              }),
              entries: z.array(implementationOutput),
            }),
            404: errorBody,
            ...denied,
          },
        },
      },
      async (request) => {
        await authorizeRecommendationTracking(request, db, request.params.id);
        const entries = await listImplementation(db, request.params.id);
        return { recommendationId: request.params.id, current: currentByKind(entries), entries };
      },
    );

    api.post(
      "/recommendations/:id/assessments",
      {
        schema: {
          tags,
          summary: "Record an implementation assessment (government claim or coalition view)",
          params: idParams,
          body: implementationInput,
          response: { 201: implementationOutput, 400: errorBody, 404: errorBody, ...denied },
        },
      },
      async (request, reply) => {
        requireActor(request);
        const { recommendation, ...place } = await recommendationTarget(db, request.params.id);
        const actor = authorize(request, "recommendation:track", { ...place, recommendation });
        // A working group's review rights record the coalition's view, never the government's claim.
        if (request.body.assessedByKind !== "coalition" && !can(actor, "recommendation:track", place))
          throw new UserError("assessedByKind: a working group records the coalition's view only", [], 403);
        const saved = await db.transaction((tx) =>
          recordImplementation(tx as unknown as Db, request.params.id, request.body, actor.userId),
        );
        return reply.code(201).send(saved);
      },
    );
  });
}
