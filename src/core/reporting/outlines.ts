import { CRC_CLUSTERS, type ReportingCluster } from "./clusters.ts";

/**
 * The outlines an alternative report can start from, as data. `crc` is the CRC Committee's
 * clusters (the default); the others follow what each mechanism asks of civil society, each
 * section linked to the UNCRC articles whose scores, evidence and recommendations pre-fill it.
 * `custom` is the coalition's own list of section titles (started empty).
 */
export const OUTLINES = ["crc", "upr", "ecsr", "grevio", "lanzarote", "acerwc", "custom"] as const;
export type Outline = (typeof OUTLINES)[number];

const section = (key: string, en: string, fr: string, ar: string, articles: string[]): ReportingCluster => ({
  key,
  title: { en, fr, ar },
  articles,
});

/** The sections of each outline but `custom`. */
export const OUTLINE_SECTIONS: Readonly<Record<Exclude<Outline, "custom">, readonly ReportingCluster[]>> = {
  crc: CRC_CLUSTERS,
  // OHCHR's technical guidelines for stakeholders' submissions: follow-up to the last review, then themes.
  upr: [
    section(
      "upr_follow_up",
      "Follow-up to the previous review",
      "Suivi de l'examen précédent",
      "متابعة الاستعراض السابق",
      ["4", "42", "44"],
    ),
    section(
      "upr_framework",
      "National framework and institutions",
      "Cadre et institutions nationaux",
      "الإطار والمؤسسات الوطنية",
      ["2", "3", "12"],
    ),
    section(
      "upr_protection",
      "Protection from violence and exploitation",
      "Protection contre la violence et l'exploitation",
      "الحماية من العنف والاستغلال",
      ["19", "32", "34", "35", "36", "37", "39"],
    ),
    section(
      "upr_family_care",
      "Family and alternative care",
      "Famille et protection de remplacement",
      "الأسرة والرعاية البديلة",
      ["9", "18", "20", "21", "25"],
    ),
    section(
      "upr_social_rights",
      "Health, education and an adequate standard of living",
      "Santé, éducation et niveau de vie suffisant",
      "الصحة والتعليم ومستوى المعيشة اللائق",
      ["23", "24", "26", "27", "28", "29"],
    ),
    section(
      "upr_justice",
      "Children in contact with the law",
      "Enfants en contact avec la justice",
      "الأطفال المخالفون للقانون",
      ["37", "40"],
    ),
  ],
  // Articles 7, 16 and 17 of the revised European Social Charter: the provisions on children.
  ecsr: [
    section(
      "ecsr_art7",
      "Article 7 — protection of children and young persons at work",
      "Article 7 — protection des enfants et des adolescents au travail",
      "المادة 7 — حماية الأطفال والشباب في العمل",
      ["32"],
    ),
    section(
      "ecsr_art16",
      "Article 16 — protection of the family",
      "Article 16 — protection de la famille",
      "المادة 16 — حماية الأسرة",
      ["18", "27"],
    ),
    section(
      "ecsr_art17",
      "Article 17 — social, legal and economic protection of children",
      "Article 17 — protection sociale, juridique et économique des enfants",
      "المادة 17 — الحماية الاجتماعية والقانونية والاقتصادية للأطفال",
      ["19", "20", "28", "40"],
    ),
  ],
  // The chapters of the Istanbul Convention GREVIO evaluates, where they touch children.
  grevio: [
    section(
      "grevio_policies",
      "Integrated policies and data collection",
      "Politiques intégrées et collecte de données",
      "السياسات المتكاملة وجمع البيانات",
      ["4"],
    ),
    section("grevio_prevention", "Prevention", "Prévention", "الوقاية", ["19", "29"]),
    section(
      "grevio_protection",
      "Protection and support, children who witness violence",
      "Protection et soutien, enfants témoins de violence",
      "الحماية والدعم والأطفال الشهود على العنف",
      ["19", "39"],
    ),
    section(
      "grevio_law",
      "Substantive law, investigation and prosecution",
      "Droit matériel, enquêtes et poursuites",
      "القانون الموضوعي والتحقيق والملاحقة",
      ["19", "34", "37"],
    ),
  ],
  // The Lanzarote Convention's monitoring themes.
  lanzarote: [
    section(
      "lanzarote_prevention",
      "Prevention of sexual exploitation and abuse",
      "Prévention de l'exploitation et des abus sexuels",
      "الوقاية من الاستغلال والاعتداء الجنسيين",
      ["19", "34"],
    ),
    section(
      "lanzarote_circle_of_trust",
      "Abuse in the circle of trust",
      "Abus dans le cercle de confiance",
      "الاعتداء في دائرة الثقة",
      ["19", "34"],
    ),
    section(
      "lanzarote_ict",
      "Exploitation facilitated by information and communication technologies",
      "Exploitation facilitée par les technologies de l'information",
      "الاستغلال عبر تكنولوجيا المعلومات والاتصالات",
      ["34", "OPSC"],
    ),
    section(
      "lanzarote_child_friendly_justice",
      "Child-friendly procedures and support to victims",
      "Procédures adaptées aux enfants et soutien aux victimes",
      "إجراءات ملائمة للأطفال ودعم الضحايا",
      ["39", "40"],
    ),
  ],
  // The ACERWC's guidelines follow the African Charter's clusters, close to the CRC's.
  acerwc: [
    section(
      "acerwc_general_measures",
      "General measures of implementation",
      "Mesures générales d'application",
      "تدابير التنفيذ العامة",
      ["4", "42", "44"],
    ),
    section(
      "acerwc_principles",
      "Definition of the child and general principles",
      "Définition de l'enfant et principes généraux",
      "تعريف الطفل والمبادئ العامة",
      ["1", "2", "3", "6", "12"],
    ),
    section(
      "acerwc_civil_rights",
      "Civil rights and freedoms",
      "Droits civils et libertés",
      "الحقوق والحريات المدنية",
      ["7", "8", "13", "14", "15", "16", "17"],
    ),
    section(
      "acerwc_family",
      "Family environment and alternative care",
      "Milieu familial et protection de remplacement",
      "البيئة الأسرية والرعاية البديلة",
      ["5", "9", "18", "20", "21", "25", "27"],
    ),
    section(
      "acerwc_health_education",
      "Health, welfare and education",
      "Santé, bien-être et éducation",
      "الصحة والرفاه والتعليم",
      ["23", "24", "26", "28", "29", "31"],
    ),
    section(
      "acerwc_special_protection",
      "Special protection measures and harmful practices",
      "Mesures de protection spéciales et pratiques néfastes",
      "تدابير الحماية الخاصة والممارسات الضارة",
      ["19", "22", "32", "34", "37", "38", "40"],
    ),
  ],
};

/** Is `value` one of the outlines? */
export function isOutline(value: string): value is Outline {
  return (OUTLINES as readonly string[]).includes(value);
}

/**
 * The sections a report starts with: those of the outline, or for `custom` one section per title
 * given (keys `custom_1`, `custom_2`, … in their order, no articles: nothing to pre-fill).
 */
export function outlineSections(outline: Outline, customTitles: readonly string[] = []): ReportingCluster[] {
  if (outline !== "custom") return [...OUTLINE_SECTIONS[outline]];
  return customTitles.map((title, i) => ({ key: `custom_${i + 1}`, title: { en: title }, articles: [] }));
}

/** The outline a review's mechanism suggests (`crc` for a mechanism without its own). */
export function outlineForMechanism(mechanism: string | null | undefined): Outline {
  return mechanism && isOutline(mechanism) && mechanism !== "custom" ? mechanism : "crc";
}
