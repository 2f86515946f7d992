import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { registerAnalysisRoutes } from "../analysis/routes.ts";
import { registerAssessmentRoutes } from "../assessments/routes.ts";
import { registerAuditRoutes } from "../audit/routes.ts";
import { registerAuth } from "../auth/plugin.ts";
import { registerAuthRoutes } from "../auth/routes.ts";
import { registerPublicBudgetRoutes } from "../budgets/public-routes.ts";
import { registerBudgetRoutes } from "../budgets/routes.ts";
import { registerChildRoutes } from "../children/child-routes.ts";
import { registerChildrenFileRoutes } from "../children/file-routes.ts";
import { registerConsultationReportRoutes } from "../children/report-routes.ts";
import { registerChildrenRoutes } from "../children/routes.ts";
import { registerCountryRoutes } from "../countries/routes.ts";
import { registerCycleRoutes } from "../cycles/routes.ts";
import type { Database } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { registerEvidenceRoutes } from "../evidence/routes.ts";
import { registerExchangeRoutes } from "../exchange/routes.ts";
import { RETRY_AFTER_SECONDS } from "../files/import-slots.ts";
import { maxBodyBytes } from "../files/limits.ts";
import { registerFrameworkRoutes } from "../frameworks/routes.ts";
import { registerHealthRoutes } from "../health/routes.ts";
import { registerAreaAssessmentRoutes } from "../network/area-routes.ts";
import { registerGroupRoutes } from "../network/group-routes.ts";
import { registerNetworkRoutes } from "../network/routes.ts";
import { registerNotificationRoutes } from "../notifications/routes.ts";
import { registerPortalRoutes } from "../portal/routes.ts";
import { registerPublicApiRoutes } from "../public-api/routes.ts";
import { warmFacets } from "../recommendations/facet-cache.ts";
import { registerRecommendationRoutes } from "../recommendations/routes.ts";
import { registerReleaseRoutes } from "../releases/routes.ts";
import { registerReportingRoutes } from "../reporting/routes.ts";
import { registerEvaluationRoutes } from "../results/evaluations/routes.ts";
import { registerResultFileRoutes } from "../results/files/routes.ts";
import { registerResultsIatiRoutes } from "../results/iati/routes.ts";
import { registerPublicPlanPages } from "../results/public/pages.ts";
import { registerPublicPlanRoutes } from "../results/public/routes.ts";
import { registerPlanReportRoutes } from "../results/report/routes.ts";
import { registerResultsRoutes } from "../results/routes.ts";
import { registerPlanXlsxRoutes } from "../results/xlsx/routes.ts";
import { registerReviewRoutes } from "../review/routes.ts";
import { registerTrackingPages, registerTrackingRoutes } from "../tracking/routes.ts";
import { registerUserRoutes } from "../users/routes.ts";
import { registerAuthoriseFirst } from "./authorise-first.ts";
import { addCompression } from "./compress.ts";
import { refuseNulCharacters } from "./refuse-nul.ts";
import { addSecurityHeaders, trustProxySetting } from "./security-headers.ts";

declare module "fastify" {
  interface FastifyInstance {
    apiRoutes: string[];
  }
}

/** The built web app: `CHILDMARK_WEB_DIST`, or dist/web (written by `npm run build`). */
function webDist(): string {
  return (
    process.env.CHILDMARK_WEB_DIST || resolve(dirname(fileURLToPath(import.meta.url)), "../../../dist/web")
  );
}

export interface AppOptions {
  database: Database;
  /** Fastify's logger: off by default (tests); `serve` logs at CHILDMARK_LOG_LEVEL (warn). */
  logger?: boolean | { level: string };
}

/**
 * Builds the HTTP application: the JSON API under /api (validated by zod,
 * documented at /api/docs) and the built web app for every other path.
 */
