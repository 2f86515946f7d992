import { messageFormatter } from "../i18n/translate.ts";

/** The public plan pages' own words, in ICU MessageFormat; French and Arabic have the same keys. */
const en = {
  indexTitle: "Strategic plans",
  indexLead:
    "Organisations' approved strategic plans with their targets and the results reported against them, period by period.",
  none: "No organisation publishes a plan yet.",
  planLead:
    "The approved results framework of {organisation}: targets and reported actuals, and progress rolled up the tree.",
  approved: "Approved {date}",
  skip: "Skip to main content",
  language: "Language",
  allPlans: "All published plans",
  period: "Period",
  periods: "{count, plural, one {# period} other {# periods}}",
  progressIn: "Progress in {period}",
  noData: "No data",
  band_on_track: "On track",
  band_some_progress: "Some progress",
  band_off_track: "Off track",
  band_no_data: "No data",
  measured: "{measured} of {count} indicators measured",
  indicator: "Indicator",
  baseline: "Baseline",
  target: "Target",
  actual: "Actual",
  achievement: "Achievement",
  notReported: "Not reported",
  chartTitle: "{code}: target and actual by period",
  valuesCaption: "{code}: targets and actuals by period",
  breakdownCaption: "{code}: actual in {period} by {category}",
  footer:
    "Published with Childmark, free software for child-rights coalitions. Figures as reported by the organisation.",
  download: "This plan as JSON",
  notFoundTitle: "No such published plan",
  notFoundLead:
    "This plan is not published, or the address is wrong. The published plans are listed on the plans page.",
  notBrokenDown: "Not broken down",
  brokenDownOver: "Breakdown above the total by",
};

const fr: typeof en = {
  indexTitle: "Plans stratégiques",
  indexLead:
    "Les plans stratégiques approuvés des organisations, avec leurs cibles et les résultats déclarés, période par période.",
  none: "Aucune organisation ne publie encore de plan.",
  planLead:
    "Le cadre de résultats approuvé de {organisation} : cibles, valeurs réelles déclarées et avancement agrégé dans l'arbre.",
  approved: "Approuvé le {date}",
  skip: "Aller au contenu principal",
  language: "Langue",
  allPlans: "Tous les plans publiés",
  period: "Période",
  periods: "{count, plural, one {# période} other {# périodes}}",
  progressIn: "Avancement en {period}",
  noData: "Pas de données",
  band_on_track: "En bonne voie",
  band_some_progress: "Quelques progrès",
  band_off_track: "En retard",
  band_no_data: "Pas de données",
  measured: "{measured} indicateurs mesurés sur {count}",
  indicator: "Indicateur",
  baseline: "Référence",
  target: "Cible",
  actual: "Réel",
  achievement: "Réalisation",
  notReported: "Non déclaré",
  chartTitle: "{code} : cible et réel par période",
  valuesCaption: "{code} : cibles et valeurs réelles par période",
  breakdownCaption: "{code} : valeur réelle en {period} par {category}",
  footer:
    "Publié avec Childmark, logiciel libre pour les coalitions des droits de l'enfant. Chiffres déclarés par l'organisation.",
  download: "Ce plan en JSON",
  notFoundTitle: "Aucun plan publié à cette adresse",
  notFoundLead:
    "Ce plan n'est pas publié, ou l'adresse est erronée. Les plans publiés sont listés sur la page des plans.",
  notBrokenDown: "Non ventilé",
  brokenDownOver: "Ventilation supérieure au total de",
};

const ar: typeof en = {
  indexTitle: "الخطط الاستراتيجية",
  indexLead: "الخطط الاستراتيجية المعتمدة للمنظمات، بقيمها المستهدفة والنتائج المبلغ عنها، فترة بعد فترة.",
  none: "لا تنشر أي منظمة خطة بعد.",
  planLead:
    "إطار النتائج المعتمد لـ {organisation}: القيم المستهدفة والفعلية المبلغ عنها، والتقدم المجمّع في الشجرة.",
  approved: "اعتُمدت في {date}",
  skip: "الانتقال إلى المحتوى الرئيسي",
  language: "اللغة",
  allPlans: "كل الخطط المنشورة",
  period: "الفترة",
  periods: "{count, plural, one {فترة واحدة} two {فترتان} few {# فترات} many {# فترة} other {# فترة}}",
  progressIn: "التقدم في {period}",
  noData: "لا توجد بيانات",
  band_on_track: "على المسار",
  band_some_progress: "بعض التقدم",
  band_off_track: "خارج المسار",
  band_no_data: "لا توجد بيانات",
  measured: "{measured} من {count} مؤشرات مقيسة",
  indicator: "المؤشر",
  baseline: "خط الأساس",
  target: "المستهدف",
  actual: "الفعلي",
  achievement: "الإنجاز",
  notReported: "لم يُبلغ عنه",
  chartTitle: "{code}: المستهدف والفعلي حسب الفترة",
  valuesCaption: "{code}: القيم المستهدفة والفعلية حسب الفترة",
  breakdownCaption: "{code}: القيمة الفعلية في {period} حسب {category}",
  footer: "نُشر باستخدام Childmark، برنامج حر لائتلافات حقوق الطفل. الأرقام كما أبلغت عنها المنظمة.",
  download: "هذه الخطة بصيغة JSON",
  notFoundTitle: "لا توجد خطة منشورة بهذا العنوان",
  notFoundLead: "هذه الخطة غير منشورة أو أن العنوان خاطئ. الخطط المنشورة مدرجة في صفحة الخطط.",
  notBrokenDown: "غير موزَّع",
  brokenDownOver: "يزيد التوزيع على المجموع بمقدار",
};

export type PlanMessageKey = keyof typeof en;

/** A public plan page message in the page's language. */
export const planMessage = messageFormatter<PlanMessageKey>({ en, fr, ar });
