import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { readAnswersCsv } from "../../src/server/data/read-answers-csv.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";
import { importFramework } from "../../src/server/frameworks/import-framework.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { multipartBody } from "./evidence-files.ts";
import { fillAnswers, multipartFile } from "./exchange-files.ts";

/*
 * PostgreSQL refuses a NUL character (U+0000) in text and jsonb. Every string field of every JSON
 * route (listed from the app's own OpenAPI document, not by hand) is sent a NUL, as an admin who
 * may call them all: the answer is a 400 naming that field, never a 500.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
};
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const UUID = "00000000-0000-4000-8000-000000000000";

function takesString(schema: Schema | undefined): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("string")) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].some(takesString);
}

/** Paths (`a/0/b`) of every string field of a JSON schema; records get a key `k`. */
function stringFields(schema: Schema | undefined, path: string[] = []): string[][] {
  if (!schema || path.length > 6) return [];
  const found: string[][] = takesString(schema) ? [path] : [];
  for (const [key, sub] of Object.entries(schema.properties ?? {}))
    found.push(...stringFields(sub, [...path, key]));
  if (schema.items) found.push(...stringFields(schema.items, [...path, "0"]));
  if (typeof schema.additionalProperties === "object")
    found.push(...stringFields(schema.additionalProperties, [...path, "k"]));
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    found.push(...stringFields(sub, path).filter((p) => p.length > path.length));
  return found;
}

/** A JSON value holding "x\0" at `path` (arrays for numeric segments). */
function valueAt(path: string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return "x\u0000";
  return /^\d+$/.test(head) ? [valueAt(rest)] : { [head]: valueAt(rest) };
}

