import { z } from "zod";

/*
 * Published results plans, as the public API and the portal show them: the tree,
 * targets and actuals per period (with their breakdowns) and progress. No comments,
 * evidence, narratives, responsible people or editors: those stay in the workspace.
 */

const text = z.record(z.string(), z.string());
const breakdown = z.record(z.string(), z.record(z.string(), z.number()));
const progress = z.object({ score: z.number().nullable(), band: z.string() });

export const publicPlanSummaryOut = z.object({
  id: z.uuid(),
  title: text,
  organisation: z.string(),
  periods: z.array(z.object({ key: z.string(), label: z.string() })),
  approvedAt: z.string().nullable(),
});
export type PublicPlanSummaryOut = z.infer<typeof publicPlanSummaryOut>;

export const publicPlanOut = z.object({
  id: z.uuid(),
  title: text,
  organisation: z.string(),
  levels: z.array(z.object({ key: z.string(), name: text })),
  periods: z.array(
    z.object({ key: z.string(), label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  ),
  disaggregations: z.array(
    z.object({ key: z.string(), name: text, values: z.array(z.object({ key: z.string(), name: text })) }),
  ),
  approvedAt: z.string().nullable(),
  nodes: z.array(
    z.object({
      id: z.uuid(),
      parentId: z.uuid().nullable(),
      level: z.string(),
      code: z.string(),
      title: text,
      description: text.nullable(),
    }),
  ),
  indicators: z.array(
    z.object({
      id: z.uuid(),
      nodeId: z.uuid(),
      code: z.string(),
      title: text,
      type: z.string(),
      unit: z.string().nullable(),
      direction: z.string(),
      baselineValue: z.number().nullable(),
      baselineDate: z.string().nullable(),
      disaggregations: z.array(z.string()),
      values: z.record(
        z.string(),
        z.object({
          target: z.number().nullable(),
          actual: z.number().nullable(),
          actualBreakdown: breakdown.nullable(),
        }),
      ),
    }),
  ),
  /** Per period: each node's rolled-up progress and each indicator's achievement. */
  progress: z.record(
    z.string(),
    z.object({
      nodes: z.record(
        z.string(),
        progress.extend({ indicators: z.number().int(), measured: z.number().int() }),
      ),
      indicators: z.record(z.string(), progress),
    }),
  ),
});
export type PublicPlanOut = z.infer<typeof publicPlanOut>;

export const publicPlanParams = z.object({ id: z.string().max(80) });
