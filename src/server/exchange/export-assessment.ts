import { eq } from "drizzle-orm";
import type { LoadedAssessment } from "../assessments/load-assessment.ts";
import type { Db } from "../db/connect.ts";
import { countries, cycles } from "../db/schema.ts";
import { loadExcelJs } from "../exceljs.ts";
import { writeWorkbook } from "../frameworks/xlsx/neutralise-workbook.ts";
import { readCurrentAnswers } from "./current-answers.ts";
import { pickText } from "./tree-order.ts";
import { addAnswersSheet } from "./write-answers-sheet.ts";
import { addReadMeSheet } from "./write-read-me.ts";

export interface ExportedWorkbook {
  fileName: string;
  bytes: Buffer;
}

/**
 * Writes an assessment as a workbook to fill offline: a "read me" sheet and
 * an "answers" sheet in `language` (falling back to the framework's default),
 * named `assessment-<country>-<period>.xlsx`.
 */
export async function exportAssessment(
  db: Db,
  assessment: LoadedAssessment,
  requestedLanguage?: string,
): Promise<ExportedWorkbook> {
  const fw = assessment.framework;
  // "fr-CH" is served in "fr" when the framework has no Swiss French texts.
  const base = requestedLanguage?.split("-")[0];
  const language =
    [requestedLanguage, base].find((l): l is string => !!l && fw.languages.includes(l)) ?? fw.defaultLanguage;
  const [names] = await db
    .select({ country: countries.name, cycle: cycles.name })
    .from(cycles)
    .innerJoin(countries, eq(countries.code, assessment.countryCode))
    .where(eq(cycles.id, assessment.cycleId));
  const answers = await readCurrentAnswers(db, assessment.id);

  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = "Childmark";
  addReadMeSheet(wb, {
    assessmentId: assessment.id,
    country: `${pickText(names?.country, language, "en") || assessment.countryCode} (${assessment.countryCode})`,
    cycle: pickText(names?.cycle, language, "en"),
    period: assessment.period,
    deadline: assessment.closesOn,
    status: assessment.status,
    exportedAt: new Date(),
    language,
  });
  await addAnswersSheet(wb, fw, answers, language);
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" },
  ];
  return {
    fileName: `assessment-${safePart(assessment.countryCode)}-${safePart(assessment.period)}.xlsx`,
    bytes: await writeWorkbook(wb),
  };
}

/** A piece of a file name: letters, digits, dots, dashes and underscores only. */
function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "") || "x";
}
