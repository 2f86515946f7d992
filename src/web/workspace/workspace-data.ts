import type { z } from "zod";
import { assessmentOut } from "../../server/api-schemas/assessments.ts";

/** GET /api/assessments/:id: the assessment, its framework, answers, assignments and my permissions. */
export type WorkspaceData = z.infer<typeof assessmentOut>;

export { assessmentOut };

/** Statuses in which answers may still change. */
export const EDITABLE_STATUSES = new Set(["draft", "returned"]);
