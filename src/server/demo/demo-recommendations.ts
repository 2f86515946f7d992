import { stringify } from "csv-stringify/sync";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connect.ts";
import { queryRows } from "../db/query-rows.ts";
import { recordImplementation } from "../recommendations/implementation.ts";
import { importRecommendations } from "../recommendations/import-recommendations.ts";
import { publishTracking } from "../tracking/publish-tracking.ts";
import { DEMO_COUNTRIES } from "./demo-countries.ts";
import { randomFor } from "./random.ts";

/**
 * A kind of recommendation the UN mechanisms often make to the region's States, written for the
 * demo (the real UPR Info and OHCHR files may not be redistributed): its text, the UNCRC articles,
 * SDG targets and index indicators it concerns.
 */
interface DemoTemplate {
  text: string;
  themes: string[];
  groups: string[];
  articles: string[];
  sdgs: string[];
  indicators: string[];
  /** The ministry a coalition would name as responsible. */
  institution: string;
}

const TEMPLATES: readonly DemoTemplate[] = [
  {
    text: "Explicitly prohibit corporal punishment of children in all settings, including the home, and promote positive, non-violent forms of discipline",
    themes: ["Rights of the Child", "Torture and other CID"],
    groups: ["children"],
    articles: ["19", "37"],
    sdgs: ["16.2"],
    indicators: ["a19.01"],
    institution: "Ministry of Justice",
  },
  {
    text: "Adopt and fund a national strategy to end all forms of violence against children, with a monitoring mechanism",
    themes: ["Rights of the Child"],
    groups: ["children"],
    articles: ["19"],
    sdgs: ["16.2"],
    indicators: ["a19.02", "ge.03"],
    institution: "Ministry of Labour and Social Protection",
  },
  {
    text: "Accelerate deinstitutionalisation by developing family-based and community care and ending the placement of children under three in residential institutions",
    themes: ["Rights of the Child", "Persons with disabilities"],
    groups: ["children", "children in alternative care"],
    articles: ["20", "9"],
    sdgs: ["1.3", "10.2"],
    indicators: ["a20.01", "a20.02"],
    institution: "Ministry of Labour and Social Protection",
  },
  {
    text: "Ensure free birth registration for all children, including Roma children and children born to undocumented parents",
    themes: ["Rights of the Child", "Minorities"],
    groups: ["children", "Roma"],
    articles: ["7"],
    sdgs: ["16.9"],
    indicators: ["a07.01", "a07.03"],
    institution: "Ministry of Internal Affairs",
  },
  {
    text: "Strengthen the juvenile justice system so that detention of children is a measure of last resort, and develop diversion and alternatives to detention",
    themes: ["Rights of the Child", "Administration of justice"],
    groups: ["children in conflict with the law"],
    articles: ["37", "40"],
    sdgs: ["16.3"],
    indicators: ["a37.01", "a37.04"],
    institution: "Ministry of Justice",
  },
  {
    text: "Ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure",
    themes: ["Rights of the Child", "Acceptance of international norms"],
    groups: ["children"],
    articles: ["4"],
    sdgs: ["16.10"],
    indicators: ["ge.26"],
    institution: "Ministry of Foreign Affairs",
  },
  {
    text: "Guarantee inclusive education for children with disabilities and provide the support services and reasonable accommodation they need",
    themes: ["Rights of the Child", "Persons with disabilities", "Right to education"],
    groups: ["children with disabilities"],
    articles: ["23", "28"],
    sdgs: ["4.5", "4.a"],
    indicators: ["a23.01", "a23.03"],
    institution: "Ministry of Education",
  },
  {
    text: "Combat trafficking in children, identify child victims early and ensure they receive protection and assistance rather than punishment",
    themes: ["Rights of the Child", "Trafficking"],
    groups: ["children", "victims of trafficking"],
    articles: ["34", "35"],
    sdgs: ["16.2", "8.7"],
    indicators: ["a34.05", "a34.04"],
    institution: "Ministry of Internal Affairs",
  },
  {
    text: "Establish an independent children's ombudsperson, or a dedicated unit in the national human rights institution, to receive complaints from children",
    themes: ["Rights of the Child", "National human rights institution"],
    groups: ["children"],
    articles: ["4", "12"],
    sdgs: ["16.6"],
    indicators: ["ge.12", "ge.13"],
    institution: "Parliament",
  },
  {
    text: "Eliminate the worst forms of child labour and strengthen the labour inspectorate to detect it, including in agriculture",
    themes: ["Rights of the Child", "Labour"],
    groups: ["children"],
    articles: ["32"],
    sdgs: ["8.7"],
    indicators: ["a32.02", "a32.03"],
    institution: "Labour Inspectorate",
  },
  {
    text: "Appoint a qualified guardian without delay for every unaccompanied migrant child and end the immigration detention of children",
    themes: ["Rights of the Child", "Migrants", "Asylum-seekers - refugees"],
    groups: ["migrants", "children"],
    articles: ["22", "37"],
    sdgs: ["10.7"],
    indicators: ["a22.01", "a22.02"],
    institution: "Ministry of Internal Affairs",
  },
  {
    text: "Allocate sufficient and identifiable budget resources to child protection services, in particular at local level",
    themes: ["Rights of the Child", "Budget"],
    groups: ["children"],
    articles: ["4"],
    sdgs: ["1.a", "16.6"],
    indicators: ["ge.04", "ge.05", "ge.25"],
    institution: "Ministry of Finance",
  },
  {
    text: "Criminalise all forms of online sexual exploitation and abuse of children and ratify the Lanzarote Convention",
    themes: ["Rights of the Child", "Sexual exploitation"],
    groups: ["children"],
    articles: ["34"],
    sdgs: ["16.2", "5.2"],
    indicators: ["a34.01", "a34.02"],
    institution: "Ministry of Justice",
  },
  {
    text: "Set up a child protection information system that collects data disaggregated by age, sex, disability and ethnicity, and publish its statistics every year",
    themes: ["Rights of the Child", "Statistics"],
    groups: ["children"],
    articles: ["4", "19"],
    sdgs: ["17.18"],
    indicators: ["ge.14", "ge.15"],
    institution: "National Statistics Office",
  },
];

