import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { auditEvents, budgetContext, budgetLines, countries } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { multipartBody } from "./evidence-files.ts";

/** The database's message when a statement is refused (Drizzle wraps it in its own error). */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
    return "no refusal";
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ""}`;
  }
}

const LINES_CSV = [
  "Country,Fiscal year,Name,Name (English),Ministry,Sector,COFOG,Currency,Approved,Executed,Source document,Page",
  "MD,2022,Servicii sociale,Social services for children,MMPS,child-protection,10.4,MDL,1000000,900000,Budget law 2022,14",
  "MD,2022,Educație timpurie,Early education,MEC,education,09,MDL,3000000,2400000,Budget law 2022,20",
  "MD,2023,Servicii sociale,Social services for children,MMPS,child-protection,10.4,MDL,1500000,1200000,Budget law 2023,15",
  "MD,2023,Educație timpurie,Early education,MEC,education,09,MDL,2500000,,Budget law 2023,21",
].join("\n");

const CONTEXT_CSV = [
  '"Data Source","World Development Indicators",',
  "",
  '"Last Updated Date","2026-10-01",',
  "",
  '"Country Name","Country Code","Indicator Name","Indicator Code","2022","2023",',
  '"Moldova","MDA","GDP (current LCU)","NY.GDP.MKTP.CN","300000000","400000000",',
  '"Moldova","MDA","Expense (current LCU)","GC.XPN.TOTL.CN","80000000","100000000",',
  '"Moldova","MDA","Official exchange rate (LCU per US$, period average)","PA.NUS.FCRF","20","16",',
  '"Moldova","MDA","Consumer price index (2010 = 100)","FP.CPI.TOTL","100","125",',
  '"Moldova","MDA","Population under 18","DM_POP_U18","500000","400000",',
  '"Moldova","MDA","Life expectancy at birth","SP.DYN.LE00.IN","68","69",',
].join("\n");

describeEachDatabase("budgets: public investment in children", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    await db
      .update(countries)
      .set({ regionCode: CHILDPACT_REGION.code })
      .where(sql`${countries.code} in ('MD', 'GE')`);
    app = await buildApp({ database: database() });
    const people = {
      coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
      contributor: { role: "contributor", scopeType: "country", scopeCode: "MD" },
      viewer: { role: "viewer", scopeType: "country", scopeCode: "MD" },
      reviewer: { role: "reviewer", scopeType: "country", scopeCode: "MD" },
      georgia: { role: "coordinator", scopeType: "country", scopeCode: "GE" },
      region: { role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code },
    } as const;
    for (const [name, grant] of Object.entries(people)) {
      as[name] = await signInAs(app, await buildUser(db, { grants: [grant], name }));
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const upload = (
    who: string,
    kind: "lines" | "context",
    csv: string,
    dryRun: boolean,
    name = `${kind}.csv`,
  ) =>
    app.inject({
      method: "POST",
      url: `/api/budgets/imports/${kind}`,
      ...(() => {
        const { payload, headers } = multipartBody(
          { filename: name, content: Buffer.from(csv) },
          { dryRun: String(dryRun) },
        );
        return { payload, headers: { ...as[who]!.headers, ...headers } };
      })(),
    });
  const get = (who: string | null, url: string) =>
    app.inject({ method: "GET", url, headers: who ? as[who]!.headers : {} });

  describe("imports", () => {
    it("refuses a file with bad rows, naming each, and writes nothing", async () => {
      const bad = [
        "country,fiscal_year,name,sector,currency,allocated,executed",
        "MD,2024/25,a,education,MDL,10,",
        "MD,2024,b,defence,MDL,-5,",
        "MD,2024,c,education,ZZZ,10,",
        "MD,2024,d,education,MDL,,",
        "MD,2024,e,education,MDL,10,20",
      ].join("\n");
      const dry = await upload("coordinator", "lines", bad, true);
      expect(dry.statusCode).toBe(200);
      const codes = dry.json().problems.map((p: { row: number; code: string }) => `${p.row}:${p.code}`);
      expect(codes).toEqual([
        "2:fiscalYearMismatch",
        "3:unknownSector",
        "3:negativeAmount",
        "4:unknownCurrency",
        "5:noAmount",
        "6:executedAboveAllocated",
      ]);
      const res = await upload("coordinator", "lines", bad, false);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toContain("nothing was imported");
      expect(res.json().details.join("\n")).toContain(
        'row 2: fiscal year "2024/25" does not match MD\'s budget calendar',
      );
      const counted = await database()
        .db.select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(budgetLines);
      expect(counted[0]!.n).toBe(0);
    });

    it("refuses rows of a country outside the importer's scope (403) before writing", async () => {
      const res = await upload("georgia", "lines", LINES_CSV, false);
      expect(res.statusCode).toBe(403);
      expect(res.json().details[0]).toBe("row 2: MD");
    });

    it("previews, imports, and imports again without changing anything", async () => {
      const dry = await upload("contributor", "lines", LINES_CSV, true);
      expect(dry.json()).toMatchObject({ dryRun: true, written: false, added: 4, changed: 0 });
      const counted = await database()
        .db.select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(budgetLines);
      expect(counted[0]!.n).toBe(0);
      const res = await upload("contributor", "lines", LINES_CSV, false);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ written: true, added: 4, changed: 0, unchanged: 0 });
      const again = await upload("contributor", "lines", LINES_CSV, false);
      expect(again.json()).toMatchObject({ added: 0, changed: 0, unchanged: 4 });
      const audit = await database()
        .db.select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "budgets.imported"));
      expect(audit.length).toBe(2);
      expect(audit[0]!.country).toBe("MD");
    });

    it("reads the World Bank's wide CSV, leaving other indicators out", async () => {
      const res = await upload("coordinator", "context", CONTEXT_CSV, false);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        layout: "world-bank",
        added: 10,
        skippedIndicators: ["SP.DYN.LE00.IN"],
      });
      const rows = await database()
        .db.select()
        .from(budgetContext)
        .where(eq(budgetContext.countryCode, "MD"));
      expect(rows).toHaveLength(10);
    });

    it("refuses a context file with a bad value, naming row and column", async () => {
      const res = await upload(
        "coordinator",
        "context",
        "country,year,series,value\nMD,2024,gdp,-3\nMD,20x4,gdp,1\n",
        false,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toEqual([
        "row 2, value: gdp must be above zero, not -3",
        'row 3: year "20x4" is not a year like 2024',
      ]);
    });
  });

  describe("derived figures through the API, against values computed by hand", () => {
    it("per child, shares, execution and real growth", async () => {
      const res = await get("viewer", "/api/budgets/countries/MD");
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.currency).toBe("MDL");
      const [y22, y23] = body.derived.years;
      expect(y22.amounts.allocated).toBe(4_000_000);
      expect(y22.figures.perChildAllocated).toBe(8);
      expect(y22.figures.shareOfBudget).toBeCloseTo(0.05, 12);
      expect(y22.figures.executionRate).toBeCloseTo(0.825, 12);
      expect(y23.figures.realGrowth).toBeCloseTo(-0.2, 12);
      expect(body.bySector["child-protection"].years[1].figures.executionRate).toBeCloseTo(0.8, 12);
      expect(body.may).toEqual({ edit: false, publish: false });
      const usd = (await get("viewer", "/api/budgets/countries/MD?basis=usd")).json();
      expect(usd.derived.years[0].amounts.allocated).toBeCloseTo(200_000, 6);
      const constant = (await get("viewer", "/api/budgets/countries/MD?basis=constant&baseYear=2022")).json();
      expect(constant.derived.years[1].amounts.allocated).toBeCloseTo(3_200_000, 6);
    });

    it("the region compares its countries; another country's team does not see Moldova", async () => {
      const compare = (await get("region", "/api/budgets/compare?year=2022")).json();
      expect(compare.rows).toEqual([
        expect.objectContaining({ country: "MD", fiscalYear: "2022", allocatedUsd: 200_000 }),
      ]);
      expect((await get("georgia", "/api/budgets/compare")).json().rows).toEqual([]);
      expect((await get("georgia", "/api/budgets/countries/MD")).statusCode).toBe(403);
    });
  });

  describe("editing with history and conflicts", () => {
    it("tags a line, keeps every change, and refuses a stale version", async () => {
      const { lines } = (await get("coordinator", "/api/budgets/countries/MD")).json();
      const line = lines.find(
        (l: { nameEn: string; fiscalYear: string }) =>
          l.fiscalYear === "2023" && l.nameEn.startsWith("Social"),
      );
      const body = {
        fiscalYear: line.fiscalYear,
        name: line.name,
        nameEn: line.nameEn,
        ministry: line.ministry,
        programme: line.programme,
        sector: line.sector,
        cofog: line.cofog,
        currency: line.currency,
        ...line.amounts,
        sourceDocument: line.sourceDocument,
        sourcePage: line.sourcePage,
        sourceUrl: "https://mf.gov.md/ro/buget-2023",
        articles: ["19", "20"],
        nodeCodes: ["protection"],
        indicatorCodes: [],
        recommendationIds: [],
      };
      const put = (expectedVersion: number, changes: object, who = "coordinator") =>
        app.inject({
          method: "PUT",
          url: `/api/budgets/lines/${line.id}`,
          payload: { ...body, ...changes, expectedVersion },
          headers: as[who]!.headers,
        });
      const first = await put(1, {});
      expect(first.json()).toEqual({ version: 2, changed: true });
      const stale = await put(1, { allocated: 1 }, "contributor");
      expect(stale.statusCode).toBe(409);
      const bad = await put(2, { executed: -1, sourceUrl: "javascript:alert(1)" });
      expect(bad.statusCode).toBe(400);
      const history = (await get("viewer", `/api/budgets/lines/${line.id}/history`)).json();
      expect(history).toHaveLength(2);
      expect(history[0].after.articles).toEqual(["19", "20"]);
      expect(history[0].before.articles).toEqual([]);
      expect(history[0].changedBy).toBe("coordinator");
      // An import of the same file keeps the tags.
      await upload("contributor", "lines", LINES_CSV, false);
      const again = (await get("viewer", "/api/budgets/countries/MD")).json();
      expect(again.lines.find((l: { id: string }) => l.id === line.id).articles).toEqual(["19", "20"]);
    });

    it("keeps a removed line in the history", async () => {
      const created = await app.inject({
        method: "POST",
        url: "/api/budgets/countries/MD/lines",
        payload: {
          fiscalYear: "2024",
          name: "<script>alert(1)</script>",
          nameEn: "",
          ministry: "MF",
          programme: null,
          sector: "health",
          cofog: null,
          currency: "MDL",
          proposed: 5,
          allocated: null,
          revised: null,
          executed: null,
          sourceDocument: null,
          sourcePage: null,
          sourceUrl: null,
        },
        headers: as.contributor!.headers,
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json();
      expect(
        (
          await app.inject({
            method: "DELETE",
            url: `/api/budgets/lines/${id}?expectedVersion=1`,
            headers: as.viewer!.headers,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await app.inject({
            method: "DELETE",
            url: `/api/budgets/lines/${id}?expectedVersion=1`,
            headers: as.contributor!.headers,
          })
        ).statusCode,
      ).toBe(204);
      const history = (await get("coordinator", `/api/budgets/lines/${id}/history`)).statusCode;
      expect(history).toBe(404);
      const rows = await database().db.execute(
        sql`select before from budget_history where entity_key = ${id} and after is null`,
      );
      const stored = (rows as unknown as { rows: { before: { name: string } }[] }).rows;
      expect(stored[0]!.before.name).toBe("<script>alert(1)</script>");
      expect(await refusal(database().db.execute(sql`delete from budget_history`))).toMatch(/append-only/);
    });
  });

  const move = (who: string, step: string, fiscalYear: string, expectedVersion: number) =>
    app.inject({
      method: "POST",
      url: `/api/budgets/countries/MD/reviews/${step}`,
      payload: { fiscalYear, expectedVersion, note: `${step} by ${who}` },
      headers: as[who]!.headers,
    });
  const reviewsOf = async (who = "coordinator") =>
    Object.fromEntries(
      (
        (await get(who, "/api/budgets/countries/MD")).json().reviews as {
          fiscalYear: string;
          state: string;
        }[]
      ).map((r) => [r.fiscalYear, r.state]),
    );

  describe("review, as assessments", () => {
    it("nothing is published before a reviewer validates; each step by its role; validated lines are locked", async () => {
      const refused = await app.inject({
        method: "POST",
        url: "/api/budgets/countries/MD/publications",
        payload: { notes: "too early" },
        headers: as.coordinator!.headers,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatch(/no fiscal year of MD is validated/);
      expect(await reviewsOf()).toEqual({ "2022": "draft", "2023": "draft" });

      // A contributor does not submit; the coordinator does; a stale version is refused.
      expect((await move("contributor", "submit", "2022", 0)).statusCode).toBe(403);
      expect((await move("coordinator", "submit", "2022", 0)).json()).toEqual({
        state: "submitted",
        version: 1,
      });
      expect((await move("coordinator", "submit", "2022", 0)).statusCode).toBe(409);
      expect((await move("coordinator", "submit", "2021", 0)).statusCode).toBe(400);

      // Under review, the year's lines cannot be changed, by entry or by import.
      const lines = (await get("coordinator", "/api/budgets/countries/MD")).json().lines as {
        id: string;
        fiscalYear: string;
        version: number;
      }[];
      const of2022 = lines.find((l) => l.fiscalYear === "2022")!;
      const removed = await app.inject({
        method: "DELETE",
        url: `/api/budgets/lines/${of2022.id}?expectedVersion=${of2022.version}`,
        headers: as.coordinator!.headers,
      });
      expect(removed.statusCode).toBe(409);
      expect(removed.json().error).toMatch(/fiscal year 2022 of MD is submitted/);
      expect(
        (await upload("coordinator", "lines", LINES_CSV.replace("1000000,900000", "1000001,900000"), false))
          .statusCode,
      ).toBe(409);

      // The coordinator does not validate their own data; a reviewer does, or returns it.
      expect((await move("coordinator", "validate", "2022", 1)).statusCode).toBe(403);
      expect((await move("reviewer", "return", "2022", 1)).json()).toEqual({ state: "draft", version: 2 });
      expect((await move("coordinator", "submit", "2022", 2)).statusCode).toBe(200);
      expect((await move("reviewer", "validate", "2022", 3)).json()).toEqual({
        state: "validated",
        version: 4,
      });
      // Only the secretariat reopens validated data.
      expect((await move("reviewer", "reopen", "2022", 4)).statusCode).toBe(403);
      expect((await move("coordinator", "submit", "2023", 0)).statusCode).toBe(200);
      expect((await move("region", "validate", "2023", 1)).statusCode).toBe(200);
      expect(await reviewsOf("viewer")).toEqual({ "2022": "validated", "2023": "validated" });

      const history = await database().db.execute(
        sql`select count(*)::int as n from budget_history where entity = 'review' and country_code = 'MD'`,
      );
      expect((history as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(6);
      const audited = await database()
        .db.select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "budgets.reviewed"));
      expect(audited).toHaveLength(6);
    });
  });

  describe("publishing", () => {
    it("shows nothing before publication, then an immutable version with the same figures", async () => {
      expect((await get(null, "/api/public/budgets/md")).statusCode).toBe(404);
      expect((await get(null, "/api/budgets/countries/MD")).statusCode).toBe(401);
      const refused = await app.inject({
        method: "POST",
        url: "/api/budgets/countries/MD/publications",
        payload: { notes: "x" },
        headers: as.contributor!.headers,
      });
      expect(refused.statusCode).toBe(403);
      const published = await app.inject({
        method: "POST",
        url: "/api/budgets/countries/MD/publications",
        payload: { notes: "State budgets 2022–2023" },
        headers: as.coordinator!.headers,
      });
      expect(published.statusCode).toBe(201);
      expect(published.json()).toMatchObject({ slug: "md-budgets-v1", version: 1 });
      const pub = (await get(null, "/api/public/budgets/md")).json();
      const internal = (await get("viewer", "/api/budgets/countries/MD")).json();
      expect(pub.derived).toEqual(internal.derived);
      expect(JSON.stringify(pub)).not.toContain("coordinator");
      expect(pub.lines[0]).not.toHaveProperty("updatedBy");
      const csv = (await get(null, "/api/public/budgets/md-budgets-v1/budgets.csv")).body;
      expect(csv.split("\n")[0]).toContain("fiscal_year");
      expect(csv).toContain("Social services for children");
      expect(await refusal(database().db.execute(sql`update budget_publications set notes = 'x'`))).toMatch(
        /immutable/,
      );
    });

    it("a year reopened to draft leaves the next publication; the published version stays", async () => {
      expect((await move("region", "reopen", "2023", 2)).json()).toEqual({ state: "draft", version: 3 });
      const v2 = await app.inject({
        method: "POST",
        url: "/api/budgets/countries/MD/publications",
        payload: { notes: "2022 only" },
        headers: as.coordinator!.headers,
      });
      expect(v2.json()).toMatchObject({ slug: "md-budgets-v2", lines: 2 });
      const latest = (await get(null, "/api/public/budgets/md")).json();
      expect(new Set(latest.lines.map((l: { fiscalYear: string }) => l.fiscalYear))).toEqual(
        new Set(["2022"]),
      );
      const first = (await get(null, "/api/public/budgets/md-budgets-v1")).json();
      expect(first.lines).toHaveLength(4);
    });
  });
});
