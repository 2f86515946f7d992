import type { FastifyInstance } from "fastify";
import type { Db } from "../db/connect.ts";

/** Routes of the cycles module (registered under /api by app/build-app.ts). */
export async function registerCycleRoutes(_app: FastifyInstance, _db: Db): Promise<void> {}
