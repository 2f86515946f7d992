import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SAMPLE_DEFINITION } from "../../src/core/children/fixtures.ts";
import { consultationDefinition, type ReleaseSnapshot } from "../../src/core/index.ts";
import type { PortalContext } from "../../src/portal/context.ts";
import { readChildrenVoices } from "../../src/server/children/children-view.ts";
import { loadConsultation } from "../../src/server/children/load-consultation.ts";
import { moderate } from "../../src/server/children/moderation.ts";
import { setConsultationStatus } from "../../src/server/children/save-consultation.ts";
import { loadSessionByCode, submitAnswers } from "../../src/server/children/submit-answers.ts";
import { consultationAnswers, consultationModeration } from "../../src/server/db/schema.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { closeChromium } from "../../src/server/reports/chromium.ts";
import { reportFile } from "../../src/server/reports/release-reports.ts";
import { hasPdftotext, pdfText } from "../support/canary.ts";
import { buildConsultation, childSubmission } from "../support/children-factories.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser } from "../support/factories.ts";
import { buildDemoReleases } from "../support/release-fixture.ts";
import { buildOrganisation } from "../support/results-factories.ts";

/*
 * "What children said" in a country report (PDF and DOCX): a published consultation's questions
 * linked to an index indicator show beside the experts' answer with the share agreeing, the
 * children, the consultation's name and date, the rule that protects them, and the quotes a
 * moderator approved. A quote waiting or rejected, and the words of a consultation closed without
 * publishing or still open, never appear; a quote approved later makes another report.
 */

const PUBLISHED = "Heard at school 2026";
const NEVER = [
  "canarywaiting",
  "canaryrejected",
  "canaryredactedpart",
  "CANARY closed unpublished",
  "canaryunpublishedquote",
  "CANARY still open",
  "canaryopenquote",
];

let second: ReleaseSnapshot;
let indicator: string;

beforeAll(async () => {
  ({ second } = await buildDemoReleases());
  indicator = second.framework.indicators.find((i) =>
    second.answers.some((a) => a.country === "MD" && a.indicator === i.code),
  )!.code;
});
afterAll(closeChromium);

/** The words of a DOCX's body, runs joined (a sentence may be split into runs). */
async function docxText(body: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(body)).file("word/document.xml")!.async("string");
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&amp;", "&")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'");
}
const flat = (text: string) => text.replace(/\s+/g, " ");

