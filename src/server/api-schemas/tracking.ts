import { z } from "zod";

/** Publishing a coalition's tracking of a State's UN recommendations. */
export const trackingPublishBody = z.object({
  country: z.string().regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 code such as MD"),
  notes: z.string().trim().min(1, "say what this publication is").max(2000),
});

export const trackingPublished = z.object({
  slug: z.string(),
  version: z.number().int(),
  recommendations: z.number().int(),
  assessed: z.number().int(),
  /** The public page. */
  url: z.string(),
});

export const trackingSummary = z.object({
  slug: z.string(),
  country: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  notes: z.string(),
  recommendations: z.number().int(),
  supersededBy: z.string().nullable(),
  url: z.string(),
});
export type TrackingSummaryOut = z.infer<typeof trackingSummary>;