/** States that commonly recommend on children's rights, as they are named in UPR reports. */
const RECOMMENDING = [
  "Austria",
  "Belgium",
  "Brazil",
  "Canada",
  "Chile",
  "Estonia",
  "Finland",
  "France",
  "Germany",
  "Iceland",
  "Ireland",
  "Italy",
  "Mexico",
  "Norway",
  "Portugal",
  "Slovenia",
  "Spain",
  "Sweden",
  "Uruguay",
];

/** The UPR sessions of the demo countries' third and fourth cycles (illustrative). */
const SESSIONS = [
  { cycle: "3", session: "34", year: "2019" },
  { cycle: "4", session: "46", year: "2024" },
];

const STATUSES = ["not_started", "in_progress", "partially_implemented", "implemented", "regressed"] as const;

const NOTES: Record<(typeof STATUSES)[number], string> = {
  not_started:
    "No step taken yet: the ministry has not included it in its work plan. The coalition raised it at the consultation on the annual plan.",
  in_progress:
    "A draft law is before Parliament; the coalition commented on it in the public consultation and follows the second reading.",
  partially_implemented:
    "Adopted in law, but the implementing regulations and the budget are missing in most municipalities.",
  implemented: "Adopted and in force; the coalition checked that the first annual report was published.",
  regressed:
    "The budget line was cut this year and two services closed; the coalition wrote to the ministry and to the ombudsperson.",
};

/** The demo countries whose coalitions published their tracking (two versions each); Moldova's is left for the recommendations walk to publish. */
const TRACKED_COUNTRIES = ["GE", "RO", "BG"];

/**
 * Publishes a country's tracking as the coalition would, dated `on` (the demo's history: the first
 * version was published after the review, the second a year later).
 */
async function publishDemoTracking(db: Db, country: string, adminId: string, notes: string, on: string) {
  await publishTracking(db, { country, notes, userId: adminId, publishedAt: new Date(`${on}T09:00:00Z`) });
}

