/** How far a deadline is, in whole calendar days (negative once passed), and whether to warn. */
export interface DeadlineState {
  days: number;
  soon: boolean;
  late: boolean;
}

const DAY = 86_400_000;
/** Within this many days the deadline is shown as a warning. */
export const WARN_DAYS = 7;

/** Days from `today` to `closesOn` (a date or date-time), counted in UTC calendar days. */
export function describeDeadline(closesOn: string, today: Date = new Date()): DeadlineState {
  const end = Date.parse(closesOn.length === 10 ? `${closesOn}T00:00:00Z` : closesOn);
  const startOfEnd = Math.floor(end / DAY);
  const startOfToday = Math.floor(today.getTime() / DAY);
  const days = startOfEnd - startOfToday;
  return { days, soon: days >= 0 && days <= WARN_DAYS, late: days < 0 };
}
