import { savedAnswer } from "../../server/api-schemas/assessments.ts";
import { sendApi } from "../api/send-api.ts";
import type { ServerAnswer } from "./answer-saver.ts";
import { SaveQueue } from "./save-queue.ts";
import type { WorkspaceData } from "./workspace-data.ts";

/** The save queue of a loaded assessment, sending with PUT /api/assessments/:id/answers/:code. */
export function createSaveQueue(data: WorkspaceData): SaveQueue {
  const id = data.assessment.id;
  const answers: [string, ServerAnswer][] = data.answers.map((a) => [
    a.indicator,
    {
      value: a.value,
      justification: a.justification,
      version: a.version,
      updatedBy: a.updatedBy,
      updatedAt: a.updatedAt,
    },
  ]);
  return new SaveQueue(
    id,
    answers,
    (code, edit) =>
      sendApi(
        "PUT",
        `/api/assessments/${id}/answers/${encodeURIComponent(code)}`,
        { value: edit.value, justification: edit.justification, expectedVersion: edit.expectedVersion },
        savedAnswer,
      ),
    window.localStorage,
  );
}