describeEachDatabase("what children said in a country report", (database) => {
  it("shows a published consultation's voices and approved quotes beside the indicator, nothing else", async () => {
    const { db } = database();
    await seedReference(db);
    const organisationId = await buildOrganisation(db, { country: "MD" }, "Report voices coalition MD");
    const author = await buildUser(db, { isAdmin: true });
    const definitionFor = (title: string) =>
      consultationDefinition.parse({
        ...SAMPLE_DEFINITION,
        title: { en: title },
        questions: SAMPLE_DEFINITION.questions.map((q) =>
          q.code === "heard" || q.code === "wish"
            ? { ...q, links: [{ kind: "indicator", ref: indicator }] }
            : q,
        ),
      });
    /** A consultation in MD: `children` answers, 8 saying yes, the given free texts first. */
    const plant = async (title: string, children: number, wishes: string[]) => {
      const built = await buildConsultation(db, organisationId, author.id, {
        country: "MD",
        definition: definitionFor(title),
      });
      const joined = await loadSessionByCode(db, built.code);
      for (let i = 0; i < children; i++) {
        const answers: Record<string, string> = { heard: i < 8 ? "yes" : "no" };
        if (wishes[i]) answers.wish = wishes[i]!;
        await submitAnswers(db, joined, { ...childSubmission({ answers }), guardianConsentConfirmed: false });
      }
      return built.id;
    };
    /** Decides on the free text holding `word`. */
    const decide = async (
      consultationId: string,
      word: string,
      decision: "approve" | "reject" | "redact",
      parts: string[] = [],
    ) => {
      const [item] = await db
        .select({ submissionId: consultationModeration.submissionId })
        .from(consultationModeration)
        .innerJoin(
          consultationAnswers,
          and(
            eq(consultationAnswers.submissionId, consultationModeration.submissionId),
            eq(consultationAnswers.questionCode, consultationModeration.questionCode),
          ),
        )
        .where(
          and(
            eq(consultationModeration.consultationId, consultationId),
            sql`${consultationAnswers.value}::text like ${`%${word}%`}`,
          ),
        );
      await moderate(
        db,
        { consultationId, submissionId: item!.submissionId, questionCode: "wish" },
        { decision, parts },
        author.id,
      );
    };

    const published = await plant(PUBLISHED, 12, [
      "kites in every schoolyard",
      "teachers who listen canarywaiting",
      "canaryrejected words",
      "safer roads canaryredactedpart home",
      "a quiet room to talk",
      // Seven more waiting, so that twelve children answered the free text (the threshold is 10).
      ...Array.from({ length: 7 }, (_, i) => `plain wish number ${i}`),
    ]);
    await decide(published, "kites", "approve");
    await decide(published, "canaryrejected", "reject");
    await decide(published, "safer roads", "redact", ["canaryredactedpart"]);
    // "a quiet room to talk" and the waiting text stay waiting for now.
    await setConsultationStatus(db, await loadConsultation(db, published), "closed", true);

    const unpublished = await plant("CANARY closed unpublished", 15, ["canaryunpublishedquote"]);
    await decide(unpublished, "canaryunpublishedquote", "approve");
    await setConsultationStatus(db, await loadConsultation(db, unpublished), "closed", false);
    const open = await plant("CANARY still open", 14, ["canaryopenquote"]);
    await decide(open, "canaryopenquote", "approve");

    const context = async (): Promise<PortalContext> => ({
      releases: [],
      languages: ["en", "fr", "ar"],
      mode: "static",
      childrenVoices: await readChildrenVoices(db),
    });
    const ctx = await context();
    const docx = await docxText(
      (await reportFile(second, { lang: "en", country: "MD", format: "docx", ctx })).body,
    );
    const expectVoices = (text: string) => {
      const words = flat(text);
      expect(words).toContain("What children in Moldova said");
      expect(words).toContain("Experts' answer");
      expect(words).toContain("Children's voice · not scored");
      expect(words).toContain(PUBLISHED);
      expect(words).toContain("Report voices coalition MD");
      expect(words).toMatch(/closed [^·]*20\d\d/);
      // 8 of the 12 children in Moldova said yes.
      expect(words).toMatch(/67 ?% agreed · 12 children answered/);
      expect(words).toMatch(/Yes 8 · No 4/);
      // Beside the indicator's answer in the answers table.
      expect(words).toMatch(/Children's voice, not scored: 67 ?% agreed \(12 children\)/);
      expect(words).toContain("a group of fewer than 10 children is never shown");
      expect(words).toContain("In the children's own words (approved by a moderator):");
      expect(words).toContain("“kites in every schoolyard”");
      expect(words).toContain("“safer roads […] home”");
      expect(words).not.toContain("a quiet room to talk");
      expect(words).not.toContain("plain wish");
      for (const canary of NEVER) expect(words).not.toContain(canary);
    };
    expectVoices(docx);

    if (hasPdftotext) {
      const file = (await reportFile(second, { lang: "en", country: "MD", format: "pdf", ctx })).body;
      // Left to be looked at.
      writeFileSync(join(tmpdir(), `children-report-md-en-${process.pid}.pdf`), file);
      const pdf = await pdfText(file);
      expectVoices(pdf);
    }

    // A quote approved later is in the next report (the report is not served from a stale cache).
    await decide(published, "quiet room", "approve");
    const later = await docxText(
      (await reportFile(second, { lang: "en", country: "MD", format: "docx", ctx: await context() })).body,
    );
    expect(flat(later)).toContain("“a quiet room to talk”");
    for (const canary of NEVER) expect(flat(later)).not.toContain(canary);

    // In Arabic too, right to left, with the consultation's name.
    const ar = await docxText(
      (await reportFile(second, { lang: "ar", country: "MD", format: "docx", ctx: await context() })).body,
    );
    expect(ar).toContain("صوت الأطفال");
    expect(ar).toContain(PUBLISHED);
    for (const canary of NEVER) expect(flat(ar)).not.toContain(canary);

    // The voices the reports are made from hold the published consultation only.
    const titles = (await readChildrenVoices(db)).map((v) => v.title.en);
    expect(new Set(titles)).toEqual(new Set([PUBLISHED]));
  }, 240_000);
});
