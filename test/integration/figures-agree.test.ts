import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completionPercent } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { loadDemo } from "../../src/server/app/load-demo.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { signInAs } from "../support/factories.ts";

/*
 * One figure, one function: every place that shows an assessment's completion
 * (my work, from /api/cycles; the progress page, from /completion; the workspace
 * header, from the answers of the read model) gives the same whole percent for
 * every assessment of the demo.
 */
describeEachDatabase("figures agree across pages: completion", (database) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    await seedReference(database().db);
    const login = await loadDemo(database());
    app = await buildApp({ database: database() });
    headers = (await signInAs(app, { id: "", ...login })).headers;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("gives each demo assessment the same completion on my work, the progress page and the workspace", async () => {
    const cycles = (await app.inject({ url: "/api/cycles", headers })).json() as {
      assessments: { id: string; completion: number; answered: number; total: number }[];
    }[];
    const all = cycles.flatMap((c) => c.assessments);
    expect(all.length).toBeGreaterThanOrEqual(10);
    const seen = new Set<number>();
    for (const a of all) {
      const progress = (await app.inject({ url: `/api/assessments/${a.id}/completion`, headers })).json();
      const read = (await app.inject({ url: `/api/assessments/${a.id}`, headers })).json() as {
        framework: { indicators: unknown[] };
        answers: { value: unknown }[];
      };
      const answeredInWorkspace = read.answers.filter((x) => x.value !== null && x.value !== "").length;
      const workspace = completionPercent(answeredInWorkspace, read.framework.indicators.length);
      const progressPage = completionPercent(progress.overall.answered, progress.overall.total);
      expect({ id: a.id, myWork: a.completion, progressPage, workspace }).toEqual({
        id: a.id,
        myWork: workspace,
        progressPage: workspace,
        workspace,
      });
      seen.add(workspace);
    }
    // The demo's draft (154 of 158) is the case that once showed 98 % and 97 %.
    expect(all.some((a) => a.answered === 154 && a.total === 158 && a.completion === 97)).toBe(true);
  }, 120_000);
});
