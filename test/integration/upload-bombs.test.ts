import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  answerHistory,
  answers,
  areaShapes,
  consultationAudio,
  consultationSubmissions,
  consultations,
  evidenceSources,
  frameworkVersions,
  recommendationImports,
  recommendations,
  resultFiles,
  resultPlans,
  resultValues,
} from "../../src/server/db/schema.ts";
import { UserError } from "../../src/server/errors.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { withImportSlot } from "../../src/server/files/import-slots.ts";
import { readFrameworkFile } from "../../src/server/frameworks/read-framework-file.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { hugeSheetXlsx, truncatedXlsx, wrongExtensionFile, zipBombXlsx } from "../support/bad-uploads.ts";
import { buildConsultation } from "../support/children-factories.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildEvaluation } from "../support/evaluation-factories.ts";
import { buildAssessments, buildUser, type Session, signInAs } from "../support/factories.ts";
import { buildNetwork } from "../support/network-factories.ts";
import { buildOrganisation, buildPlan } from "../support/results-factories.ts";
import { multipartBody } from "./evidence-files.ts";

/** The four bad files, each with what its refusal must say. */
const BAD_FILES = [
  {
    label: "a zip bomb",
    name: "bomb.xlsx",
    bytes: () => zipBombXlsx(2048),
    says: /bomb\.xlsx .*larger than declared/,
  },
  {
    label: "an XLSX whose sheet is 500 MB unpacked",
    name: "huge.xlsx",
    bytes: () => hugeSheetXlsx(500),
    says: /huge\.xlsx .*refused \(possible zip bomb\)/,
  },
  { label: "a truncated zip", name: "cut.xlsx", bytes: truncatedXlsx, says: /cut\.xlsx .*truncated/ },
  {
    label: "a file with the wrong extension",
    name: wrongExtensionFile().name,
    bytes: () => wrongExtensionFile().bytes,
    says: /answers\.ods.*(only|not)/,
  },
] as const;

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = {
    answers,
    answerHistory,
    evidenceSources,
    recommendations,
    recommendationImports,
    resultPlans,
    resultValues,
    resultFiles,
    frameworkVersions,
    consultations,
    consultationAudio,
    consultationSubmissions,
    areaShapes,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

describeEachDatabase("no upload takes the server down", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let coordinator: Session;
  let routes: {
    name: string;
    /** POST unless said (the area shapes are replaced with PUT). */
    method?: "PUT";
    url: string;
    fields: Record<string, string>;
    session: () => Session;
    /** What this route's refusal says instead of the file's own (a route that takes no zip at all). */
    says?: RegExp;
  }[];
  let dataDir: string;
  let previousDataDir: string | undefined;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);

  beforeAll(async () => {
    previousDataDir = process.env.CHILDMARK_DATA_DIR;
    dataDir = await mkdtemp(join(tmpdir(), "childmark-bombs-"));
    process.env.CHILDMARK_DATA_DIR = dataDir;
    const { db } = database();
    await seedReference(db);
    const built = await buildAssessments(db, { countries: ["MD"] });
    const assessment = built.assessments.MD!;
    const indicator = built.framework.indicators[0]!.code;
    app = await buildApp({ database: database() });
    const planOwner = await buildOrganisation(db, { country: "MD" });
    const owner = await buildUser(db, { isAdmin: true });
    const { planId } = await buildPlan(db, planOwner, owner.id);
    const { evaluationId, outcomeId } = await buildEvaluation(db, planId, owner.id);
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    coordinator = await signInAs(
      app,
      await buildUser(db, { grants: [{ role: "coordinator", scopeType: "country", scopeCode: "MD" }] }),
    );
    const organisationId = await buildOrganisation(db, { country: "MD" });
    const consultation = await buildConsultation(db, organisationId, owner.id);
    const network = await buildNetwork(db, {
      country: "MD",
      region: CHILDPACT_REGION.code,
      applicantId: owner.id,
      writeFile: false,
    });
    routes = [
      {
        name: "answers import",
        url: `/api/assessments/${assessment}/import`,
        fields: {},
        session: () => coordinator,
      },
      {
        name: "evidence upload",
        url: `/api/assessments/${assessment}/answers/${indicator}/evidence`,
        fields: { citation: "Report" },
        session: () => coordinator,
      },
      {
        name: "recommendations import",
        url: "/api/recommendations/imports",
        fields: { preset: "uhri" },
        session: () => admin,
      },
      {
        name: "IATI import",
        url: "/api/results/plans/import-iati",
        fields: { organisationId },
        session: () => coordinator,
      },
      {
        name: "IATI import into a plan",
        url: `/api/results/plans/${planId}/import-iati`,
        fields: {},
        session: () => coordinator,
      },
      {
        name: "recommendations preview",
        url: "/api/recommendations/imports/preview",
        fields: {},
        session: () => admin,
      },
      {
        name: "evaluation finding file",
        url: `/api/results/plans/${planId}/evaluations/${evaluationId}/findings/relevance/files`,
        fields: {},
        session: () => coordinator,
      },
      {
        name: "advocacy outcome file",
        url: `/api/results/plans/${planId}/outcomes/${outcomeId}/files`,
        fields: {},
        session: () => coordinator,
      },
      {
        name: "results plan import",
        url: `/api/results/plans/${planId}/import`,
        fields: {},
        session: () => coordinator,
      },
      {
        name: "working group document",
        url: `/api/network/groups/${network.groupId}/documents`,
        fields: { title: "Minutes" },
        session: () => coordinator,
      },
      { name: "framework check", url: "/api/frameworks/checks", fields: {}, session: () => admin },
      { name: "framework import", url: "/api/frameworks/imports", fields: {}, session: () => admin },
      {
        name: "area shapes",
        method: "PUT",
        url: "/api/network/areas/MD/shapes",
        fields: { codeProperty: "code" },
        session: () => coordinator,
        says: /only GeoJSON or TopoJSON files are accepted/,
      },
      {
        name: "question recording",
        url: `/api/children/consultations/${consultation.id}/audio`,
        fields: {},
        session: () => coordinator,
        says: /only MP3, M4A, OGG, OPUS, WAV or WEBM recordings are accepted/,
      },
      {
        name: "consultation XLSForm import",
        url: "/api/children/consultations/xlsform-imports",
        fields: { organisationId },
        session: () => coordinator,
      },
      {
        name: "member list import",
        url: `/api/network/organisations/${network.coalitionId}/member-imports`,
        fields: { dryRun: "true" },
        session: () => coordinator,
      },
      {
        name: "budget lines import",
        url: "/api/budgets/imports/lines",
        fields: {},
        session: () => coordinator,
      },
      {
        name: "budget context import",
        url: "/api/budgets/imports/context",
        fields: {},
        session: () => coordinator,
      },
      {
        name: "Kobo column-mapping preview",
        url: `/api/children/consultations/${consultation.id}/kobo-imports/preview`,
        fields: {},
        session: () => coordinator,
      },
      {
        name: "Kobo results import",
        url: `/api/children/consultations/${consultation.id}/kobo-imports`,
        fields: {},
        session: () => coordinator,
      },
    ];
  });
  afterAll(async () => {
    clearInterval(sampler);
    await app?.close();
    if (previousDataDir === undefined) delete process.env.CHILDMARK_DATA_DIR;
    else process.env.CHILDMARK_DATA_DIR = previousDataDir;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses every bad file on every upload route with a clear 4xx, changing nothing", async () => {
    const { db } = database();
    const before = await tableCounts(db);
    for (const file of BAD_FILES) {
      const bytes = file.bytes();
      expect(bytes.length, file.label).toBeLessThan(3 * 1048576);
      for (const route of routes) {
        const { payload, headers } = multipartBody({ filename: file.name, content: bytes }, route.fields);
        const res = await app.inject({
          method: route.method ?? "POST",
          url: route.url,
          headers: { ...route.session().headers, ...headers },
          payload,
        });
        const what = `${file.label} → ${route.name}`;
        expect(res.statusCode, what).toBe(400);
        const body = res.json() as { error: string; details?: string[] };
        expect(body.error, what).toMatch(route.says ?? file.says);
        // The refusal says what to do, not only what is wrong.
        if (file.name !== "answers.ods")
          expect(body.details?.join(" ") ?? "", what).toMatch(/save|send|export|split/);
      }
    }
    expect(await tableCounts(db)).toEqual(before);
    expect(await readdir(uploadsDir()).catch(() => [])).toEqual([]);
    expect(peakRss / 1048576, "peak resident memory of the test process, MB").toBeLessThan(1024);
  });

  it("refuses the same files when a framework is read from disk (the framework import of the CLI)", async () => {
    const folder = await mkdtemp(join(tmpdir(), "childmark-bomb-frameworks-"));
    for (const file of BAD_FILES) {
      const path = join(folder, file.name);
      await writeFile(path, file.bytes());
      const error = await readFrameworkFile(path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, file.label).toBeInstanceOf(UserError);
      expect((error as UserError).message, file.label).toMatch(
        file.name === "answers.ods" ? /unknown framework format/ : file.says,
      );
    }
    await rm(folder, { recursive: true, force: true });
  });

  it("queues uploads past CHILDMARK_IMPORT_CONCURRENCY and answers 503 with Retry-After when the queue is full", async () => {
    process.env.CHILDMARK_IMPORT_CONCURRENCY = "1";
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // One import running and eight waiting: the next upload is told to come back.
    const busy = Array.from({ length: 9 }, () => withImportSlot(() => held));
    try {
      const route = routes[2]!;
      const { payload, headers } = multipartBody(
        { filename: "cut.xlsx", content: truncatedXlsx() },
        route.fields,
      );
      const res = await app.inject({
        method: "POST",
        url: route.url,
        headers: { ...route.session().headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("30");
      expect(res.json().error).toMatch(/busy with other imports; try again in 30 seconds/);
    } finally {
      release();
      await Promise.all(busy);
      delete process.env.CHILDMARK_IMPORT_CONCURRENCY;
    }
  });

  it("answers 413 naming the limit to a JSON body over CHILDMARK_MAX_BODY_KB", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/recommendations/saved-searches",
      headers: { ...admin.headers, "content-type": "application/json" },
      payload: JSON.stringify({ name: "x", query: "a".repeat(1100 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/over the limit of 1024 KB \(CHILDMARK_MAX_BODY_KB\)/);
  });
});
