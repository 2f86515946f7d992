import { z } from "zod";
import { band, classification, frameworkNode, gapAnalysis, indicator } from "../../core/index.ts";
import { localTextOut } from "../api-schemas/index.ts";

/*
 * Shapes of the public API (no sign-in). Every answer is built from a release snapshot only, and
 * parsed with these schemas before it is sent, so a field that is not declared here never leaves.
 */

export const publicSlugParams = z.object({ slug: z.string().min(1).max(200) });
export const publicCountryParams = publicSlugParams.extend({
  code: z.string().min(2).max(3).describe("ISO 3166-1 alpha-2 country code (any case; Kosovo: XK)"),
});
export const publicIndicatorParams = publicSlugParams.extend({ code: z.string().min(1).max(100) });
export const publicDownloadParams = publicSlugParams.extend({
  file: z
    .string()
    .max(300)
    .describe("`{slug}.csv`, `{slug}.answers.csv`, `{slug}.xlsx`, `{slug}.json` or `{slug}.sdmx.csv`"),
});
export const publicCountryDownloadParams = publicSlugParams.extend({
  file: z
    .string()
    .max(40)
    .describe("`{cc}.csv`, `{cc}.answers.csv`, `{cc}.xlsx`, `{cc}.json` or `{cc}.sdmx.csv` (cc lowercase)"),
});

const comparisonOut = z.object({ slug: z.string(), period: z.string() }).nullable();

export const publicReleaseMeta = z.object({
  slug: z.string(),
  frameworkCode: z.string(),
  frameworkVersion: z.string(),
  version: z.number().int(),
  period: z.string(),
  cycleName: localTextOut,
  publishedAt: z.string(),
  notes: z.string(),
  supersedes: z.object({ slug: z.string(), version: z.number().int(), publishedAt: z.string() }).nullable(),
  comparison: comparisonOut.describe("The release of an earlier period that `change` is measured against"),
  isDemo: z.boolean(),
});

export const publicReleaseListItem = z.object({
  slug: z.string(),
  frameworkCode: z.string(),
  title: localTextOut,
  period: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable().describe("The correction that replaces this release, if any"),
  isDemo: z.boolean(),
  url: z.string().describe("This release in the public API"),
});

export const publicScore = z.object({
  item: z.string().describe("Node or indicator code, or `classification:value`"),
  kind: z.enum(["indicator", "node", "classification"]),
  score: z.number().nullable(),
  band: z.string().nullable(),
  rank: z.number().int().nullable(),
  coverage: z.number().nullable(),
  change: z.number().nullable().describe("Since the comparison release"),
});

export const publicEvidence = z.object({
  kind: z.enum(["citation", "url", "legal", "file"]),
  citation: z.string().nullable(),
  url: z.string().nullable(),
  legalReference: z.string().nullable(),
  sourceDate: z.string().nullable(),
  fileName: z.string().nullable(),
});

const answerValue = z.union([z.string(), z.number()]).nullable();

export const publicCountryRef = z.object({ code: z.string(), name: localTextOut });

export const publicFrameworkSummary = z.object({
  code: z.string(),
  version: z.string(),
  title: localTextOut,
  description: localTextOut.optional(),
  defaultLanguage: z.string(),
  languages: z.array(z.string()),
  scoreScale: z.number(),
  precision: z.number().int(),
  bands: z.array(band),
  classifications: z.array(classification),
  nodes: z.array(frameworkNode),
  indicators: z.array(
    z.object({
      code: z.string(),
      node: z.string(),
      type: z.string(),
      text: localTextOut,
      weight: z.number(),
    }),
  ),
  gap: gapAnalysis.optional(),
});

export const publicRelease = z.object({
  release: publicReleaseMeta,
  framework: publicFrameworkSummary,
  countries: z.array(
    publicCountryRef.extend({
      overall: publicScore.omit({ item: true, kind: true }).describe("Score of the framework's root"),
    }),
  ),
  regional: z.array(
    z.object({
      item: z.string(),
      kind: z.enum(["indicator", "node", "classification"]),
      average: z.number().nullable(),
    }),
  ),
  downloads: z.record(z.string(), z.string()).describe("Download URLs by format"),
});

export const publicCountry = z.object({
  release: publicReleaseMeta,
  country: publicCountryRef,
  scores: z.array(publicScore),
  answers: z.array(
    z.object({
      indicator: z.string(),
      value: answerValue,
      justification: z.string().nullable(),
      evidence: z.array(publicEvidence),
    }),
  ),
  trend: z.array(
    z.object({
      release: z.string(),
      period: z.string(),
      publishedAt: z.string(),
      scores: z.array(
        z.object({ item: z.string(), score: z.number().nullable(), band: z.string().nullable() }),
      ),
    }),
  ),
  downloads: z.record(z.string(), z.string()),
});

export const publicIndicator = z.object({
  release: publicReleaseMeta,
  indicator,
  answers: z.array(
    z.object({
      country: z.string(),
      value: answerValue,
      justification: z.string().nullable(),
      evidence: z.array(publicEvidence),
      score: z.number().nullable(),
      band: z.string().nullable(),
      rank: z.number().int().nullable(),
      change: z.number().nullable(),
    }),
  ),
});
