import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readContextSeries } from "./context.ts";
import {
  BASIS_FORMULAS,
  basisFactor,
  constantBaseYear,
  deriveBudgetFigures,
  growthSeries,
} from "./derive.ts";
import { readFiscalYear } from "./fiscal-year.ts";
import { budgetIndicatorValue } from "./indicator-source.ts";
import { linkedInvestment } from "./linked.ts";
import type { BudgetLine, ContextYear } from "./model.ts";
import { readAmount, readBudgetLines } from "./read-lines.ts";
import type { LinkedBudgetLine } from "./snapshot.ts";

function line(
  fiscalYear: string,
  sector: string,
  allocated: number | null,
  executed: number | null,
): BudgetLine {
  return {
    country: "MD",
    fiscalYear,
    name: `Linie ${sector} ${fiscalYear}`,
    nameEn: `Line ${sector} ${fiscalYear}`,
    ministry: "Ministry of Labour and Social Protection",
    programme: null,
    sector,
    cofog: null,
    currency: "MDL",
    amounts: { proposed: null, allocated, revised: null, executed },
    sourceDocument: null,
    sourcePage: null,
    sourceUrl: null,
  };
}

const context: ContextYear[] = [
  {
    year: 2022,
    populationUnder18: 500_000,
    totalExpenditure: 80_000_000,
    gdp: 300_000_000,
    exchangeRate: 20,
    priceIndex: 100,
  },
  {
    year: 2023,
    populationUnder18: 400_000,
    totalExpenditure: 100_000_000,
    gdp: 400_000_000,
    exchangeRate: 16,
    priceIndex: 125,
  },
];

describe("derived figures, against values computed by hand", () => {
  const lines = [
    line("2022", "child-protection", 1_000_000, 900_000),
    line("2022", "education", 3_000_000, 2_400_000),
    line("2023", "child-protection", 1_500_000, 1_200_000),
    line("2023", "education", 2_500_000, null),
  ];

  it("in local currency at current prices", () => {
    const { years } = deriveBudgetFigures(lines, context, { basis: "current" });
    expect(years.map((y) => y.year)).toEqual([2022, 2023]);
    const [y22, y23] = years;
    expect(y22!.amounts.allocated).toBe(4_000_000);
    expect(y22!.amounts.executed).toBe(3_300_000);
    // 4,000,000 / 500,000 children = 8 per child; 3,300,000 / 500,000 = 6.6.
    expect(y22!.figures.perChildAllocated).toBe(8);
    expect(y22!.figures.perChildExecuted).toBeCloseTo(6.6, 12);
    // 4,000,000 / 80,000,000 = 5 %; / 300,000,000 GDP = 1.333… %.
    expect(y22!.figures.shareOfBudget).toBeCloseTo(0.05, 12);
    expect(y22!.figures.shareOfGdp).toBeCloseTo(4 / 300, 12);
    // 3,300,000 / 4,000,000.
    expect(y22!.figures.executionRate).toBeCloseTo(0.825, 12);
    expect(y22!.figures.realGrowth).toBeNull();
    // 2023: education has no executed amount; the rate uses lines with both: 1.2 / 1.5 = 0.8.
    expect(y23!.figures.executionRate).toBeCloseTo(0.8, 12);
    expect(y23!.incomplete).toEqual(["executed"]);
    // Real growth: (4,000,000 / 125) / (4,000,000 / 100) − 1 = −20 %.
    expect(y23!.figures.realGrowth).toBeCloseTo(-0.2, 12);
    expect(y23!.figures.perChildAllocated).toBe(10);
  });

  it("at constant prices of the latest year and in US dollars", () => {
    const constant = deriveBudgetFigures(lines, context, { basis: "constant" });
    expect(constant.baseYear).toBe(2023);
    // 2022's 4,000,000 at 2023 prices: × 125 / 100 = 5,000,000; per child 10.
    expect(constant.years[0]!.amounts.allocated).toBeCloseTo(5_000_000, 6);
    expect(constant.years[0]!.figures.perChildAllocated).toBeCloseTo(10, 12);
    expect(constant.years[1]!.amounts.allocated).toBeCloseTo(4_000_000, 6);
    // Shares do not depend on the basis.
    expect(constant.years[0]!.figures.shareOfBudget).toBeCloseTo(0.05, 12);

    const at2022 = deriveBudgetFigures(lines, context, { basis: "constant", baseYear: 2022 });
    expect(at2022.years[1]!.amounts.allocated).toBeCloseTo(3_200_000, 6);

    const usd = deriveBudgetFigures(lines, context, { basis: "usd" });
    // 4,000,000 MDL / 20 = 200,000 USD; 2023: 4,000,000 / 16 = 250,000.
    expect(usd.years[0]!.amounts.allocated).toBeCloseTo(200_000, 6);
    expect(usd.years[1]!.amounts.allocated).toBeCloseTo(250_000, 6);
    expect(usd.years[1]!.figures.perChildAllocated).toBeCloseTo(0.625, 12);
  });

  it("one sector, and missing context named rather than guessed", () => {
    const { years } = deriveBudgetFigures(lines, context, { basis: "current", sector: "child-protection" });
    expect(years[0]!.amounts.allocated).toBe(1_000_000);
    expect(years[0]!.figures.perChildAllocated).toBe(2);

    const late = deriveBudgetFigures([line("2024", "health", 10, 5)], context, { basis: "usd" });
    expect(late.years[0]!.amounts.allocated).toBeNull();
    expect(late.years[0]!.figures.perChildAllocated).toBeNull();
    expect(late.years[0]!.figures.executionRate).toBe(0.5);
    expect(late.years[0]!.missing).toEqual(
      expect.arrayContaining(["exchangeRate", "populationUnder18", "gdp"]),
    );
  });

  it("real growth only between consecutive years", () => {
    const gap = [line("2020", "health", 100, null), line("2022", "health", 100, null)];
    const ctx = [{ year: 2020, priceIndex: 90 }, ...context];
    const { years } = deriveBudgetFigures(gap, ctx, { basis: "current" });
    expect(years[1]!.figures.realGrowth).toBeNull();
  });
});

