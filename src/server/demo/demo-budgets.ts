import { eq, inArray } from "drizzle-orm";
import { type BudgetLine, readFiscalYear } from "../../core/index.ts";
import { writeContextValues } from "../budgets/import-files.ts";
import { publishBudgets } from "../budgets/publish.ts";
import { loadBudgetCountry } from "../budgets/read-budgets.ts";
import { writeImportedLines } from "../budgets/save-lines.ts";
import type { Db } from "../db/connect.ts";
import { budgetLines, budgetReviews } from "../db/schema.ts";

/**
 * The demo's budget data: five fiscal years of child-related budget lines for three countries,
 * with context series. The amounts are ILLUSTRATIVE (round figures of a plausible order of
 * magnitude, growing by a fixed pattern), not any State's real budget; every line says so in its
 * source and is marked as demo. Lines are linked to the demo framework's sections and UNCRC
 * articles so that the portal shows the investment next to the scores.
 */

const YEARS = [2021, 2022, 2023, 2024, 2025];

interface DemoCountry {
  code: string;
  currency: string;
  /** Allocations of the first year, per line, in millions of local currency. */
  scale: number;
  children: number;
  gdp: number;
  expenditure: number;
  exchangeRate: number;
  /** Yearly inflation, as a ratio. */
  inflation: number;
  names: Record<string, string>;
}

const COUNTRIES: DemoCountry[] = [
  {
    code: "MD",
    currency: "MDL",
    scale: 1,
    children: 560_000,
    gdp: 240_000,
    expenditure: 75_000,
    exchangeRate: 17.7,
    inflation: 0.09,
    names: {
      protection: "Servicii sociale pentru copii și familii",
      benefits: "Alocații pentru familii cu copii",
      education: "Educație timpurie",
      health: "Programe de sănătate a copilului",
      justice: "Justiție pentru copii",
    },
  },
  {
    code: "GE",
    currency: "GEL",
    scale: 0.35,
    children: 880_000,
    gdp: 60_000,
    expenditure: 17_000,
    exchangeRate: 3.2,
    inflation: 0.07,
    names: {
      protection: "ბავშვთა დაცვის სოციალური მომსახურება",
      benefits: "ოჯახების სოციალური დახმარება",
      education: "სკოლამდელი განათლება",
      health: "ბავშვთა ჯანმრთელობის პროგრამები",
      justice: "არასრულწლოვანთა მართლმსაჯულება",
    },
  },
  {
    code: "AM",
    currency: "AMD",
    scale: 40,
    children: 700_000,
    gdp: 8_500_000,
    expenditure: 2_300_000,
    exchangeRate: 480,
    inflation: 0.06,
    names: {
      protection: "Երեխաների պաշտպանության սոցիալական ծառայություններ",
      benefits: "Ընտանեկան նպաստներ",
      education: "Նախադպրոցական կրթություն",
      health: "Երեխաների առողջության ծրագրեր",
      justice: "Անչափահասների արդարադատություն",
    },
  },
];

/** The lines of every year: sector, English name, first-year allocation (millions), growth, execution, links. */
const LINES = [
  {
    key: "protection",
    nameEn: "Social services for children and families",
    ministry: "Ministry of Social Protection",
    sector: "child-protection",
    cofog: "10.4",
    base: 180,
    growth: 0.08,
    execution: 0.86,
    nodes: ["social_work", "art20"],
    articles: ["19", "20"],
  },
  {
    key: "benefits",
    nameEn: "Allowances for families with children",
    ministry: "Ministry of Social Protection",
    sector: "social-protection",
    cofog: "10.4",
    base: 900,
    growth: 0.05,
    execution: 0.97,
    nodes: ["art18"],
    articles: ["18", "26", "27"],
  },
  {
    key: "education",
    nameEn: "Early childhood education",
    ministry: "Ministry of Education",
    sector: "education",
    cofog: "09.1",
    base: 1500,
    growth: 0.06,
    execution: 0.93,
    nodes: [],
    articles: ["28"],
  },
  {
    key: "health",
    nameEn: "Child health programmes",
    ministry: "Ministry of Health",
    sector: "health",
    cofog: "07",
    base: 600,
    growth: 0.04,
    execution: 0.9,
    nodes: [],
    articles: ["24"],
  },
  {
    key: "justice",
    nameEn: "Justice for children",
    ministry: "Ministry of Justice",
    sector: "justice",
    cofog: "03.3",
    base: 40,
    growth: 0.03,
    execution: 0.78,
    nodes: ["art40"],
    articles: ["40"],
  },
];

