import { IntlMessageFormat } from "intl-messageformat";
import { numberLocaleOf, uiLanguageOf } from "../i18n/translate.ts";

/** The tracking page's own words, in ICU MessageFormat; French and Arabic have the same keys. */
const en = {
  indexTitle: "Follow-up of UN recommendations",
  indexLead:
    "National coalitions' public assessments of how far their State has implemented what UN human rights mechanisms recommended.",
  title: "Follow-up of UN recommendations: {country}",
  lead: "How far {country} has implemented what UN human rights mechanisms recommended, as assessed by the national child-rights coalition. The government's own claims are shown separately.",
  published: "Version {version} · published {date}",
  notes: "About this version",
  skip: "Skip to main content",
  language: "Language",
  summary: "Implementation at a glance",
  summaryCaption: "Recommendations by the coalition's latest assessment",
  status: "Status",
  count: "Recommendations",
  share: "Share",
  total: "{count, plural, one {# recommendation} other {# recommendations}}",
  byArticle: "Recommendations by UNCRC article",
  article: "Article {article}",
  noArticle: "Not linked to a UNCRC article",
  coalition: "Coalition's assessment",
  government: "Government's claim",
  notAssessed: "Not assessed yet",
  position: "Position of the State",
  recommendedBy: "Recommended by",
  responsible: "Responsible institutions",
  due: "Due",
  evidence: "Evidence",
  themes: "Themes",
  sdg: "SDG targets",
  timeline: "Timeline",
  status_not_started: "Not started",
  status_in_progress: "In progress",
  status_partially_implemented: "Partially implemented",
  status_implemented: "Implemented",
  status_regressed: "Regressed",
  status_not_assessed: "Not assessed",
  position_supported: "Supported",
  position_supported_in_part: "Supported in part",
  position_noted: "Noted",
  position_voluntary_pledge: "Voluntary pledge",
  byCoalition: "coalition",
  byGovernment: "government",
  superseded: "A newer version of this publication exists.",
  download: "Download this publication as JSON",
  footer:
    "Published with Childmark, free software for child-rights coalitions. Recommendation texts: United Nations.",
  mechanism_crc: "Committee on the Rights of the Child",
  mechanism_upr: "Universal Periodic Review",
};
export type TrackingMessageKey = keyof typeof en;

const fr: Record<TrackingMessageKey, string> = {
  indexTitle: "Suivi des recommandations de l'ONU",
  indexLead:
    "Les évaluations publiques, par les coalitions nationales, de la mise en œuvre par leur État des recommandations des mécanismes des droits de l'homme de l'ONU.",
  title: "Suivi des recommandations de l'ONU : {country}",
  lead: "Dans quelle mesure {country} a mis en œuvre les recommandations des mécanismes des droits de l'homme de l'ONU, selon l'évaluation de la coalition nationale pour les droits de l'enfant. Les déclarations du gouvernement sont présentées à part.",
  published: "Version {version} · publiée le {date}",
  notes: "À propos de cette version",
  skip: "Aller au contenu principal",
  language: "Langue",
  summary: "La mise en œuvre en un coup d'œil",
  summaryCaption: "Recommandations selon la dernière évaluation de la coalition",
  status: "Statut",
  count: "Recommandations",
  share: "Part",
  total: "{count, plural, one {# recommandation} other {# recommandations}}",
  byArticle: "Recommandations par article de la CIDE",
  article: "Article {article}",
  noArticle: "Sans lien avec un article de la CIDE",
  coalition: "Évaluation de la coalition",
  government: "Déclaration du gouvernement",
  notAssessed: "Pas encore évaluée",
  position: "Position de l'État",
  recommendedBy: "Recommandée par",
  responsible: "Institutions responsables",
  due: "Échéance",
  evidence: "Preuves",
  themes: "Thèmes",
  sdg: "Cibles des ODD",
  timeline: "Chronologie",
  status_not_started: "Non commencée",
  status_in_progress: "En cours",
  status_partially_implemented: "Partiellement mise en œuvre",
  status_implemented: "Mise en œuvre",
  status_regressed: "En recul",
  status_not_assessed: "Non évaluée",
  position_supported: "Acceptée",
  position_supported_in_part: "Acceptée en partie",
  position_noted: "Notée",
  position_voluntary_pledge: "Engagement volontaire",
  byCoalition: "coalition",
  byGovernment: "gouvernement",
  superseded: "Une version plus récente de cette publication existe.",
  download: "Télécharger cette publication en JSON",
  footer:
    "Publié avec Childmark, logiciel libre pour les coalitions des droits de l'enfant. Textes des recommandations : Nations Unies.",
  mechanism_crc: "Comité des droits de l'enfant",
  mechanism_upr: "Examen périodique universel",
};