describe("fiscal years", () => {
  it("reads calendar and split years against the country's calendar", () => {
    expect(readFiscalYear("2024", "MD")).toEqual({ ok: true, label: "2024", startYear: 2024 });
    expect(readFiscalYear("2024/25", "MD")).toMatchObject({ ok: false, reason: "calendarYearExpected" });
    expect(readFiscalYear("FY2024-25", "GB")).toEqual({ ok: true, label: "2024/25", startYear: 2024 });
    expect(readFiscalYear("2024/2025", "KE")).toEqual({ ok: true, label: "2024/25", startYear: 2024 });
    expect(readFiscalYear("1999/00", "ZA")).toEqual({ ok: true, label: "1999/00", startYear: 1999 });
    expect(readFiscalYear("2024", "US")).toMatchObject({
      ok: false,
      reason: "splitYearExpected",
      expected: "2024/25",
    });
    expect(readFiscalYear("2024/26", "GB")).toMatchObject({ ok: false, reason: "unreadable" });
    expect(readFiscalYear("last year", "MD")).toMatchObject({ ok: false, reason: "unreadable" });
  });
});

describe("reading budget lines", () => {
  const header = [
    "Country",
    "Fiscal year",
    "Name",
    "Name (English)",
    "Ministry",
    "Sector",
    "Currency",
    "Approved",
    "Executed",
    "Source URL",
  ];
  const ctx = { countries: new Set(["MD", "GE"]), sectors: new Set(["child-protection", "education"]) };

  it("reads good rows and names every bad cell by row and column", () => {
    const { lines, problems } = readBudgetLines(
      [
        header,
        [
          "md",
          "2024",
          "Protecția copilului",
          "Child protection",
          "MMPS",
          "child-protection",
          "MDL",
          "1 234 567.50",
          "1,000,000",
          "https://mf.gov.md/buget",
        ],
        ["MD", "2024/25", "x", "", "MMPS", "education", "MDL", "10", "", ""],
        ["MD", "2023", "y", "", "MMPS", "defence", "XXX", "-5", "abc", "javascript:alert(1)"],
        ["FR", "2023", "z", "", "", "education", "EUR", "", "", ""],
        ["GE", "2023", "w", "", "", "education", "GEL", "10", "12", ""],
        [
          "MD",
          "2024",
          "Protecția copilului",
          "Child protection",
          "MMPS",
          "child-protection",
          "MDL",
          "1",
          "",
          "",
        ],
      ],
      ctx,
    );
    expect(lines.map((l) => l.row)).toEqual([2, 6]);
    expect(lines[0]).toMatchObject({
      country: "MD",
      amounts: { allocated: 1234567.5, executed: 1_000_000 },
      nameEn: "Child protection",
    });
    expect(lines[1]!.warnings).toEqual(["executedAboveAllocated"]);
    const codes = problems.map((p) => `${p.row}:${p.column}:${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "3:fiscalYear:fiscalYearMismatch",
        "4:sector:unknownSector",
        "4:currency:unknownCurrency",
        "4:allocated:negativeAmount",
        "4:executed:notANumber",
        "4:sourceUrl:notAUrl",
        "5:country:unknownCountry",
        "5:null:noAmount",
        "6:executed:executedAboveAllocated",
        "7:null:duplicateLine",
      ]),
    );
    expect(problems.find((p) => p.code === "executedAboveAllocated")!.severity).toBe("warning");
    expect(problems.find((p) => p.code === "fiscalYearMismatch")!.message).toContain("write it like 2024");
  });

  it("refuses a table without the columns it needs, naming them", () => {
    const { problems } = readBudgetLines([["Country", "Year", "Name"]], ctx);
    expect(problems.map((p) => p.params.column)).toEqual(["sector", "currency", "allocated"]);
  });

  it("refuses a second currency for one country", () => {
    const { problems } = readBudgetLines(
      [header, ["MD", "2024", "a", "", "", "education", "EUR", "1", "", ""]],
      { ...ctx, currencyOf: new Map([["MD", "MDL"]]) },
    );
    expect(problems.map((p) => p.code)).toEqual(["mixedCurrency"]);
  });

  it("reads amounts as budgets write them, and nothing else", () => {
    expect(readAmount("1 234 567.89")).toBe(1234567.89);
    expect(readAmount("1,234")).toBe(1234);
    expect(readAmount("")).toBeNull();
    expect(readAmount("1.234.567,89")).toBeNaN();
    expect(readAmount("12,34")).toBeNaN();
    expect(readAmount("$5")).toBeNaN();
  });
});

describe("reading context series", () => {
  const countryOf = (code: string) =>
    ({ MDA: "MD", MD: "MD", GEO: "GE", XKX: "XK" })[code.toUpperCase()] ?? null;

  it("reads the World Bank's wide CSV layout, skipping other indicators", () => {
    const rows = [
      ["Data Source", "World Development Indicators"],
      [],
      ["Last Updated Date", "2026-10-01"],
      [],
      ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2021", "2022", "2023"],
      ["Moldova", "MDA", "GDP (current LCU)", "NY.GDP.MKTP.CN", "242000000000", "274000000000", ""],
      ["Moldova", "MDA", "Official exchange rate", "PA.NUS.FCRF", "17.68", "18.92", "18.0"],
      ["Moldova", "MDA", "Life expectancy", "SP.DYN.LE00.IN", "68", "69", "70"],
      ["Kosovo", "XKX", "Consumer price index (2010 = 100)", "FP.CPI.TOTL", "115", "127", "-1"],
    ];
    const result = readContextSeries(rows, countryOf);
    expect(result.layout).toBe("world-bank");
    expect(result.values).toContainEqual({ country: "MD", year: 2022, series: "gdp", value: 274e9 });
    expect(result.values.filter((v) => v.series === "exchangeRate")).toHaveLength(3);
    expect(result.skippedIndicators).toEqual(["SP.DYN.LE00.IN"]);
    expect(result.problems).toEqual([
      expect.objectContaining({ row: 9, column: "2023", code: "notPositive" }),
    ]);
  });

  it("reads a long table and names bad rows", () => {
    const rows = [
      ["country", "year", "series", "value"],
      ["MD", "2024", "populationUnder18", "600000"],
      ["MD", "2024", "populationUnder18", "610000"],
      ["FR", "2024", "gdp", "1"],
      ["MD", "24", "gdp", "1"],
      ["MD", "2024", "happiness", "1"],
      ["MD", "2024", "gdp", "lots"],
    ];
    const result = readContextSeries(rows, countryOf);
    expect(result.values).toEqual([
      { country: "MD", year: 2024, series: "populationUnder18", value: 600000 },
    ]);
    expect(result.problems.map((p) => `${p.row}:${p.code}`)).toEqual([
      "3:duplicateValue",
      "4:unknownCountry",
      "5:badYear",
      "6:unknownSeries",
      "7:notANumber",
    ]);
  });

  it("names a file of neither shape", () => {
    expect(
      readContextSeries(
        [
          ["a", "b"],
          ["1", "2"],
        ],
        countryOf,
      ).problems[0]!.code,
    ).toBe("unknownLayout");
  });
});

describe("constant prices and a common currency", () => {
  // A series of years with a positive price index and exchange rate, and a real amount.
  const years = fc
    .array(
      fc.record({
        price: fc.double({ min: 1, max: 10_000, noNaN: true }),
        rate: fc.double({ min: 0.01, max: 50_000, noNaN: true }),
      }),
      { minLength: 2, maxLength: 8 },
    )
    .map((ys) => ys.map((y, i) => ({ ...y, year: 2015 + i })));

  it("a series that grows only with its own price index has no real growth, in every year", () => {
    fc.assert(
      fc.property(years, fc.double({ min: 1, max: 1e12, noNaN: true }), (ys, real) => {
        const ctx: ContextYear[] = ys.map((y) => ({ year: y.year, priceIndex: y.price }));
        const lines = ys.map((y) => line(String(y.year), "health", (real * y.price) / 100, null));
        const constant = deriveBudgetFigures(lines, ctx, { basis: "constant" });
        // In prices of the base year, every year's amount is the same real amount.
        const base = ys.at(-1)!.price;
        for (const y of constant.years)
          expect(y.amounts.allocated! / ((real * base) / 100)).toBeCloseTo(1, 9);
        // Growth of the constant-price series, and the real growth figure, are zero.
        const growth = growthSeries(
          constant.years.map((y) => ({ year: y.year, value: y.amounts.allocated })),
        );
        expect(growth[0]!.growth).toBeNull();
        for (const g of growth.slice(1)) expect(g.growth).toBeCloseTo(0, 9);
        for (const y of constant.years.slice(1)) expect(y.figures.realGrowth).toBeCloseTo(0, 9);
      }),
    );
  });

  it("an amount that follows the exchange rate is the same in US dollars every year", () => {
    fc.assert(
      fc.property(years, fc.double({ min: 1, max: 1e9, noNaN: true }), (ys, dollars) => {
        const ctx: ContextYear[] = ys.map((y) => ({ year: y.year, exchangeRate: y.rate }));
        const lines = ys.map((y) => line(String(y.year), "health", dollars * y.rate, null));
        for (const y of deriveBudgetFigures(lines, ctx, { basis: "usd" }).years)
          expect(y.amounts.allocated! / dollars).toBeCloseTo(1, 9);
      }),
    );
  });

  it("factors by hand, and none where the context lacks what the basis needs", () => {
    expect(basisFactor(context, 2022, "current")).toBe(1);
    expect(basisFactor(context, 2022, "constant", 2023)).toBe(1.25);
    expect(basisFactor(context, 2023, "constant", 2022)).toBe(0.8);
    expect(basisFactor(context, 2023, "usd")).toBe(1 / 16);
    expect(basisFactor(context, 2021, "usd")).toBeNull();
    expect(basisFactor(context, 2022, "constant", 2019)).toBeNull();
    expect(constantBaseYear(context)).toBe(2023);
    expect(constantBaseYear([{ year: 2020, gdp: 1 }])).toBeNull();
    expect(Object.keys(BASIS_FORMULAS)).toEqual(["current", "constant", "usd"]);
  });

  it("growth only between consecutive years with positive amounts", () => {
    expect(
      growthSeries([
        { year: 2020, value: 100 },
        { year: 2021, value: 110 },
        { year: 2023, value: 121 },
        { year: 2024, value: null },
      ]),
    ).toEqual([
      { year: 2020, growth: null },
      { year: 2021, growth: expect.closeTo(0.1, 12) },
      { year: 2023, growth: null },
      { year: 2024, growth: null },
    ]);
  });
});

describe("investment linked to an indicator, a node or an article", () => {
  const linked = (
    id: string,
    fiscalYear: string,
    allocated: number | null,
    executed: number | null,
    links: Partial<Pick<LinkedBudgetLine, "articles" | "nodeCodes" | "indicatorCodes">>,
  ): LinkedBudgetLine => ({
    ...line(fiscalYear, "child-protection", allocated, executed),
    id,
    articles: [],
    nodeCodes: [],
    indicatorCodes: [],
    recommendationIds: [],
    warnings: [],
    ...links,
  });
  const lines = [
    linked("a", "2022", 100, 90, { indicatorCodes: ["P.1"] }),
    linked("b", "2023", 200, null, { indicatorCodes: ["P.1"] }),
    linked("c", "2023", 50, 40, { nodeCodes: ["art20"] }),
    linked("d", "2023", 999, 999, { articles: ["28"] }),
  ];

  it("sums the latest year's lines linked to the indicator or its node", () => {
    const found = linkedInvestment(lines, { indicatorCodes: ["P.1"], nodeCodes: ["art20"] });
    expect(found?.fiscalYear).toBe("2023");
    expect(found?.lines.map((l) => l.id)).toEqual(["b", "c"]);
    expect(found?.allocated).toBe(250);
    // b has no executed amount: the sum is of those that have one.
    expect(found?.executed).toBe(40);
    expect(found?.currency).toBe("MDL");
  });

  it("in a given year, by article, and nothing when nothing is linked", () => {
    expect(linkedInvestment(lines, { indicatorCodes: ["P.1"] }, "2022")?.allocated).toBe(100);
    expect(linkedInvestment(lines, { articles: ["28"] })?.lines.map((l) => l.id)).toEqual(["d"]);
    expect(linkedInvestment(lines, { indicatorCodes: ["X.9"], nodeCodes: ["art3"] })).toBeNull();
    expect(linkedInvestment(lines, { indicatorCodes: ["P.1"] }, "2021")).toBeNull();
  });
});

describe("an indicator's value from budget data", () => {
  const lines = [
    line("2022", "child-protection", 1_000_000, 900_000),
    line("2022", "education", 3_000_000, 2_400_000),
    line("2023", "child-protection", 1_500_000, 1_200_000),
    line("2023", "education", 2_500_000, null),
  ];
  it("the share of the budget for child protection, as a percentage, in the latest year or a given one", () => {
    const source = {
      kind: "budget" as const,
      figure: "shareOfBudget" as const,
      sector: "child-protection",
      basis: "current" as const,
    };
    // 2023: 1,500,000 / 100,000,000 = 1.5 %.
    const latest = budgetIndicatorValue(source, "percentage", lines, context);
    expect(latest?.fiscalYear).toBe("2023");
    expect(latest?.value).toBeCloseTo(1.5, 12);
    // 2022: 1,000,000 / 80,000,000 = 1.25 %; as a number indicator, the ratio itself.
    expect(budgetIndicatorValue(source, "percentage", lines, context, 2022)?.value).toBeCloseTo(1.25, 12);
    expect(budgetIndicatorValue(source, "number", lines, context, 2022)?.value).toBeCloseTo(0.0125, 12);
  });
  it("per child in US dollars; nothing where the data do not give it", () => {
    const perChild = { kind: "budget" as const, figure: "perChildAllocated" as const, basis: "usd" as const };
    // 2023: 4,000,000 / 16 = 250,000 US$ / 400,000 children = 0.625.
    expect(budgetIndicatorValue(perChild, "number", lines, context)?.value).toBeCloseTo(0.625, 12);
    expect(budgetIndicatorValue({ ...perChild, sector: "justice" }, "number", lines, context)).toBeNull();
    expect(budgetIndicatorValue(perChild, "number", lines, [])).toBeNull();
  });
});
