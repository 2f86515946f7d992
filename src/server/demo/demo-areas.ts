import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Framework } from "../../core/index.ts";
import { toHistoryJson } from "../assessments/answer-value.ts";
import type { Db } from "../db/connect.ts";
import { answerHistory, answers, assessments, cycles, frameworkVersions, indicators } from "../db/schema.ts";
import { replaceAreas } from "../network/areas.ts";
import { changeStatus } from "../review/change-status.ts";
import { buildDemoAnswers, DEMO_SEED } from "./demo-answers.ts";
import { DEMO_CYCLES } from "./demo-countries.ts";

/** Moldova's regions and a few districts: the demo's areas below the country (invented grouping). */
export const MD_AREAS = [
  { code: "MD-N", name: { en: "North", ro: "Nord", fr: "Nord", ru: "Север", ar: "الشمال" } },
  { code: "MD-C", name: { en: "Centre", ro: "Centru", fr: "Centre", ru: "Центр", ar: "الوسط" } },
  { code: "MD-S", name: { en: "South", ro: "Sud", fr: "Sud", ru: "Юг", ar: "الجنوب" } },
  {
    code: "MD-CU",
    name: {
      en: "Chișinău municipality",
      ro: "Municipiul Chișinău",
      fr: "Municipalité de Chișinău",
      ru: "Муниципий Кишинёв",
      ar: "بلدية كيشيناو",
    },
  },
  {
    code: "MD-BA",
    parent: "MD-N",
    name: { en: "Bălți", ro: "Bălți", fr: "Bălți", ru: "Бельцы", ar: "بالتي" },
  },
  {
    code: "MD-SO",
    parent: "MD-N",
    name: { en: "Soroca", ro: "Soroca", fr: "Soroca", ru: "Сороки", ar: "سوروكا" },
  },
  {
    code: "MD-OR",
    parent: "MD-C",
    name: { en: "Orhei", ro: "Orhei", fr: "Orhei", ru: "Орхей", ar: "أورهي" },
  },
  {
    code: "MD-UN",
    parent: "MD-C",
    name: { en: "Ungheni", ro: "Ungheni", fr: "Ungheni", ru: "Унгены", ar: "أونغيني" },
  },
  {
    code: "MD-CA",
    parent: "MD-S",
    name: { en: "Cahul", ro: "Cahul", fr: "Cahul", ru: "Кагул", ar: "كاهول" },
  },
  {
    code: "MD-GA",
    parent: "MD-S",
    name: { en: "Gagauzia", ro: "Găgăuzia", fr: "Gagaouzie", ru: "Гагаузия", ar: "غاغاوزيا" },
  },
];

/**
 * Which of Moldova's areas are assessed in each demo cycle, and how far: every district and the
 * capital in the first cycle, validated (so its release carries area scores); in the latest
 * cycle, where Moldova's own assessment is still a draft, a few in progress.
 */
export const DEMO_AREA_ASSESSMENTS: Record<string, Record<string, "draft" | "submitted" | "validated">> = {
  [DEMO_CYCLES[0]!.code]: Object.fromEntries(
    ["MD-CU", "MD-BA", "MD-SO", "MD-OR", "MD-UN", "MD-CA", "MD-GA"].map((code) => [
      code,
      "validated" as const,
    ]),
  ),
  [DEMO_CYCLES[DEMO_CYCLES.length - 1]!.code]: {
    "MD-CU": "validated",
    "MD-BA": "validated",
    "MD-OR": "submitted",
    "MD-CA": "draft",
  },
};

const DEMO_REASON = "Demo data: an area's assessment validated when the demo was loaded.";

/**
 * Moldova's areas and their assessments in the demo cycles (answers invented from the demo's
 * generator with a seed per area, kept in the answers' history as an import). Call before the
 * demo releases are published, so that the first release carries the areas' scores.
 */
export async function loadDemoAreas(tx: Db, adminId: string, framework: Framework): Promise<number> {
  await replaceAreas(tx, "MD", MD_AREAS);
  const demoCycles = await tx
    .select({ id: cycles.id, period: cycles.period, versionId: cycles.versionId })
    .from(cycles)
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycles.versionId))
    .innerJoin(assessments, eq(assessments.cycleId, cycles.id))
    .where(
      and(
        eq(cycles.isDemo, true),
        eq(assessments.countryCode, "MD"),
        isNull(assessments.areaCode),
        inArray(cycles.period, Object.keys(DEMO_AREA_ASSESSMENTS)),
      ),
    );
  let count = 0;
  for (const cycle of demoCycles) {
    const ids = new Map(
      (
        await tx
          .select({ id: indicators.id, code: indicators.code })
          .from(indicators)
          .where(eq(indicators.versionId, cycle.versionId))
      ).map((r) => [r.code, r.id]),
    );
    for (const [area, status] of Object.entries(DEMO_AREA_ASSESSMENTS[cycle.period] ?? {})) {
      const [row] = await tx
        .insert(assessments)
        .values({ cycleId: cycle.id, countryCode: "MD", areaCode: area })
        .returning({ id: assessments.id });
      const assessmentId = row!.id;
      const values = buildDemoAnswers(framework, `${DEMO_SEED}/${area}`).filter(
        (a) => a.entity === "MD" && a.period === cycle.period && ids.has(a.indicator),
      );
      const stored = await tx
        .insert(answers)
        .values(
          values.map((a) => ({
            assessmentId,
            indicatorId: ids.get(a.indicator)!,
            valueText: typeof a.value === "number" ? null : String(a.value),
            valueNumber: typeof a.value === "number" ? a.value : null,
            justification: a.value === "na" ? "Not applicable in this area (demo)." : null,
            updatedBy: adminId,
          })),
        )
        .returning({
          id: answers.id,
          valueText: answers.valueText,
          valueNumber: answers.valueNumber,
          justification: answers.justification,
        });
      await tx.insert(answerHistory).values(
        stored.map((a) => ({
          answerId: a.id,
          version: 1,
          valueBefore: null,
          valueAfter: toHistoryJson(a),
          changedBy: adminId,
          source: "import",
          reason: "demo data",
        })),
      );
      if (status !== "draft") {
        await changeStatus(tx, {
          assessmentId,
          step: "submit",
          from: ["draft"],
          to: "submitted",
          actorId: adminId,
          reason: "Demo data: submitted when the demo was loaded.",
        });
      }
      if (status === "validated") {
        await changeStatus(tx, {
          assessmentId,
          step: "validate",
          from: ["submitted"],
          to: "validated",
          actorId: adminId,
          reason: DEMO_REASON,
        });
      }
      count++;
    }
  }
  return count;
}
