import type { z } from "zod";
import { indexRelease, type ReleaseSnapshot } from "../../core/index.ts";
import { DOWNLOAD_FORMATS, downloadFileName } from "../../core/publishing/downloads.ts";
import type { publicCountry, publicIndicator, publicRelease } from "./schemas.ts";

/* The public API's answers, computed from a release snapshot and nothing else. */

export const PUBLIC_API = "/api/public/releases";

function downloadLinks(slug: string, country?: string): Record<string, string> {
  const base = `${PUBLIC_API}/${encodeURIComponent(slug)}/downloads/`;
  return Object.fromEntries(
    DOWNLOAD_FORMATS.map((format) => [
      format,
      base + (country ? "countries/" : "") + downloadFileName(slug, format, country),
    ]),
  );
}

export function releaseResponse(snapshot: ReleaseSnapshot): z.input<typeof publicRelease> {
  const fw = snapshot.framework;
  const root = fw.nodes.find((n) => n.parent === null)!.code;
  const index = indexRelease(snapshot);
  return {
    release: snapshot.release,
    framework: {
      code: fw.code,
      version: fw.version,
      title: fw.title,
      description: fw.description,
      defaultLanguage: fw.defaultLanguage,
      languages: fw.languages,
      scoreScale: fw.scoreScale,
      precision: fw.precision,
      bands: fw.bands,
      classifications: fw.classifications,
      nodes: fw.nodes,
      indicators: fw.indicators.map((i) => ({
        code: i.code,
        node: i.node,
        type: i.type,
        text: i.text,
        weight: i.weight,
      })),
      gap: fw.gap,
    },
    countries: snapshot.countries.map((c) => {
      const s = index.score(c.code, root);
      return {
        code: c.code,
        name: c.name,
        overall: {
          score: s?.score ?? null,
          band: s?.band ?? null,
          rank: s?.rank ?? null,
          coverage: s?.coverage ?? null,
          change: s?.change ?? null,
        },
      };
    }),
    regional: snapshot.regional,
    downloads: downloadLinks(snapshot.release.slug),
  };
}

/** Null when the country is not in the release. `code` in any case. */
export function countryResponse(
  snapshot: ReleaseSnapshot,
  code: string,
): z.input<typeof publicCountry> | null {
  const cc = code.toUpperCase();
  const country = snapshot.countries.find((c) => c.code === cc);
  if (!country) return null;
  return {
    release: snapshot.release,
    country,
    scores: snapshot.scores.filter((s) => s.country === cc).map(({ country: _c, ...rest }) => rest),
    answers: snapshot.answers.filter((a) => a.country === cc).map(({ country: _c, ...rest }) => rest),
    trend: snapshot.trend.map((p) => ({
      release: p.release,
      period: p.period,
      publishedAt: p.publishedAt,
      scores: p.scores
        .filter((s) => s.country === cc)
        .map(({ item, score, band }) => ({ item, score, band })),
    })),
    downloads: downloadLinks(snapshot.release.slug, cc),
  };
}

/** Null when the framework has no such indicator. */
export function indicatorResponse(
  snapshot: ReleaseSnapshot,
  code: string,
): z.input<typeof publicIndicator> | null {
  const indicator = snapshot.framework.indicators.find((i) => i.code === code);
  if (!indicator) return null;
  const index = indexRelease(snapshot);
  return {
    release: snapshot.release,
    indicator,
    answers: snapshot.countries.map((c) => {
      const answer = index.answer(c.code, code);
      const score = index.score(c.code, code);
      return {
        country: c.code,
        value: answer?.value ?? null,
        justification: answer?.justification ?? null,
        evidence: answer?.evidence ?? [],
        score: score?.score ?? null,
        band: score?.band ?? null,
        rank: score?.rank ?? null,
        change: score?.change ?? null,
      };
    }),
  };
}
