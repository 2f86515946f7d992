import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** One accessibility problem axe-core found, with where it is. */
export interface AxeViolation {
  id: string;
  impact: "serious" | "critical";
  help: string;
  helpUrl: string;
  /** CSS selectors and HTML of the elements at fault (first few). */
  nodes: { target: string; html: string; summary: string }[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA and best practices) on the page as it
 * is now and returns the serious and critical violations. The script is
 * evaluated through the DevTools protocol, so the app's Content-Security-Policy
 * does not block it. `exclude` lists selectors to leave out (rarely needed).
 */
export async function findSeriousViolations(page: Page, exclude: string[] = []): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const found = await page.evaluate(async (excluded) => {
    type Result = {
      id: string;
      impact: string | null;
      help: string;
      helpUrl: string;
      nodes: { target: unknown[]; html: string; failureSummary?: string }[];
    };
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Result[] }> };
      }
    ).axe;
    const context = excluded.length ? { exclude: excluded.map((s) => [s]) } : document;
    const result = await axe.run(context, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.map(String).join(" "),
        html: n.html.slice(0, 300),
        summary: n.failureSummary ?? "",
      })),
    }));
  }, exclude);
  return found.filter((v): v is AxeViolation => v.impact === "serious" || v.impact === "critical");
}

/** The violations in a few readable lines, for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  at ${n.target}: ${n.html}`).join("\n")}`,
    )
    .join("\n");
}

/** Fails with the list of violations when axe finds a serious or critical one on the page. */
export async function expectNoSeriousViolations(
  page: Page,
  where: string,
  exclude: string[] = [],
): Promise<void> {
  const violations = await findSeriousViolations(page, exclude);
  if (violations.length) throw new Error(`axe on ${where}:\n${describeViolations(violations)}`);
}
