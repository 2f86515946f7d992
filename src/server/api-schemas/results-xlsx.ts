import { z } from "zod";

/* The XLSX template of a results plan: the import's query and its report, shared with the web app. */

export const planImportQuery = z.object({
  dryRun: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .describe("true: check the workbook and list what would change, write nothing"),
});

export const planImportProblem = z.object({
  sheet: z.string(),
  row: z.number().int().nullable().describe("Row number as the spreadsheet shows it (header: row 1)"),
  column: z.string().nullable().describe("Column letter, e.g. D; null for the whole row or sheet"),
  field: z.string().nullable().describe("Column header, e.g. value"),
  code: z
    .string()
    .describe(
      "What is wrong, e.g. conflict, notNumber, parentUnknown: the web app words it in its languages",
    ),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe("The code's parameters, e.g. { found: 'n/a' }"),
  message: z.string().describe("The problem in English, for the API and the command line"),
});
export type PlanImportProblem = z.infer<typeof planImportProblem>;

export const planImportChange = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  what: z.string().describe("e.g. 'target 2025 of O1.1: 40 → 45'"),
});
export type PlanImportChange = z.infer<typeof planImportChange>;

export const planImportReport = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  fileName: z.string(),
  changed: z.number().int().describe("Rows that change the plan (or would, in a dry run)"),
  unchanged: z.number().int(),
  changes: z.array(planImportChange),
  problems: z.array(planImportProblem),
});
export type PlanImportReport = z.infer<typeof planImportReport>;
