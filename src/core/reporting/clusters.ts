import type { LocalText } from "../framework/model.ts";

/** A cluster of the CRC Committee's reporting guidelines, with the articles it covers. */
export interface ReportingCluster {
  key: string;
  title: LocalText;
  /** UNCRC article numbers as the framework's `uncrc` classification writes them (`19`). */
  articles: readonly string[];
}

/**
 * The clusters of the CRC Committee's treaty-specific reporting guidelines (CRC/C/58/Rev.3),
 * the default outline of an alternative report. Articles appear in more than one cluster where
 * the guidelines put them there (6, 30, 33, 39).
 */
export const CRC_CLUSTERS: readonly ReportingCluster[] = [
  {
    key: "general_measures",
    title: {
      en: "General measures of implementation",
      fr: "Mesures d'application générales",
      ar: "تدابير التنفيذ العامة",
    },
    articles: ["4", "42", "44"],
  },
  {
    key: "definition",
    title: { en: "Definition of the child", fr: "Définition de l'enfant", ar: "تعريف الطفل" },
    articles: ["1"],
  },
  {
    key: "general_principles",
    title: { en: "General principles", fr: "Principes généraux", ar: "المبادئ العامة" },
    articles: ["2", "3", "6", "12"],
  },
  {
    key: "civil_rights",
    title: {
      en: "Civil rights and freedoms",
      fr: "Libertés et droits civils",
      ar: "الحقوق والحريات المدنية",
    },
    articles: ["7", "8", "13", "14", "15", "16", "17"],
  },
  {
    key: "violence",
    title: { en: "Violence against children", fr: "Violence à l'égard des enfants", ar: "العنف ضد الأطفال" },
    articles: ["19", "24", "28", "34", "37", "39"],
  },
  {
    key: "family",
    title: {
      en: "Family environment and alternative care",
      fr: "Milieu familial et protection de remplacement",
      ar: "البيئة الأسرية والرعاية البديلة",
    },
    articles: ["5", "9", "10", "11", "18", "20", "21", "25", "27"],
  },
  {
    key: "health",
    title: {
      en: "Disability, basic health and welfare",
      fr: "Handicap, santé et bien-être",
      ar: "الإعاقة والصحة الأساسية والرفاه",
    },
    articles: ["6", "18", "23", "24", "26", "27", "33"],
  },
  {
    key: "education",
    title: {
      en: "Education, leisure and cultural activities",
      fr: "Éducation, loisirs et activités culturelles",
      ar: "التعليم والترفيه والأنشطة الثقافية",
    },
    articles: ["28", "29", "30", "31"],
  },
  {
    key: "special_protection",
    title: {
      en: "Special protection measures",
      fr: "Mesures de protection spéciales",
      ar: "تدابير الحماية الخاصة",
    },
    articles: ["22", "30", "32", "33", "35", "36", "37", "38", "39", "40"],
  },
  {
    key: "optional_protocols",
    title: { en: "Optional protocols", fr: "Protocoles facultatifs", ar: "البروتوكولات الاختيارية" },
    articles: ["OPSC", "OPAC"],
  },
];

/** The cluster of that key, or undefined. */
export function clusterOf(key: string): ReportingCluster | undefined {
  return CRC_CLUSTERS.find((c) => c.key === key);
}

/**
 * Word limits the mechanisms set for civil-society submissions: the CRC Committee's 20,000
 * words for an alternative report; the UPR's 5,630 words for a joint stakeholder submission
 * (2,815 for one organisation).
 */
export const WORD_LIMITS: Readonly<Record<string, number>> = { crc: 20_000, upr: 5_630 };

/** Words in a text, citation markers (`[3]`) and link addresses (`](https://…)`) left out. */
export function countWords(text: string): number {
  const words = text
    .replace(/\]\([^)\s]*\)/g, "] ")
    .replace(/\[\d+\]/g, " ")
    .match(/[\p{L}\p{N}][\p{L}\p{N}'’\-.]*/gu);
  return words?.length ?? 0;
}