const round = (v: number) => Math.round(v / 1000) * 1000;

/** The demo's budget lines and context series of one demo country (illustrative amounts). */
export function demoBudgetData(code: string) {
  const country = COUNTRIES.find((c) => c.code === code);
  if (!country) throw new Error(`no demo budget data for ${code}`);
  const lines: (BudgetLine & { warnings: string[] })[] = [];
  const context = [];
  for (const [i, year] of YEARS.entries()) {
    const prices = (1 + country.inflation) ** i;
    for (const line of LINES) {
      const allocated = round(line.base * country.scale * 1e6 * (1 + line.growth) ** i);
      // The last year is still being spent: no executed amount yet.
      const executed =
        i === YEARS.length - 1 ? null : round(allocated * (line.execution + ((i % 2) * 2 - 1) * 0.02));
      const fiscalYear = String(year);
      if (!readFiscalYear(fiscalYear, country.code).ok) throw new Error(`demo fiscal year ${fiscalYear}`);
      lines.push({
        country: country.code,
        fiscalYear,
        name: country.names[line.key]!,
        nameEn: line.nameEn,
        ministry: line.ministry,
        programme: null,
        sector: line.sector,
        cofog: line.cofog,
        currency: country.currency,
        amounts: { proposed: round(allocated * 0.97), allocated, revised: null, executed },
        sourceDocument: `Demo data (illustrative): State budget law ${year}`,
        sourcePage: String(10 + LINES.indexOf(line) * 7),
        sourceUrl: null,
        warnings: [],
      });
    }
    const values = {
      populationUnder18: Math.round(country.children * (1 - 0.01 * i)),
      totalExpenditure: round(country.expenditure * 1e6 * 1.07 ** i),
      gdp: round(country.gdp * 1e6 * 1.09 ** i),
      exchangeRate: Number((country.exchangeRate * (1 + 0.02 * (i % 3))).toFixed(4)),
      priceIndex: Number((100 * prices).toFixed(2)),
    };
    for (const [series, value] of Object.entries(values))
      context.push({ country: country.code, year, series, value });
  }
  return { lines, context };
}

/** The demo countries that have budget data. */
export const DEMO_BUDGET_COUNTRIES = COUNTRIES.map((c) => c.code);

/** Loads the demo's budget lines and context (if absent) and publishes those of MD and GE. */
export async function loadDemoBudgets(db: Db, adminId: string): Promise<void> {
  const [existing] = await db
    .select({ id: budgetLines.id })
    .from(budgetLines)
    .where(
      inArray(
        budgetLines.countryCode,
        COUNTRIES.map((c) => c.code),
      ),
    )
    .limit(1);
  if (existing) return;
  for (const country of COUNTRIES) {
    const { lines, context } = demoBudgetData(country.code);
    await writeImportedLines(db, lines, adminId, { source: "demo", isDemo: true });
    await writeContextValues(db, context, adminId, { source: "demo", isDemo: true });
  }
  // Links to the framework's sections and UNCRC articles (an import keeps links, so they are set
  // here), once for every demo country's lines of the same name.
  for (const line of LINES) {
    await db
      .update(budgetLines)
      .set({ nodeCodes: line.nodes, articles: line.articles })
      .where(eq(budgetLines.nameEn, line.nameEn));
  }
  // The review, as a coalition and its reviewer would have done it: every year validated, but
  // Armenia's latest, which waits for its reviewer (submitted). Only validated years are published.
  for (const country of COUNTRIES) {
    await db.insert(budgetReviews).values(
      YEARS.map((year, i) => ({
        countryCode: country.code,
        fiscalYear: String(year),
        state: country.code === "AM" && i === YEARS.length - 1 ? "submitted" : "validated",
        note: "Demo data (illustrative)",
        updatedBy: adminId,
      })),
    );
  }
  for (const code of ["MD", "GE"]) {
    await publishBudgets(db, await loadBudgetCountry(db, code), {
      notes: "Demo data (illustrative amounts), fiscal years 2021–2025",
      userId: adminId,
      audit: { actorId: adminId, actorEmail: "demo", ip: null },
      isDemo: true,
    });
  }
}
