import { z } from "zod";
import { localText } from "../../core/index.ts";
import { localTextOut } from "./index.ts";

/** A calendar date (`2026-03-31`) or a date-time with offset. */
const dateInput = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const createCycleBody = z.object({
  frameworkVersionId: z.uuid(),
  period: z.string().trim().min(1).max(50),
  name: localText.refine((t) => Object.keys(t).length > 0, "give the name in at least one language"),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, "use ISO 3166-1 alpha-2 codes such as MD"))
    .min(1)
    .max(300),
  opensOn: dateInput.optional(),
  closesOn: dateInput.optional().describe("The deadline"),
});
export type CreateCycleBody = z.infer<typeof createCycleBody>;

export const cycleParams = z.object({ id: z.uuid() });

export const cycleAssessment = z.object({
  id: z.uuid(),
  country: z.string(),
  countryName: localTextOut,
  status: z.string(),
  answered: z.number().int(),
  total: z.number().int(),
  completion: z
    .number()
    .int()
    .describe("Whole percent of indicators answered, 0..100 (core completionPercent)"),
});

export const cycleDetail = z.object({
  id: z.uuid(),
  frameworkVersionId: z.uuid(),
  period: z.string(),
  name: localTextOut,
  status: z.string(),
  isDemo: z.boolean(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  assessments: z.array(cycleAssessment).describe("Only the assessments you may read"),
});
export type CycleDetail = z.infer<typeof cycleDetail>;
