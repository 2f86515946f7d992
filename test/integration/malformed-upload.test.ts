import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";

describeEachDatabase("malformed uploads", (database) => {
  let app: FastifyInstance;
  let session: Session;
  let assessmentId: string;
  let indicator: string;

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    const built = await buildAssessments(db, { countries: ["MD"] });
    assessmentId = built.assessments.MD!;
    indicator = built.framework.indicators[0]!.code;
    app = await buildApp({ database: database() });
    session = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const cutShort = [
    "--XYZ",
    'Content-Disposition: form-data; name="file"; filename="a.pdf"',
    "Content-Type: application/pdf",
    "",
    "%PDF-1.4 cut short",
  ].join("\r\n");

  it.each([
    ["evidence", () => `/api/assessments/${assessmentId}/answers/${indicator}/evidence`],
    ["workbook import", () => `/api/assessments/${assessmentId}/import`],
  ])("answers 400, not 500, to a cut-short multipart %s upload", async (_name, url) => {
    const res = await app.inject({
      method: "POST",
      url: url(),
      headers: { ...session.headers, "content-type": "multipart/form-data; boundary=XYZ" },
      payload: cutShort,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/unreadable upload|no file/);
  });
});
