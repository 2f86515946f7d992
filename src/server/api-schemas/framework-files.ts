import { z } from "zod";

/** What the web app shows of a framework file before importing it. */
export const frameworkPreview = z.object({
  code: z.string(),
  version: z.string(),
  title: z.string(),
  defaultLanguage: z.string(),
  languages: z.array(z.string()),
  /** True when this code already has this version: importing it would be refused. */
  versionExists: z.boolean(),
  sections: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      depth: z.number().int(),
      indicators: z.number().int(),
    }),
  ),
  /** The first indicators, as they would be asked. */
  indicators: z.array(z.object({ code: z.string(), node: z.string(), type: z.string(), text: z.string() })),
  indicatorCount: z.number().int(),
});

/** The check of an uploaded framework file: the same lines `childmark framework validate` prints. */
export const frameworkCheck = z.object({
  fileName: z.string(),
  valid: z.boolean(),
  /** `N nodes, N indicators (…), …` when valid. */
  summary: z.string().nullable(),
  /** Every problem, located (`indicators row 4 (type): …`). */
  problems: z.array(z.string()),
  /** The XLSForm import report: a heading and one line per row not imported, part ignored or assumption. */
  reportHeading: z.string().nullable(),
  report: z.array(z.string()),
  preview: frameworkPreview.nullable(),
});

export const importedFramework = z.object({
  versionId: z.uuid(),
  code: z.string(),
  version: z.string(),
  summary: z.string(),
});
