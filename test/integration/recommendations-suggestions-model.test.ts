import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { articleClassifier } from "../../src/core/index.ts";
import { buildApp } from "../../src/server/app/build-app.ts";
import { recommendations } from "../../src/server/db/schema.ts";
import {
  classifierTraining,
  labelledExamples,
  MIN_TRAINING_EXAMPLES,
  refreshClassifiers,
} from "../../src/server/recommendations/trained-classifiers.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";

/*
 * The suggestions learn from the database's own classified recommendations: with too few, they
 * come from the vocabulary (and say so); once people have classified enough, a model trained in a
 * worker thread suggests an article the vocabulary alone would never give, and says it did.
 */

const DISTRICTS = ["Nord", "Sud", "Est", "Vest", "Centru", "Delta", "Codru", "Bugeac", "Prut", "Nistru"];
/** Recommendations about "zorbing and trampolines" (a coalition's label: article 31, leisure). */
const zorbing = (i: number) =>
  `Open zorbing and trampoline grounds for youngsters in the ${DISTRICTS[i % 10]} district, round ${i}`;
/** Recommendations about registering births (article 7), for the model's other label. */
const registry = (i: number) =>
  `Register every newborn at the civil registry office of the ${DISTRICTS[i % 10]} district, round ${i}`;
const NEW_TEXT = "Build zorbing and trampoline grounds for youngsters in every town";

describeEachDatabase("recommendations: suggestions from a model trained on classified rows", (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let target: string;
  const ids: { zorbing: string[]; registry: string[] } = { zorbing: [], registry: [] };

  beforeAll(async () => {
    const { db } = database();
    await seedReference(db);
    app = await buildApp({ database: database() });
    admin = await signInAs(app, await buildUser(db, { isAdmin: true }));
    const insert = async (text: string, key: string) => {
      const [row] = await db
        .insert(recommendations)
        .values({
          mechanism: "upr",
          stateCode: "MD",
          stateName: "Moldova",
          text: { en: text },
          importKey: key,
        })
        .returning({ id: recommendations.id });
      return row!.id;
    };
    for (let i = 0; i < 110; i++) {
      ids.zorbing.push(await insert(zorbing(i), `zorbing-${i}`));
      ids.registry.push(await insert(registry(i), `registry-${i}`));
    }
    target = await insert(NEW_TEXT, "new-zorbing");
  });
  afterAll(async () => {
    await app?.close();
  });

  const suggestions = async () => {
    const res = await app.inject({
      url: `/api/recommendations/${target}/suggestions`,
      headers: admin.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      uncrcArticles: { id: string; score: number; source: string }[];
      sdgTargets: { id: string; source: string }[];
      models: { uncrcArticles: { examples: number } | null; sdgTargets: { examples: number } | null };
    };
  };
  const tag = async (rows: string[], article: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/recommendations/tags",
      headers: admin.headers,
      payload: { ids: rows, add: { uncrcArticles: [article] } },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it("falls back to the vocabulary, and says so, while too few recommendations are classified", async () => {
    // The vocabulary alone has nothing for article 31 in this text: what the model adds below is learned.
    expect(articleClassifier.suggest(NEW_TEXT).map((s) => s.id)).not.toContain("31");
    await tag(ids.zorbing.slice(0, 10), "31");
    await tag(ids.registry.slice(0, 10), "7");
    const first = await suggestions();
    await classifierTraining(database().db);
    const after = await suggestions();
    expect(20).toBeLessThan(MIN_TRAINING_EXAMPLES);
    for (const result of [first, after]) {
      expect(result.models).toEqual({ uncrcArticles: null, sdgTargets: null });
      expect([...result.uncrcArticles, ...result.sdgTargets].every((s) => s.source === "vocabulary")).toBe(
        true,
      );
      expect(result.uncrcArticles.map((s) => s.id)).not.toContain("31");
    }
  });

  it("suggests what people classified once there are enough examples, from the model, off the request path", async () => {
    await tag(ids.zorbing.slice(10), "31");
    await tag(ids.registry.slice(10), "7");
    // A request right after the change does not wait for a training: it answers with what there is.
    const during = await suggestions();
    expect(during.models.uncrcArticles).toBeNull();
    expect(during.uncrcArticles.map((s) => s.id)).not.toContain("31");
    // The 30-second pause between checks is skipped here: the test waits for the training to end.
    await refreshClassifiers(database().db);
    const learned = await suggestions();
    expect(learned.models.uncrcArticles).toMatchObject({ examples: 220 });
    // Targets: nobody classified any, so they stay with the vocabulary.
    expect(learned.models.sdgTargets).toBeNull();
    expect(learned.uncrcArticles[0]).toMatchObject({ id: "31", source: "model" });
    expect(learned.uncrcArticles[0]!.score).toBeGreaterThan(0.5);
    // Article 7 is learned too, but this text is not about registering births.
    const seven = learned.uncrcArticles.find((s) => s.id === "7");
    expect(seven === undefined || seven.score < 0.2).toBe(true);
    expect(learned.sdgTargets.every((s) => s.source === "vocabulary")).toBe(true);
  });

  it("leaves out what the recommendation already has, and retrains only when enough changed", async () => {
    await tag([target], "31");
    // Read a page at a time: pages of 50 give the same 221 examples as one page.
    const all = await labelledExamples(database().db);
    expect(all).toHaveLength(221);
    expect(await labelledExamples(database().db, 50)).toEqual(all);
    const trained = await refreshClassifiers(database().db);
    const again = await refreshClassifiers(database().db);
    // One more classified row out of 221 is under the 5 %: the same models are kept.
    expect(again).toBe(trained);
    expect((await suggestions()).uncrcArticles.map((s) => s.id)).not.toContain("31");
  });
});
