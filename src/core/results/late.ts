import type { PeriodValue, PlanPeriod, ProgressIndicator } from "./model.ts";

export interface LateValue {
  indicatorId: string;
  period: string;
}

/**
 * What is late on `today` (YYYY-MM-DD): the actual of every measurable indicator
 * for every period that has ended and has a target but no actual yet.
 */
export function findLate(
  indicators: readonly ProgressIndicator[],
  periods: readonly PlanPeriod[],
  values: readonly PeriodValue[],
  today: string,
): LateValue[] {
  const byKey = new Map(values.map((v) => [`${v.indicatorId}\u0000${v.period}`, v]));
  const ended = periods.filter((p) => p.endsOn < today);
  const late: LateValue[] = [];
  for (const indicator of indicators) {
    if (indicator.type === "narrative") continue;
    for (const period of ended) {
      const value = byKey.get(`${indicator.id}\u0000${period.key}`);
      if (value?.target != null && value.actual == null)
        late.push({ indicatorId: indicator.id, period: period.key });
    }
  }
  return late;
}