const ar: Record<TrackingMessageKey, string> = {
  indexTitle: "متابعة توصيات الأمم المتحدة",
  indexLead:
    "تقييمات الائتلافات الوطنية العلنية لمدى تنفيذ دولتها لما أوصت به آليات حقوق الإنسان التابعة للأمم المتحدة.",
  title: "متابعة توصيات الأمم المتحدة: {country}",
  lead: "مدى تنفيذ {country} لما أوصت به آليات حقوق الإنسان التابعة للأمم المتحدة، وفق تقييم الائتلاف الوطني لحقوق الطفل. وتُعرض ادعاءات الحكومة بشكل منفصل.",
  published: "الإصدار {version} · نُشر في {date}",
  notes: "حول هذا الإصدار",
  skip: "انتقل إلى المحتوى الرئيسي",
  language: "اللغة",
  summary: "التنفيذ في لمحة",
  summaryCaption: "التوصيات حسب آخر تقييم للائتلاف",
  status: "الحالة",
  count: "التوصيات",
  share: "النسبة",
  total:
    "{count, plural, zero {لا توصيات} one {توصية واحدة} two {توصيتان} few {# توصيات} many {# توصية} other {# توصية}}",
  byArticle: "التوصيات حسب مواد اتفاقية حقوق الطفل",
  article: "المادة {article}",
  noArticle: "غير مرتبطة بمادة من اتفاقية حقوق الطفل",
  coalition: "تقييم الائتلاف",
  government: "ادعاء الحكومة",
  notAssessed: "لم تُقيَّم بعد",
  position: "موقف الدولة",
  recommendedBy: "أوصت بها",
  responsible: "المؤسسات المسؤولة",
  due: "الموعد النهائي",
  evidence: "الأدلة",
  themes: "المواضيع",
  sdg: "غايات أهداف التنمية المستدامة",
  timeline: "التسلسل الزمني",
  status_not_started: "لم يبدأ",
  status_in_progress: "قيد التنفيذ",
  status_partially_implemented: "نُفذت جزئياً",
  status_implemented: "نُفذت",
  status_regressed: "تراجع",
  status_not_assessed: "لم تُقيَّم",
  position_supported: "مؤيدة",
  position_supported_in_part: "مؤيدة جزئياً",
  position_noted: "أُحيط بها علماً",
  position_voluntary_pledge: "تعهد طوعي",
  byCoalition: "الائتلاف",
  byGovernment: "الحكومة",
  superseded: "يوجد إصدار أحدث من هذا المنشور.",
  download: "تنزيل هذا المنشور بصيغة JSON",
  footer: "نُشر باستخدام Childmark، برنامج حر لائتلافات حقوق الطفل. نصوص التوصيات: الأمم المتحدة.",
  mechanism_crc: "لجنة حقوق الطفل",
  mechanism_upr: "الاستعراض الدوري الشامل",
};

const catalogs = { en, fr, ar } as const;
const formatters = new Map<string, IntlMessageFormat>();

/** A tracking page message in the page's language (English when there is no catalogue for it). */
export function trackingMessage(
  lang: string,
  key: TrackingMessageKey,
  vars: Record<string, string | number> = {},
): string {
  const ui = uiLanguageOf(lang);
  const id = `${ui}\u0000${key}`;
  let formatter = formatters.get(id);
  if (!formatter) {
    formatter = new IntlMessageFormat(catalogs[ui][key], numberLocaleOf(ui));
    formatters.set(id, formatter);
  }
  return String(formatter.format(vars));
}

/** Whether a message exists (statuses, positions and mechanisms come from data). */
export function hasTrackingMessage(key: string): key is TrackingMessageKey {
  return key in en;
}