export async function buildApp({ database, logger = false }: AppOptions): Promise<FastifyInstance> {
  // Uploads (multipart) have their own limit, CHILDMARK_MAX_UPLOAD_MB, set where they are read.
  const app = Fastify({ logger, bodyLimit: maxBodyBytes(), trustProxy: trustProxySetting() });
  addSecurityHeaders(app);
  addCompression(app);
  // Every API route, as "METHOD /api/path", for the permission matrix test and docs.
  const apiRoutes: string[] = [];
  app.decorate("apiRoutes", apiRoutes);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    for (const method of methods) if (method !== "HEAD") apiRoutes.push(`${method} ${route.url}`);
  });
  refuseNulCharacters(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        error: "invalid request",
        details: error.validation.map(
          (v) => `${v.instancePath.replace(/^\//, "") || "request"}: ${v.message}`,
        ),
      });
    }
    if (error instanceof UserError) {
      if (error.status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return reply.code(error.status).send({
        error: error.message,
        details: error.problems,
        ...(error.reason ? { reason: error.reason } : {}),
      });
    }
    if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.code(413).send({
        error: `the request body is over the limit of ${maxBodyBytes() / 1024} KB (CHILDMARK_MAX_BODY_KB); files go in a multipart upload`,
      });
    }
    request.log.error(error);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send({ error: status >= 500 ? "internal error" : (error as Error).message });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Childmark API",
        version: "0.1.0",
        description: "Frameworks, cycles and scores of child-protection indices. Read-only at this stage.",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  await registerAuth(app, database.db);
  registerAuthoriseFirst(app);
  await app.register(
    async (api) => {
      // After a write (an import, a status change…), the recent searches' facets are counted again
      // in the background, so the first search after a change is as quick as the ones before it.
      api.addHook("onResponse", async (request, reply) => {
        if (request.method === "GET" || request.method === "HEAD" || reply.statusCode >= 300) return;
        warmFacets(database.db).catch((error: unknown) =>
          request.log.warn({ error }, "facet warming failed"),
        );
      });
      await registerAuthRoutes(api, database.db);
      registerUserRoutes(api, database.db);
      registerAuditRoutes(api, database.db);
      registerHealthRoutes(api, database);
      registerFrameworkRoutes(api, database.db);
      registerCountryRoutes(api, database.db);
      await registerCycleRoutes(api, database.db);
      await registerAssessmentRoutes(api, database.db);
      await registerEvidenceRoutes(api, database.db);
      await registerExchangeRoutes(api, database.db);
      await registerReviewRoutes(api, database.db);
      await registerNotificationRoutes(api, database.db);
      await registerRecommendationRoutes(api, database.db);
      await registerReleaseRoutes(api, database.db);
      await registerAnalysisRoutes(api, database.db);
      await registerPublicApiRoutes(api, database.db);
      await registerTrackingRoutes(api, database.db);
      await registerResultsRoutes(api, database.db);
      await registerPlanReportRoutes(api, database.db);
      await registerPublicPlanRoutes(api, database.db);
      await registerPlanXlsxRoutes(api, database.db);
      await registerEvaluationRoutes(api, database.db);
      await registerResultFileRoutes(api, database.db);
      await registerResultsIatiRoutes(api, database.db);
      await registerChildrenRoutes(api, database.db);
      await registerNetworkRoutes(api, database.db);
      await registerGroupRoutes(api, database.db);
      registerAreaAssessmentRoutes(api, database.db);
      await registerChildRoutes(api, database.db);
      await registerConsultationReportRoutes(api, database.db);
      await registerChildrenFileRoutes(api, database.db);
      await registerReportingRoutes(api, database.db);
      await registerBudgetRoutes(api, database.db);
      await registerPublicBudgetRoutes(api, database.db);
    },
    { prefix: "/api" },
  );
  // The public portal (no sign-in): published releases only, rendered from their snapshots.
  await registerPortalRoutes(app, database.db);
  await registerTrackingPages(app, database.db);
  await registerPublicPlanPages(app, database.db);

  const WEB_DIST = webDist();
  if (existsSync(WEB_DIST)) {
    // The built files are compressed at build (vite.config.ts): their .br/.gz twins are sent when accepted.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, preCompressed: true });
    // The web app routes on the client: every non-API page gets index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== "GET" || request.url.startsWith("/api/")) {
        return reply.code(404).send({ error: `no route ${request.method} ${request.url.split("?")[0]}` });
      }
      return reply.sendFile("index.html");
    });
  }
  return app;
}
