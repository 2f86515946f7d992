import { stringify } from "csv-stringify/sync";
import { sql } from "drizzle-orm";
import { type LocalText, openSynergies } from "../../core/index.ts";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { importRecommendations } from "../recommendations/import-recommendations.ts";
import { confirmSynergy, recordSynergyImplementation } from "../recommendations/synergies.ts";
import { DEMO_COUNTRIES } from "./demo-countries.ts";

/**
 * Recommendations of other mechanisms to Moldova that echo its UPR recommendations, written for
 * the demo in the words those bodies use (the CRC Committee's concluding observations, the
 * European Committee of Social Rights' conclusions): imported like any file, a regional body
 * included, so the synergies page has groups to confirm and the demo shows one confirmed.
 */
const OTHERS = [
  {
    mechanism: "Committee on the Rights of the Child",
    documentSymbol: "CRC/C/MDA/CO/4-5",
    session: "76",
    date: "2017-10-20",
    paragraph: "23",
    text: "Explicitly prohibit corporal punishment of children in all settings, including in the home, and promote positive and non-violent forms of child-rearing and discipline",
    articles: ["19", "37"],
    indicators: ["a19.01"],
  },
  {
    mechanism: "Committee on the Rights of the Child",
    documentSymbol: "CRC/C/MDA/CO/4-5",
    session: "76",
    date: "2017-10-20",
    paragraph: "31",
    text: "Expedite deinstitutionalisation, develop family-based and community-based care and end the placement of children under three years of age in residential institutions",
    articles: ["20", "9"],
    indicators: ["a20.01", "a20.02"],
  },
  {
    mechanism: "Committee on the Rights of the Child",
    documentSymbol: "CRC/C/MDA/CO/4-5",
    session: "76",
    date: "2017-10-20",
    paragraph: "49",
    text: "Ensure that detention of children is used as a measure of last resort, and develop diversion and alternatives to detention in the juvenile justice system",
    articles: ["37", "40"],
    indicators: ["a37.01", "a37.04"],
  },
  {
    mechanism: "Committee on the Rights of the Child",
    documentSymbol: "CRC/C/MDA/CO/4-5",
    session: "76",
    date: "2017-10-20",
    paragraph: "35",
    text: "Guarantee inclusive education for all children with disabilities, with the support services and reasonable accommodation they need",
    articles: ["23", "28"],
    indicators: ["a23.01", "a23.03"],
  },
  {
    mechanism: "European Committee of Social Rights (ECSR)",
    documentSymbol: "Conclusions 2019, Article 17",
    session: "Conclusions 2019",
    date: "2020-03-24",
    paragraph: "17§1",
    text: "The situation is not in conformity with Article 17§1 of the Charter: corporal punishment of children is not explicitly prohibited in all settings, including the home",
    articles: ["19"],
    indicators: ["a19.01"],
  },
];

const COUNTRY = "MD";

/**
 * Imports the other mechanisms' recommendations to Moldova (the generic preset, as a coalition
 * would map a file of them), then confirms the largest suggested synergy and tracks it once; the
 * other suggestions stay for the visitor to confirm or dismiss. Returns the confirmed group's id.
 */
export async function loadDemoSynergies(db: Db, adminId: string): Promise<string | null> {
  const csv = stringify(
    OTHERS.map((o) => [
      o.mechanism,
      o.session,
      o.documentSymbol,
      o.paragraph,
      o.date,
      "Moldova",
      `${o.text} [demo]`,
      "Rights of the Child",
      o.articles.join("; "),
    ]),
    {
      header: true,
      columns: ["Mechanism", "Session", "Symbol", "Paragraph", "Date", "State", "Text", "Themes", "Articles"],
    },
  );
  await importRecommendations(db, {
    bytes: Buffer.from(csv),
    fileName: "demo-other-mechanisms-md.csv",
    preset: "generic",
    columns: {
      Mechanism: "mechanism",
      Session: "session",
      Symbol: "documentSymbol",
      Paragraph: "paragraph",
      Date: "date",
      State: "state",
      Text: "text",
      Themes: "themes",
      Articles: "uncrcArticles",
    },
    userId: adminId,
  });
  // Linked to the index indicators they speak to, as the UPR demo recommendations are.
  for (const o of OTHERS)
    await db.execute(
      sql`update recommendations set indicator_codes = array[${sql.join(
        o.indicators.map((code) => sql`${code}`),
        sql`, `,
      )}]::text[] where state_code = ${COUNTRY} and text->>'en' = ${`${o.text} [demo]`}`,
    );
  const rows = await queryRows<{
    id: string;
    mechanism: string;
    text: LocalText;
    uncrc_articles: string[];
    themes: string[];
  }>(
    db,
    sql`select id, mechanism, text, uncrc_articles, themes from recommendations where state_code = ${COUNTRY}`,
  );
  const [first] = openSynergies(
    rows.map((r) => ({
      id: r.id,
      mechanism: r.mechanism,
      text: r.text.en ?? "",
      articles: r.uncrc_articles,
      themes: r.themes,
    })),
    { confirmed: new Set(), dismissed: new Set() },
  );
  if (!first) return null;
  const group = await confirmSynergy(db, first.ids, adminId);
  await recordSynergyImplementation(
    db,
    group.id,
    {
      status: "in_progress",
      assessedByKind: "coalition",
      assessorName: DEMO_COUNTRIES.find((c) => c.code === COUNTRY)?.coalition,
      assessedOn: "2025-06-15",
      evidenceText:
        "The amendment to the Family Code banning corporal punishment passed its first reading; one status for the UPR, the CRC Committee and the European Committee of Social Rights (demo).",
      evidenceUrls: [],
      responsibleInstitutions: ["Ministry of Justice"],
    },
    adminId,
  );
  return group.id;
}
