import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { recordAudit } from "../../src/server/audit/record-audit.ts";
import type { Db } from "../../src/server/db/connect.ts";
import {
  answerHistory,
  answers,
  assessmentEvents,
  comments,
  evidenceSources,
} from "../../src/server/db/schema.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { buildUser } from "./factories.ts";
import { answerOf, buildPublishableCycle, type PublishableCycle } from "./release-setup.ts";

/** A string planted in every place that must never be published. */
export const CANARY = "CANARY-7f3a9c-unpublished";

/**
 * Plants the canary in every unpublished place of a cycle built by
 * `buildPublishableCycle` with MD, GE and AM (publish MD only afterwards):
 * a draft answer (AM) and a validated answer that is not chosen (GE), with
 * their sources; a stale justification on a published answer; a comment and a
 * rework reason; a removed source; a history reason; a workflow note; and the
 * name of the author of all of these.
 */
export async function plantCanaries(db: Db, cycle: PublishableCycle): Promise<void> {
  const author = await buildUser(db, { name: `${CANARY} author` });
  // The audit log is internal: a deactivation reason and a typed e-mail must never reach the public.
  await recordAudit(db, {
    action: "user.deactivated",
    actorId: author.id,
    actorEmail: `${CANARY.toLowerCase()}@example.org`,
    targetType: "user",
    targetId: author.id,
    country: "MD",
    details: { reason: `${CANARY} deactivation reason` },
  });
  const [checklist, second] = cycle.framework.indicators.filter((i) => i.type === "checklist");
  const md = await answerOf(db, cycle.assessments.MD!, checklist!.code);
  const md2 = await answerOf(db, cycle.assessments.MD!, second!.code);
  const am = await answerOf(db, cycle.assessments.AM!, checklist!.code);
  const ge = await answerOf(db, cycle.assessments.GE!, checklist!.code);
  for (const id of [am, ge]) {
    await db
      .update(answers)
      .set({ valueText: "na", justification: `${CANARY} draft justification` })
      .where(eq(answers.id, id));
    await db.insert(evidenceSources).values({ answerId: id, kind: "citation", citation: `${CANARY} source` });
  }
  await db
    .update(answers)
    .set({ justification: `${CANARY} stale note` })
    .where(eq(answers.id, md2));
  await db.insert(comments).values([
    { answerId: md, authorId: author.id, kind: "comment", body: `${CANARY} comment` },
    { answerId: md, authorId: author.id, kind: "rework", body: `${CANARY} rework reason` },
  ]);
  await db.insert(evidenceSources).values({
    answerId: md,
    kind: "url",
    url: `https://example.org/${CANARY}`,
    citation: `${CANARY} removed source`,
    removedAt: new Date(),
    removedBy: author.id,
  });
  await db.insert(answerHistory).values({
    answerId: md,
    version: 99,
    valueAfter: { value: "yes", justification: null },
    changedBy: author.id,
    source: "entry",
    reason: `${CANARY} history reason`,
  });
  await db.insert(assessmentEvents).values({
    assessmentId: cycle.assessments.MD!,
    fromStatus: "in_review",
    toStatus: "validated",
    actorId: author.id,
    reason: `${CANARY} internal note`,
  });
}

/**
 * A cycle of MD and GE (validated) and AM (a draft), the canary planted in
 * every unpublished place (`plantCanaries`), then only MD published by an
 * admin whose name is the canary. Needs `seedReference` first.
 */
export async function publishCanaryRelease(
  db: Db,
  notes?: string,
): Promise<{ cycle: PublishableCycle; slug: string }> {
  const cycle = await buildPublishableCycle(db, { countries: ["MD", "GE", "AM"], validated: ["MD", "GE"] });
  await plantCanaries(db, cycle);
  const publisher = await buildUser(db, { isAdmin: true, name: CANARY });
  const { slug } = await publishRelease(db, {
    cycleId: cycle.cycleId,
    assessmentIds: [cycle.assessments.MD!],
    userId: publisher.id,
    notes,
  });
  return { cycle, slug };
}

const run = promisify(execFile);

/** Whether poppler's `pdftotext` is installed (CI installs poppler-utils). */
export const hasPdftotext = existsSync("/usr/bin/pdftotext");

/** The text of a PDF as `pdftotext` extracts it (page streams are compressed, so raw bytes hide it). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "childmark-pdf-"));
  try {
    writeFileSync(join(dir, "file.pdf"), pdf);
    await run("pdftotext", ["-enc", "UTF-8", join(dir, "file.pdf"), join(dir, "file.txt")]);
    return readFileSync(join(dir, "file.txt"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every readable text of a downloaded file, for searching: the bytes as
 * UTF-8, plus for a DOCX its document.xml, for an XLSX every cell, and for a
 * PDF what pdftotext extracts (when installed).
 */
export async function readableTexts(path: string, body: Buffer): Promise<string[]> {
  const texts = [body.toString("utf8"), body.toString("latin1")];
  if (path.endsWith(".docx")) {
    const zip = await JSZip.loadAsync(body);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml")))
      texts.push(await zip.file(name)!.async("string"));
  } else if (path.endsWith(".xlsx")) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      }),
    );
    texts.push(cells.join("\n"));
  } else if (path.endsWith(".pdf") && hasPdftotext) {
    texts.push(await pdfText(body));
  }
  return texts;
}
