import type { FastifyInstance } from "fastify";
import type { Db } from "../db/connect.ts";

/** Routes of the review module (registered under /api by app/build-app.ts). */
export async function registerReviewRoutes(_app: FastifyInstance, _db: Db): Promise<void> {}
