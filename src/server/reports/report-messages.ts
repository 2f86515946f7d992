import { IntlMessageFormat } from "intl-messageformat";

/*
 * Words of the printed reports that the portal's pages do not have. English is complete; a
 * language without a word falls back to English.
 */
const en = {
  contents: "Contents",
  summaryTitle: "Summary",
  pageOf: "Page {page} of {total}",
  preparedFor: "Country report for decision makers",
  preparedForRegional: "Regional report for decision makers",
  coverRelease: "Release {slug}",
  coverPublished: "Published {date}",
  answersTitle: "Answers and their sources",
  answersLead:
    "Every published answer of {country}, by section: the answer, a comment where it does not apply, and the sources cited as evidence.",
  answersSection: "{section} ({count} indicators)",
  question: "Question",
  answer: "Answer",
  sourcesColumn: "Sources",
  noSource: "No source cited",
  notApplicableBecause: "Not applicable: {reason}",
  answersOverviewTitle: "Answers and sources by country",
  answersOverviewLead:
    "How many indicators each country answered and how many answers cite a source. Each country's answers and sources are in its country report and in the answers CSV of the release.",
  answeredColumn: "Answered",
  withSources: "With a source",
  sourcesCount: "Sources cited",
  rankingChartTitle: "Overall score by country",
  annexTitle: "Annex: Methodology",
  annexLead:
    "How the scores of this report are computed. Every figure comes from the published release {slug}; nothing unpublished is shown.",
  structureTitle: "Structure of the index",
  indicatorsInSection: "{count} indicators",
  citeTitle: "How to cite this report",
  childrenRule:
    "How the children are protected: a group of fewer than {threshold} children is never shown, in any breakdown, and where a hidden group could be worked out from the totals another group is hidden with it. Only words a moderator approved are quoted; no child can be identified.",
  childrenQuotes: "In the children's own words (approved by a moderator)",
  childrenBeside:
    "Children's voice, not scored: {share} agreed ({count, plural, one {# child} other {# children}})",
  childrenBesideCount:
    "Children's voice, not scored: {count, plural, one {# child answered} other {# children answered}}",
} as const;

export type ReportMessageKey = keyof typeof en;

const fr: Partial<Record<ReportMessageKey, string>> = {
  contents: "Table des matières",
  summaryTitle: "Synthèse",
  pageOf: "Page {page} sur {total}",
  preparedFor: "Rapport pays à l'intention des décideurs",
  preparedForRegional: "Rapport régional à l'intention des décideurs",
  coverRelease: "Publication {slug}",
  coverPublished: "Publié le {date}",
  answersTitle: "Réponses et sources",
  answersLead:
    "Chaque réponse publiée pour {country}, par section : la réponse, un commentaire lorsqu'elle ne s'applique pas, et les sources citées comme preuves.",
  answersSection: "{section} ({count} indicateurs)",
  question: "Question",
  answer: "Réponse",
  sourcesColumn: "Sources",
  noSource: "Aucune source citée",
  notApplicableBecause: "Sans objet : {reason}",
  answersOverviewTitle: "Réponses et sources par pays",
  answersOverviewLead:
    "Le nombre d'indicateurs renseignés par chaque pays et le nombre de réponses citant une source. Les réponses et sources de chaque pays figurent dans son rapport pays et dans le CSV des réponses de la publication.",
  answeredColumn: "Renseignés",
  withSources: "Avec une source",
  sourcesCount: "Sources citées",
  rankingChartTitle: "Score global par pays",
  annexTitle: "Annexe : méthodologie",
  annexLead:
    "Comment les scores de ce rapport sont calculés. Chaque chiffre provient de la publication {slug} ; rien de non publié n'y figure.",
  structureTitle: "Structure de l'indice",
  indicatorsInSection: "{count} indicateurs",
  citeTitle: "Comment citer ce rapport",
  childrenRule:
    "Comment les enfants sont protégés : un groupe de moins de {threshold} enfants n'est jamais montré, dans aucune ventilation, et lorsqu'un groupe masqué pourrait être déduit des totaux, un autre groupe est masqué avec lui. Seuls les mots approuvés par un modérateur sont cités ; aucun enfant ne peut être identifié.",
  childrenQuotes: "Dans les mots des enfants (approuvés par un modérateur)",
  childrenBeside:
    "Voix des enfants, non notée : {share} d'accord ({count, plural, one {# enfant} other {# enfants}})",
  childrenBesideCount:
    "Voix des enfants, non notée : {count, plural, one {# enfant a répondu} other {# enfants ont répondu}}",
};

const ar: Partial<Record<ReportMessageKey, string>> = {
  contents: "المحتويات",
  summaryTitle: "الملخص",
  pageOf: "الصفحة {page} من {total}",
  preparedFor: "تقرير قُطري لصانعي القرار",
  preparedForRegional: "تقرير إقليمي لصانعي القرار",
  coverRelease: "الإصدار {slug}",
  coverPublished: "نُشر في {date}",
  answersTitle: "الإجابات ومصادرها",
  answersLead:
    "كل إجابة منشورة لـ{country}، حسب القسم: الإجابة، وتعليق عندما لا تنطبق، والمصادر المذكورة كأدلة.",
  answersSection: "{section} ({count} مؤشرات)",
  question: "السؤال",
  answer: "الإجابة",
  sourcesColumn: "المصادر",
  noSource: "لم يُذكر مصدر",
  notApplicableBecause: "لا ينطبق: {reason}",
  answersOverviewTitle: "الإجابات والمصادر حسب البلد",
  answeredColumn: "مُجاب عنها",
  withSources: "مع مصدر",
  sourcesCount: "المصادر المذكورة",
  rankingChartTitle: "الدرجة الإجمالية حسب البلد",
  annexTitle: "ملحق: المنهجية",
  structureTitle: "بنية المؤشر",
  indicatorsInSection: "{count} مؤشرات",
  citeTitle: "كيفية الاستشهاد بهذا التقرير",
  childrenRule:
    "كيف يُحمى الأطفال: لا تُعرض أبدًا أي مجموعة تضم أقل من {threshold} طفلًا، في أي تصنيف، وإذا أمكن استنتاج مجموعة مخفية من المجاميع تُخفى معها مجموعة أخرى. لا يُقتبس إلا ما وافق عليه مشرف؛ ولا يمكن التعرف على أي طفل.",
  childrenQuotes: "بكلمات الأطفال أنفسهم (وافق عليها مشرف)",
  childrenBeside:
    "صوت الأطفال، غير محتسب في الدرجات: وافق {share} ({count, plural, zero {لا أطفال} one {طفل واحد} two {طفلان} few {# أطفال} many {# طفلًا} other {# طفل}})",
  childrenBesideCount:
    "صوت الأطفال، غير محتسب في الدرجات: {count, plural, zero {لم يُجب أي طفل} one {أجاب طفل واحد} two {أجاب طفلان} few {أجاب # أطفال} many {أجاب # طفلًا} other {أجاب # طفل}}",
};

const catalogs: Record<string, Partial<Record<ReportMessageKey, string>>> = { en, fr, ar };

/** A report's word in `lang` (English when that language lacks it), with its variables filled in. */
export function reportText(
  lang: string,
  key: ReportMessageKey,
  vars: Record<string, string | number> = {},
): string {
  const base = lang.split("-")[0]!.toLowerCase();
  const pattern = catalogs[base]?.[key] ?? en[key];
  return String(new IntlMessageFormat(pattern, base).format(vars));
}
