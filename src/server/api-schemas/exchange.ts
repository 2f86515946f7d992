import { z } from "zod";
import { answerValue } from "./assessments.ts";

/* The import report of the offline exchange routes, shared with the web app. */

export const importProblem = z.object({
  sheet: z.string(),
  row: z.number().int().describe("Row number as the spreadsheet shows it (the header is row 1)"),
  column: z.string().nullable().describe("Column letter, e.g. G; null for a problem with the whole row"),
  field: z.string().nullable().describe("Column header, e.g. value"),
  indicator: z.string().nullable(),
  message: z.string(),
  current: z
    .object({
      value: answerValue,
      justification: z.string().nullable(),
      version: z.number().int(),
      updatedBy: z.string().nullable(),
    })
    .optional()
    .describe("For a conflict: the answer as it is now"),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importReport = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  fileName: z.string(),
  rows: z.number().int().describe("Indicator rows read"),
  changed: z.number().int().describe("Answers changed (or that would change in a dry run)"),
  unchanged: z.number().int(),
  problems: z.array(importProblem),
});
export type ImportReport = z.infer<typeof importReport>;
