import { z } from "zod";

/* Request and response shapes of the offline exchange routes. */

export const exportQuery = z.object({
  lang: z
    .string()
    .min(2)
    .max(35)
    .optional()
    .describe("Language of the questions; the framework's default otherwise"),
});

export const importQuery = z.object({
  dryRun: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .describe("true: check the workbook and report, write nothing"),
});

export * from "../api-schemas/exchange.ts";
