import type { FastifyInstance } from "fastify";
import type { Db } from "../db/connect.ts";

/** Routes of the assessments module (registered under /api by app/build-app.ts). */
export async function registerAssessmentRoutes(_app: FastifyInstance, _db: Db): Promise<void> {}