describeEachDatabase("a NUL character in any field: 400 naming it, never 500", (database) => {
  let app: FastifyInstance;
  let admin: Session;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    await app.ready();
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses a NUL in every path parameter, query parameter and body field of every API route", async () => {
    const spec = app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const failures: string[] = [];
    let sent = 0;
    for (const route of app.apiRoutes) {
      const [method, url] = route.split(" ") as [string, string];
      const openApiPath = url.replace(/:(\w+)/g, "{$1}");
      const operation = spec.paths[openApiPath]?.[method.toLowerCase()];
      // CORS preflights (OPTIONS) are the only routes left out of the API's documentation.
      if (method !== "OPTIONS") expect(operation, `${route} is in the OpenAPI document`).toBeDefined();
      const parameters = operation?.parameters ?? [];
      const fill = (except?: string) =>
        url.replace(/:(\w+)|\*$/g, (_, name: string | undefined) =>
          name && name === except ? "x%00" : UUID,
        );

      const cases: { field: string; path: string; body?: unknown; query?: string }[] = [];
      for (const p of parameters) {
        if (p.in === "path") cases.push({ field: p.name, path: fill(p.name) });
        if (p.in === "query" && takesString(p.schema))
          cases.push({ field: p.name, path: fill(), query: `${encodeURIComponent(p.name)}=x%00` });
      }
      if (url.endsWith("*"))
        cases.push({ field: "*", path: url.replace(/\*$/, "x%00").replace(/:(\w+)/g, UUID) });
      const bodySchema = operation?.requestBody?.content?.["application/json"]?.schema;
      for (const fieldPath of stringFields(bodySchema))
        if (fieldPath.length)
          cases.push({ field: fieldPath.join("/"), path: fill(), body: valueAt(fieldPath) });

      for (const c of cases) {
        sent++;
        const res = await app.inject({
          method: method as "GET",
          url: c.query ? `${c.path}?${c.query}` : c.path,
          headers: admin.headers,
          ...(c.body !== undefined ? { payload: c.body as object } : {}),
        });
        const details = res.statusCode === 400 ? (res.json().details as string[] | undefined) : undefined;
        if (
          res.statusCode !== 400 ||
          !details?.some((d) => d.startsWith(`${c.field}: `) && d.includes("NUL"))
        )
          failures.push(`${route} ${c.field}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route was called, and the routes have many text fields: the test cannot pass empty.
    expect(sent).toBeGreaterThan(app.apiRoutes.length);
  });

  it("refuses a NUL in a cookie and in a portal path with 400, not 500", async () => {
    const cookie = await app.inject({ url: "/api/auth/me", headers: { cookie: "childmark_session=a%00b" } });
    expect(cookie.statusCode).toBe(400);
    expect(cookie.json().details).toEqual(["cookie: must not contain a NUL character (\\u0000)"]);
    const portal = await app.inject({ url: "/portal/a%00b/" });
    expect(portal.statusCode).toBe(400);
  });

  it("names the line and column of a NUL in an imported recommendations file, and a NUL form field", async () => {
    // Past the first 4 KB, which the reader checks for binary content (a NUL there refuses the file).
    const filler = Array.from(
      { length: 60 },
      (_, i) =>
        `Georgia,Ensure that every child is registered at birth (${i}).,Committee on the Rights of the Child`,
    );
    const csv = Buffer.from(
      `${["State under Review,Recommendation,Reccomending Body", ...filler, "Georgia,Protect\u0000 children.,Committee on the Rights of the Child"].join("\n")}\n`,
    );
    const send = (fields: Record<string, string>) => {
      const body = multipartBody({ filename: "list.csv", content: csv }, fields);
      return app.inject({
        method: "POST",
        url: "/api/recommendations/imports",
        payload: body.payload,
        headers: { ...admin.headers, ...body.headers },
      });
    };
    const res = await send({ preset: "uhri" });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().details).toEqual([
      "1 row: NUL character — line 62",
      "  line 62, column Recommendation: must not contain a NUL character (\\u0000)",
    ]);
    const field = await send({ preset: "uhri", state: "Geo\u0000rgia" });
    expect(field.statusCode, field.body).toBe(400);
    expect(field.json().details).toEqual(["state: must not contain a NUL character (\\u0000)"]);
  });

  it("names the line of a NUL in an answers CSV and the JSON path of one in a framework (command-line imports)", async () => {
    expect(() => readAnswersCsv("entity,period,indicator,value\nMD,2026,ge.01,ye\u0000s\n")).toThrow(
      expect.objectContaining({
        problems: ['line 2: column "value": must not contain a NUL character (\\u0000)'],
      }),
    );
    const demo = await readDemoFramework();
    const [first, ...rest] = demo.indicators;
    const framework = {
      ...demo,
      code: "nul-test",
      indicators: [{ ...first!, text: { en: "Bad\u0000" } }, ...rest],
    };
    await expect(importFramework(database().db, framework)).rejects.toMatchObject({
      problems: ["indicators/0/text/en: must not contain a NUL character (\\u0000)"],
    });
  });

  it("names the row and column of a NUL in an offline workbook's justification", async () => {
    const { db } = database();
    const built = await buildAssessments(db, { countries: ["MD"] });
    const exported = await app.inject({
      url: `/api/assessments/${built.assessments.MD}/export.xlsx`,
      headers: admin.headers,
    });
    // Excel writes a NUL as the escape _x0000_, which readers turn back into the character.
    const filled = await fillAnswers(exported.rawPayload, {
      "ge.03": { value: "na", justification: "Not in force_x0000_" },
    });
    const { payload, headers } = multipartFile(filled, "assessment-MD-2026.xlsx");
    const res = await app.inject({
      method: "POST",
      url: `/api/assessments/${built.assessments.MD}/import`,
      headers: { ...admin.headers, ...headers },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    const problems = res.json().problems as { field: string; indicator: string; message: string }[];
    expect(problems).toEqual([
      expect.objectContaining({
        indicator: "ge.03",
        field: "justification",
        message: "the justification: must not contain a NUL character (\\u0000)",
      }),
    ]);
  });
});
