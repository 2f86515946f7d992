import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PlanImportReport } from "../../src/server/api-schemas/results-xlsx.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  auditEvents,
  resultIndicators,
  resultNodes,
  resultPlans,
  resultValueHistory,
  resultValues,
} from "../../src/server/db/schema.ts";
import { loadDemoPlans } from "../../src/server/demo/demo-plans.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { truncatedXlsx, zipBombXlsx } from "../support/bad-uploads.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation } from "../support/results-factories.ts";
import { multipartBody } from "./evidence-files.ts";

/** Counts of every results table and of the audit log: "nothing changed" means equal counts. */
async function counts(db: Db) {
  const tables = {
    resultPlans,
    resultNodes,
    resultIndicators,
    resultValues,
    resultValueHistory,
    auditEvents,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

async function editBook(bytes: Buffer, edit: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row of the Values sheet for an indicator, period and kind. */
function valueRow(book: ExcelJS.Workbook, indicator: string, period: string, kind: string): ExcelJS.Row {
  const sheet = book.getWorksheet("Values")!;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (
      row.getCell(1).value === indicator &&
      row.getCell(2).value === period &&
      row.getCell(3).value === kind
    )
      return row;
  }
  throw new Error(`no row ${indicator} ${period} ${kind}`);
}
const column = (sheet: ExcelJS.Worksheet, header: string) => {
  let found = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
};

describeEachDatabase("results: a plan's XLSX template, exported and imported back", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};
  let planId: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    const admin = await buildUser(db, { isAdmin: true, name: "Admin" });
    await buildOrganisation(db, { country: "MD" }, "APSCF Moldova");
    await loadDemoPlans(db, admin.id, { frameworkCode: "none", rootCode: "none" });
    const [plan] = await db
      .select({ id: resultPlans.id })
      .from(resultPlans)
      .where(
        eq(
          resultPlans.organisationId,
          (await db.query.organisations.findFirst({ where: (o, { eq }) => eq(o.countryCode, "MD") }))!.id,
        ),
      );
    planId = plan!.id;
    const people = {
      coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
      contributor: { role: "contributor", scopeType: "country", scopeCode: "MD" },
    } as const;
    for (const [name, grant] of Object.entries(people)) {
      as[name] = await signInAs(app, await buildUser(db, { grants: [grant], name }));
    }
    as.admin = await signInAs(app, admin);
    as.secretariat = await signInAs(
      app,
      await buildUser(db, {
        grants: [{ role: "secretariat", scopeType: "region", scopeCode: CHILDPACT_REGION.code }],
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const exportPlan = async (who = "coordinator") => {
    const res = await app.inject({
      method: "GET",
      url: `/api/results/plans/${planId}/export.xlsx`,
      headers: as[who]!.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/spreadsheetml/);
    return res.rawPayload;
  };
  const importPlan = async (bytes: Buffer, dryRun = false, who = "coordinator", filename = "plan.xlsx") => {
    const { payload, headers } = multipartBody({ filename, content: bytes });
    const res = await app.inject({
      method: "POST",
      url: `/api/results/plans/${planId}/import${dryRun ? "?dryRun=true" : ""}`,
      headers: { ...as[who]!.headers, ...headers },
      payload,
    });
    return {
      status: res.statusCode,
      report: res.json() as PlanImportReport & { error?: string; details?: string[] },
    };
  };

  it("exports every sheet and imports the untouched workbook as no change at all", async () => {
    const { db } = database();
    const bytes = await exportPlan();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Instructions",
      "Plan",
      "Nodes",
      "Indicators",
      "Values",
    ]);
    const values = book.getWorksheet("Values")!;
    expect(values.getRow(1).values).toEqual(expect.arrayContaining(["sex=girls", "sex=boys", "version"]));
    const before = await counts(db);
    const { status, report } = await importPlan(bytes);
    expect(status, JSON.stringify(report.problems)).toBe(200);
    expect(report.changed).toBe(0);
    expect(report.changes).toEqual([]);
    expect(report.unchanged).toBeGreaterThan(20);
    expect(await counts(db)).toEqual(before);
  });

  it("applies an edited value, target and node title with history, after a dry run that writes nothing", async () => {
    const { db } = database();
    const original = await exportPlan();
    let indicator = "";
    const edited = await editBook(original, (book) => {
      const values = book.getWorksheet("Values")!;
      // The first indicator with a typed actual in 2024, broken down by sex.
      for (let r = 2; r <= values.rowCount; r++) {
        const row = values.getRow(r);
        if (
          row.getCell(3).value === "actual" &&
          row.getCell(2).value === "2024" &&
          row.getCell(column(values, "sex=girls")).value != null
        ) {
          indicator = String(row.getCell(1).value);
          break;
        }
      }
      const actual = valueRow(book, indicator, "2024", "actual");
      actual.getCell(column(values, "value")).value = 1000;
      actual.getCell(column(values, "sex=girls")).value = 600;
      actual.getCell(column(values, "sex=boys")).value = 400;
      actual.getCell(column(values, "comment")).value = "Corrected after the audit";
      valueRow(book, indicator, "2026", "target").getCell(column(values, "value")).value = 2222;
      const nodes = book.getWorksheet("Nodes")!;
      nodes.getRow(2).getCell(column(nodes, "title:en")).value = "A renamed goal";
    });
    const before = await counts(db);
    const preview = await importPlan(edited, true);
    expect(preview.status, JSON.stringify(preview.report.problems)).toBe(200);
    expect(preview.report.dryRun).toBe(true);
    expect(preview.report.changed).toBe(3);
    expect(preview.report.changes.map((c) => c.what)).toEqual(
      expect.arrayContaining([`actual 2024 of ${indicator}`, `target 2026 of ${indicator}`]),
    );
    expect(await counts(db)).toEqual(before);

    const applied = await importPlan(edited);
    expect(applied.status, JSON.stringify(applied.report.problems)).toBe(200);
    expect(applied.report.changed).toBe(3);
    const plan = (
      await app.inject({
        method: "GET",
        url: `/api/results/plans/${planId}`,
        headers: as.coordinator!.headers,
      })
    ).json();
    const ind = plan.indicators.find((i: { code: string }) => i.code === indicator);
    expect(ind.values["2024"].actual).toMatchObject({
      value: 1000,
      breakdown: { sex: { girls: 600, boys: 400 } },
      comment: "Corrected after the audit",
    });
    expect(ind.values["2026"].target.value).toBe(2222);
    expect(plan.nodes[0].title.en).toBe("A renamed goal");
    const history = (
      await app.inject({
        method: "GET",
        url: `/api/results/plans/${planId}/indicators/${ind.id}/history`,
        headers: as.coordinator!.headers,
      })
    ).json();
    expect(history.filter((h: { source: string }) => h.source === "import")).toHaveLength(2);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "results.imported"));
    expect(audit).toMatchObject({ targetId: planId, details: expect.objectContaining({ changed: 3 }) });

    // The old file again: its versions are older and the stored values differ → conflicts, nothing written.
    const stale = await editBook(original, (book) => {
      const values = book.getWorksheet("Values")!;
      valueRow(book, indicator, "2024", "actual").getCell(column(values, "comment")).value = "Another edit";
    });
    const afterApply = await counts(db);
    const conflict = await importPlan(stale);
    expect(conflict.status).toBe(400);
    expect(
      conflict.report.problems.some(
        (p) =>
          p.sheet === "Values" &&
          p.code === "conflict" &&
          Number(p.params.version) >= 2 &&
          /conflict: .*not overwritten/.test(p.message),
      ),
    ).toBe(true);
    expect(await counts(db)).toEqual(afterApply);
  });

  it("builds a whole new plan from a filled template in one go, and a second import changes nothing", async () => {
    const { db } = database();
    const source = (
      await app.inject({
        method: "GET",
        url: `/api/results/plans/${planId}`,
        headers: as.coordinator!.headers,
      })
    ).json();
    const created = await app.inject({
      method: "POST",
      url: "/api/results/plans",
      headers: as.coordinator!.headers,
      payload: {
        organisationId: source.organisation.id,
        title: { en: "A copy filled offline" },
        levels: source.levels,
        periods: source.periods,
        disaggregations: source.disaggregations,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const copyId = created.json().id as string;
    // The source's template as filled offline for the new plan: no value there yet (version 0).
    const filled = await editBook(await exportPlan(), (book) => {
      const values = book.getWorksheet("Values")!;
      const version = column(values, "version");
      for (let r = 2; r <= values.rowCount; r++) values.getRow(r).getCell(version).value = 0;
    });
    const importCopy = async () => {
      const { payload, headers } = multipartBody({ filename: "copy.xlsx", content: filled });
      const res = await app.inject({
        method: "POST",
        url: `/api/results/plans/${copyId}/import`,
        headers: { ...as.coordinator!.headers, ...headers },
        payload,
      });
      return { status: res.statusCode, report: res.json() as PlanImportReport };
    };
    const first = await importCopy();
    expect(first.status, JSON.stringify(first.report.problems.slice(0, 3))).toBe(200);
    const copy = (
      await app.inject({
        method: "GET",
        url: `/api/results/plans/${copyId}`,
        headers: as.coordinator!.headers,
      })
    ).json();
    expect(copy.nodes.map((n: { code: string }) => n.code).sort()).toEqual(
      source.nodes.map((n: { code: string }) => n.code).sort(),
    );
    // The tree is the source's: each node under the parent of the same code.
    const parentCode = (plan: typeof source, id: string | null) =>
      plan.nodes.find((n: { id: string }) => n.id === id)?.code ?? null;
    for (const node of source.nodes) {
      const twin = copy.nodes.find((n: { code: string }) => n.code === node.code);
      expect(parentCode(copy, twin.parentId), node.code).toBe(parentCode(source, node.parentId));
    }
    const typed = source.indicators.filter((i: { link: unknown }) => !i.link);
    expect(copy.indicators).toHaveLength(source.indicators.length);
    const sample = typed[0];
    const twin = copy.indicators.find((i: { code: string }) => i.code === sample.code);
    for (const [period, v] of Object.entries(
      sample.values as Record<string, { target: { value: number } | null }>,
    ))
      expect(twin.values[period]?.target?.value ?? null, period).toBe(v.target?.value ?? null);
    const history = await db.select({ n: count() }).from(resultValueHistory);
    expect(history[0]!.n).toBeGreaterThan(0);

    const before = await counts(db);
    const again = await importCopy();
    expect(again.status).toBe(200);
    expect(again.report.changed).toBe(0);
    expect(await counts(db)).toEqual(before);
  });

  it("lets a contributor change actuals but not targets or the tree", async () => {
    const { db } = database();
    const bytes = await exportPlan("contributor");
    let indicator = "";
    const edited = await editBook(bytes, (book) => {
      const values = book.getWorksheet("Values")!;
      const row = values.getRow(2);
      indicator = String(row.getCell(1).value);
      valueRow(book, indicator, "2025", "target").getCell(column(values, "value")).value = 12345;
    });
    const before = await counts(db);
    const { status, report } = await importPlan(edited, false, "contributor");
    expect(status).toBe(400);
    expect(report.problems[0]!.message).toMatch(/actuals only/);
    expect(await counts(db)).toEqual(before);
    // Someone outside the plan's scope may not import at all.
    const outsider = await importPlan(bytes, true, "secretariat");
    expect([403, 404]).toContain(outsider.status);
  });

  it("refuses bad workbooks with the sheet, row and column of each problem, changing nothing", async () => {
    const { db } = database();
    const bytes = await exportPlan();
    const before = await counts(db);
    const cases: { name: string; edit: (book: ExcelJS.Workbook) => void; says: RegExp; where?: object }[] = [
      {
        name: "wrong columns",
        edit: (book) => {
          const values = book.getWorksheet("Values")!;
          values.getRow(1).getCell(column(values, "value")).value = "amount";
        },
        says: /unknown column "amount"|the column "value" is missing/,
        where: { sheet: "Values", row: 1 },
      },
      {
        name: "unknown period",
        edit: (book) => {
          const values = book.getWorksheet("Values")!;
          values.getRow(2).getCell(column(values, "period")).value = "2031";
          values.getRow(2).getCell(column(values, "value")).value = 5;
        },
        says: /period: "2031" is not a period of this plan/,
        where: { sheet: "Values", row: 2, column: "B", code: "periodUnknown", params: { period: "2031" } },
      },
      {
        name: "breakdown not adding up",
        edit: (book) => {
          const values = book.getWorksheet("Values")!;
          for (let r = 2; r <= values.rowCount; r++) {
            const row = values.getRow(r);
            if (row.getCell(column(values, "sex=girls")).value != null) {
              row.getCell(column(values, "sex=girls")).value = 1;
              row.getCell(column(values, "sex=boys")).value = 1;
              row.getCell(column(values, "value")).value = 999;
              return;
            }
          }
        },
        says: /breakdown/,
        where: { sheet: "Values", column: "F", code: "breakdown" },
      },
      {
        name: "unknown parent node",
        edit: (book) => {
          const nodes = book.getWorksheet("Nodes")!;
          nodes.getRow(3).getCell(column(nodes, "parent")).value = "NOPE";
        },
        says: /parent: no node "NOPE"/,
        where: { sheet: "Nodes", row: 3, code: "parentUnknown", params: { code: "NOPE" } },
      },
      {
        name: "the same node code twice",
        edit: (book) => {
          const nodes = book.getWorksheet("Nodes")!;
          const code = column(nodes, "code");
          nodes.getRow(4).getCell(code).value = nodes.getRow(3).getCell(code).value;
        },
        says: /is also on row 3/,
        where: { sheet: "Nodes", row: 4, column: "A", code: "duplicateCode", params: { row: 3 } },
      },
      {
        name: "a node under a node of a lower level",
        edit: (book) => {
          const nodes = book.getWorksheet("Nodes")!;
          const child = nodes.getRow(3);
          nodes.getRow(2).getCell(column(nodes, "parent")).value = child.getCell(column(nodes, "code")).value;
        },
        says: /cannot sit under/,
        where: { sheet: "Nodes", row: 2, code: "levelUnder" },
      },
      {
        name: "a word where a number belongs",
        edit: (book) => {
          const values = book.getWorksheet("Values")!;
          values.getRow(2).getCell(column(values, "value")).value = "about forty";
        },
        says: /value must be a number/,
        where: { sheet: "Values", row: 2, column: "D", code: "notNumber", params: { found: "about forty" } },
      },
    ];
    for (const c of cases) {
      const { status, report } = await importPlan(await editBook(bytes, c.edit));
      expect(status, c.name).toBe(400);
      expect(report.ok, c.name).toBe(false);
      const problem = report.problems.find((p) => c.says.test(p.message));
      expect(problem, `${c.name}: ${JSON.stringify(report.problems)}`).toBeDefined();
      expect(problem, c.name).toMatchObject(c.where ?? {});
    }
    for (const [name, file] of [
      ["bomb.xlsx", zipBombXlsx(512)],
      ["cut.xlsx", truncatedXlsx()],
    ] as const) {
      const { status, report } = await importPlan(file, false, "coordinator", name);
      expect(status, name).toBe(400);
      expect(report.error).toMatch(new RegExp(name.replace(".", "\\.")));
      expect(report.details?.join(" ")).toMatch(/export the plan again/);
    }
    expect(await counts(db)).toEqual(before);
  });

  it("keeps an approved plan's tree and indicators: a changed roll-up or direction is refused, a title is not", async () => {
    const { db } = database();
    const approve = (approved: boolean) =>
      app.inject({
        method: "POST",
        url: `/api/results/plans/${planId}/approval`,
        headers: as.admin!.headers,
        payload: { approved, isPublic: false },
      });
    expect((await approve(true)).statusCode).toBe(204);
    try {
      const bytes = await exportPlan();
      const structural = await editBook(bytes, (book) => {
        const nodes = book.getWorksheet("Nodes")!;
        nodes.getRow(2).getCell(column(nodes, "rollUp")).value = "none";
        const indicators = book.getWorksheet("Indicators")!;
        const direction = indicators.getRow(2).getCell(column(indicators, "direction"));
        direction.value = direction.value === "decrease" ? "increase" : "decrease";
      });
      const before = await counts(db);
      const refused = await importPlan(structural);
      expect(refused.status).toBe(400);
      expect(refused.report.problems.map((p) => [p.sheet, p.row, p.code, p.params])).toEqual([
        ["Nodes", 2, "structureLocked", { part: "node", fields: "rollUp" }],
        ["Indicators", 2, "structureLocked", { part: "indicator", fields: "direction" }],
      ]);
      expect(refused.report.problems[0]!.message).toMatch(/approved: rollUp of a node cannot change/);
      expect(await counts(db)).toEqual(before);

      const retitled = await editBook(bytes, (book) => {
        const nodes = book.getWorksheet("Nodes")!;
        nodes.getRow(2).getCell(column(nodes, "title:en")).value = "A goal renamed after approval";
      });
      const applied = await importPlan(retitled);
      expect(applied.status, JSON.stringify(applied.report.problems)).toBe(200);
      expect(applied.report.changed).toBe(1);
    } finally {
      expect((await approve(false)).statusCode).toBe(204);
    }
  });
});
