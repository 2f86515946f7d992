import { createHash } from "node:crypto";
import type { ReleaseSnapshot } from "../../core/index.ts";
import type { PortalContext } from "../../portal/context.ts";
import { UserError } from "../errors.ts";
import { countryReport } from "./country-report.ts";
import { regionalReport } from "./regional-report.ts";
import { reportDocx } from "./release-docx.ts";
import { reportPdf } from "./report-pdf.ts";

export interface ReportRequest {
  lang: string;
  /** ISO code; none for the regional report. */
  country?: string;
  format: "pdf" | "docx";
  ctx: PortalContext;
}

const TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/**
 * Reports kept in memory, newest last; releases never change, and the children's voices a country
 * report shows are part of the key, so a report never goes stale.
 */
const MAX_CACHED = 64;
const cache = new Map<string, Promise<Buffer>>();

function remember(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = make();
  cache.set(key, made);
  made.catch(() => cache.delete(key));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return made;
}

/**
 * A country or regional report of a release, as PDF (printed by Chromium) or DOCX, both
 * written from the same report content (cover, contents, sections, answers, methodology).
 */
export async function reportFile(
  snapshot: ReleaseSnapshot,
  request: ReportRequest,
): Promise<{ body: Buffer; contentType: string }> {
  const { lang, country, format, ctx } = request;
  if (country && !snapshot.countries.some((c) => c.code === country))
    throw new UserError(`${country} is not in release ${snapshot.release.slug}`, [], 404);
  // What children said comes from consultations, not the release: a consultation published, a
  // quote approved or withdrawn later makes another report.
  const voices = country
    ? createHash("sha256")
        .update(JSON.stringify(ctx.childrenVoices ?? []))
        .digest("hex")
        .slice(0, 16)
    : "";
  const key = [snapshot.release.slug, lang, country ?? "regional", format, voices].join("/");
  const body = await remember(key, () => {
    const doc = country ? countryReport(snapshot, country, lang, ctx) : regionalReport(snapshot, lang, ctx);
    return format === "docx" ? reportDocx(doc) : reportPdf(doc);
  });
  return { body, contentType: TYPES[format] };
}
