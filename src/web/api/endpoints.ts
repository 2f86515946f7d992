import { z } from "zod";
import { framework } from "../../core/index.ts";
import { country, cycleSummary, frameworkSummary, health, scoreRow } from "../../server/api-schemas/index.ts";

/*
 * The API paths and response schemas the web app uses, in one place. Schemas
 * are module constants so `useApi` sees a stable reference between renders.
 */

export const frameworkList = z.array(frameworkSummary);
export const cycleList = z.array(cycleSummary);
export const countryList = z.array(country);
export const scoreList = z.array(scoreRow);
export const frameworkDetail = framework.extend({ id: z.string() });
export const healthStatus = health;

export type FrameworkSummary = z.infer<typeof frameworkSummary>;
export type CycleSummary = z.infer<typeof cycleSummary>;
export type Country = z.infer<typeof country>;
export type ScoreRow = z.infer<typeof scoreRow>;
export type FrameworkDetail = z.infer<typeof frameworkDetail>;

/** Query string built from the filters that are set. */
function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]));
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : "";
}

export const api = {
  health: () => "/api/health",
  frameworks: () => "/api/frameworks",
  framework: (id: string) => `/api/frameworks/${encodeURIComponent(id)}`,
  cycles: (id: string) => `/api/frameworks/${encodeURIComponent(id)}/cycles`,
  scores: (id: string, filter: { period?: string; node?: string; country?: string }) =>
    `/api/frameworks/${encodeURIComponent(id)}/scores${query(filter)}`,
  countries: () => "/api/countries",
};
