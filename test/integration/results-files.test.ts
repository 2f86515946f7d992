import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildEvaluation } from "../support/evaluation-factories.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";
import { multipartBody } from "./evidence-files.ts";

const PDF = Buffer.from("%PDF-1.4\n% a finding's evidence\n%%EOF\n");

describeEachDatabase("results: evidence files on findings and outcomes", (database) => {
  let app: FastifyInstance;
  const as: Record<string, Session> = {};
  let plan: { planId: string };
  let evaluation: { evaluationId: string; outcomeId: string };

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-result-files-"));
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    const people = {
      coordinator: { role: "coordinator", scopeType: "country", scopeCode: "MD" },
      viewer: { role: "viewer", scopeType: "country", scopeCode: "MD" },
      outsider: { role: "coordinator", scopeType: "country", scopeCode: "GE" },
    } as const;
    let ownerId = "";
    for (const [name, grant] of Object.entries(people)) {
      const user = await buildUser(db, { grants: [grant], name });
      ownerId ||= user.id;
      as[name] = await signInAs(app, user);
    }
    plan = await buildPlan(db, await buildOrganisation(db, { country: "MD" }), ownerId);
    evaluation = await buildEvaluation(db, plan.planId, ownerId);
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (who: string, url: string, name: string, content: Buffer) => {
    const { payload, headers } = multipartBody({ filename: name, content });
    return app.inject({
      method: "POST",
      url: `/api/results/plans/${plan.planId}${url}`,
      headers: { ...as[who]!.headers, ...headers },
      payload,
    });
  };
  const call = (who: string, method: "GET" | "DELETE", url: string) =>
    app.inject({ method, url: `/api/results/plans/${plan.planId}${url}`, headers: as[who]!.headers });

  it("stores a checked file on a finding and on an outcome, downloads it to readers only, removes it", async () => {
    const finding = `/evaluations/${evaluation.evaluationId}/findings/relevance/files`;
    expect((await send("viewer", finding, "report.pdf", PDF)).statusCode).toBe(403);
    const disguised = await send("coordinator", finding, "report.pdf", Buffer.from("MZ not a pdf at all"));
    expect(disguised.statusCode).toBe(400);
    const added = await send("coordinator", finding, "../../etc/report 2025.pdf", PDF);
    expect(added.statusCode, added.body).toBe(201);
    const onOutcome = await send("coordinator", `/outcomes/${evaluation.outcomeId}/files`, "law.pdf", PDF);
    expect(onOutcome.statusCode, onOutcome.body).toBe(201);

    const list = (await call("viewer", "GET", "/files")).json();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ evaluationId: evaluation.evaluationId, criterion: "relevance" });
    expect(list[0].fileName).not.toContain("/");
    expect(list[1]).toMatchObject({ outcomeId: evaluation.outcomeId, fileName: "law.pdf" });

    const fileId = added.json().id as string;
    const download = await call("viewer", "GET", `/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toMatch(/^attachment/);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await call("outsider", "GET", `/files/${fileId}`)).statusCode).toBe(404);

    expect((await call("viewer", "DELETE", `/files/${fileId}`)).statusCode).toBe(403);
    expect((await call("coordinator", "DELETE", `/files/${fileId}`)).statusCode).toBe(204);
    expect((await call("viewer", "GET", `/files/${fileId}`)).statusCode).toBe(404);

    // Deleting the outcome removes its file from disk too.
    const [left] = (await call("viewer", "GET", "/files")).json();
    const { db } = database();
    const row = await db.query.resultFiles.findFirst({ where: (f, { eq }) => eq(f.id, left.id) });
    expect(existsSync(join(uploadsDir(), row!.filePath))).toBe(true);
    expect((await call("coordinator", "DELETE", `/outcomes/${evaluation.outcomeId}`)).statusCode).toBe(204);
    expect(existsSync(join(uploadsDir(), row!.filePath))).toBe(false);
    expect((await call("viewer", "GET", "/files")).json()).toEqual([]);
  });
});
