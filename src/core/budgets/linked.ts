import { readFiscalYear } from "./fiscal-year.ts";
import type { LinkedBudgetLine } from "./snapshot.ts";

/** What a budget line may be linked to: an indicator, index nodes (sections, areas), UNCRC articles. */
export interface InvestmentTarget {
  indicatorCodes?: readonly string[];
  nodeCodes?: readonly string[];
  articles?: readonly string[];
}

export interface LinkedInvestment {
  fiscalYear: string;
  currency: string | null;
  /** Sums over the linked lines of the year; null when no line has the stage. */
  allocated: number | null;
  executed: number | null;
  lines: Pick<
    LinkedBudgetLine,
    "id" | "name" | "nameEn" | "ministry" | "amounts" | "sourceDocument" | "sourcePage" | "sourceUrl"
  >[];
}

/** Whether a line is linked to any of the target's indicators, nodes or articles. */
export function isLinkedTo(line: LinkedBudgetLine, target: InvestmentTarget): boolean {
  return (
    (target.indicatorCodes ?? []).some((c) => line.indicatorCodes.includes(c)) ||
    (target.nodeCodes ?? []).some((c) => line.nodeCodes.includes(c)) ||
    (target.articles ?? []).some((a) => line.articles.includes(a))
  );
}

/**
 * The investment linked to a target in one fiscal year: by default the latest fiscal year that
 * has a linked line. Null when no line is linked. Amounts in the lines' own currency.
 */
export function linkedInvestment(
  lines: readonly LinkedBudgetLine[],
  target: InvestmentTarget,
  fiscalYear?: string,
): LinkedInvestment | null {
  const linked = lines.filter((l) => isLinkedTo(l, target));
  if (!linked.length) return null;
  const startOf = (l: LinkedBudgetLine) => {
    const r = readFiscalYear(l.fiscalYear, l.country);
    return r.ok ? r.startYear : Number.NEGATIVE_INFINITY;
  };
  const year =
    fiscalYear ?? linked.reduce((best, l) => (startOf(l) > startOf(best) ? l : best), linked[0]!).fiscalYear;
  const inYear = linked.filter((l) => l.fiscalYear === year);
  if (!inYear.length) return null;
  const sum = (stage: "allocated" | "executed") =>
    inYear.some((l) => l.amounts[stage] !== null)
      ? inYear.reduce((s, l) => s + (l.amounts[stage] ?? 0), 0)
      : null;
  return {
    fiscalYear: year,
    currency: inYear[0]!.currency,
    allocated: sum("allocated"),
    executed: sum("executed"),
    lines: inYear.map(({ id, name, nameEn, ministry, amounts, sourceDocument, sourcePage, sourceUrl }) => ({
      id,
      name,
      nameEn,
      ministry,
      amounts,
      sourceDocument,
      sourcePage,
      sourceUrl,
    })),
  };
}
