/** Dates as ISO `YYYY-MM-DD` strings, computed in UTC so no time zone moves a deadline by a day. */

const DAY_MS = 24 * 3600 * 1000;

/** Parses `YYYY-MM-DD` strictly (no rollover: `2025-02-30` is refused). */
export function parseIsoDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : null;
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function must(value: string): Date {
  const date = parseIsoDate(value);
  if (!date) throw new Error(`not a date: ${value}`);
  return date;
}

export function addDays(value: string, days: number): string {
  return toIso(new Date(must(value).getTime() + days * DAY_MS));
}

/** Adds months, keeping the day where the month has it and the month's last day otherwise. */
export function addMonths(value: string, months: number): string {
  const date = must(value);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay))));
}

/** Whole days from `now` to the start of `value` (negative once it is past). */
export function daysUntil(value: string, now: Date): number {
  return Math.ceil((must(value).getTime() - now.getTime()) / DAY_MS);
}

/** The first day of the month of `value`. */
export function monthOf(value: string): string {
  return `${value.slice(0, 7)}-01`;
}