/** Where the demo's recommendations and trackings point: the OHCHR page of the State's UPR. */
export function uprPage(countryCode: string): string {
  return `https://www.ohchr.org/en/hr-bodies/upr/${countryCode.toLowerCase()}-index`;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** The demo's recommendations of one country as a CSV of the generic layout (columns named as the fields). */
export function demoRecommendationsCsv(countryCode: string, stateName: string): string {
  const random = randomFor("demo-recommendations", countryCode);
  const rows: string[][] = [];
  const chosen = TEMPLATES.filter(() => random() < 0.65);
  chosen.forEach((t, i) => {
    const when = SESSIONS[i % SESSIONS.length]!;
    const from = [...new Set([pick(random, RECOMMENDING), pick(random, RECOMMENDING)])];
    rows.push([
      "upr",
      when.session,
      when.cycle,
      `A/HRC/${when.session}/${countryCode}`,
      `${100 + i}.${1 + Math.floor(random() * 60)}`,
      stateName,
      from.join("; "),
      `${t.text} (${from.join(", ")}) [demo]`,
      random() < 0.8 ? "Supported" : "Noted",
      t.themes.join("; "),
      t.groups.join("; "),
      t.articles.join("; "),
      t.sdgs.join("; "),
    ]);
  });
  return stringify(rows, {
    header: true,
    columns: [
      "mechanism",
      "session",
      "cycle",
      "documentSymbol",
      "paragraph",
      "state",
      "recommendingStates",
      "text",
      "position",
      "themes",
      "affectedGroups",
      "uncrcArticles",
      "sdgTargets",
    ],
  });
}

/** The generic preset's mapping of the demo CSV: each column is named as its field. */
export const DEMO_CSV_COLUMNS = {
  mechanism: "mechanism",
  session: "session",
  cycle: "cycle",
  documentSymbol: "documentSymbol",
  paragraph: "paragraph",
  state: "state",
  recommendingStates: "recommendingStates",
  text: "text",
  position: "position",
  themes: "themes",
  affectedGroups: "affectedGroups",
  uncrcArticles: "uncrcArticles",
  sdgTargets: "sdgTargets",
} as const;

/**
 * Loads the demo's UPR recommendations for every demo country through the ordinary import (one
 * file per country), links each to its index indicators, and records the tracking of the
 * supported ones: the coalition's assessment (status, note, link, responsible institution, due
 * date) and, for some, the government's own claim. Returns how many recommendations were added.
 */
export async function loadDemoRecommendations(db: Db, adminId: string): Promise<number> {
  let added = 0;
  for (const country of DEMO_COUNTRIES) {
    const summary = await importRecommendations(db, {
      bytes: Buffer.from(demoRecommendationsCsv(country.code, country.name.en ?? country.code)),
      fileName: `demo-recommendations-${country.code.toLowerCase()}.csv`,
      preset: "generic",
      columns: DEMO_CSV_COLUMNS,
      userId: adminId,
    });
    added += summary.added;
    const rows = await queryRows<{ id: string; text: { en?: string }; position: string | null }>(
      db,
      sql`select id, text, position from recommendations where import_id = ${summary.importId} order by paragraph`,
    );
    const supported: { id: string; template: DemoTemplate }[] = [];
    for (const row of rows) {
      const template = TEMPLATES.find((t) => row.text.en?.startsWith(t.text));
      if (!template) continue;
      await db.execute(
        sql`update recommendations set indicator_codes = array[${sql.join(
          template.indicators.map((code) => sql`${code}`),
          sql`, `,
        )}]::text[] where id = ${row.id}`,
      );
      if (row.position === "supported") supported.push({ id: row.id, template });
    }
    const tracked = TRACKED_COUNTRIES.includes(country.code);
    if (tracked) {
      // A first published version: the coalition's baseline assessment after the review.
      for (const { id, template } of supported)
        await recordImplementation(
          db,
          id,
          {
            status: "not_started",
            assessedByKind: "coalition",
            assessorName: country.coalition,
            assessedOn: "2024-10-15",
            evidenceText: NOTES.not_started,
            evidenceUrl: uprPage(country.code),
            evidenceUrls: [],
            responsibleInstitutions: [template.institution],
          },
          adminId,
        );
      await publishDemoTracking(
        db,
        country.code,
        adminId,
        "Baseline after the review (demo data)",
        "2024-12-10",
      );
    }
    for (const { id, template } of supported) {
      const random = randomFor("demo-tracking", country.code, template.text);
      const status = pick(random, STATUSES);
      await recordImplementation(
        db,
        id,
        {
          status,
          assessedByKind: "coalition",
          assessorName: country.coalition,
          assessedOn: `2025-0${1 + Math.floor(random() * 9)}-15`,
          evidenceText: NOTES[status],
          evidenceUrl: uprPage(country.code),
          evidenceUrls: [],
          responsibleInstitutions: [template.institution],
          dueOn: status === "implemented" ? undefined : "2026-12-31",
          followUpActions:
            status === "implemented"
              ? undefined
              : "Meet the responsible ministry before the mid-term UPR report.",
        },
        adminId,
      );
      if (random() < 0.5) {
        await recordImplementation(
          db,
          id,
          {
            status: status === "not_started" ? "in_progress" : "implemented",
            assessedByKind: "government",
            assessorName: `${template.institution} (national report)`,
            assessedOn: "2024-11-01",
            evidenceText: "As stated in the government's mid-term report (demo).",
            evidenceUrls: [],
            responsibleInstitutions: [template.institution],
          },
          adminId,
        );
      }
    }
    if (tracked)
      await publishDemoTracking(db, country.code, adminId, "Assessment of 2025 (demo data)", "2025-10-20");
  }
  return added;
}
