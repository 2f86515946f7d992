import type { Catalog } from "../catalog.ts";

/** Words of "what children said" in the workspace and of the child-friendly results page. */
const en = {
  cvTitle: "What children said · not scored",
  cvLine: "{share} of {count} children in this country agreed",
  cvLineAll:
    "{share} of {count} children agreed (all countries together: this country's group is not shown on its own)",
  cvSource:
    "{title} ({organisation}), closed {date}; ages {bands}. A different kind of evidence from your answer; groups under {threshold} children are never shown.",
  cvReports: "Report of the results",
  cvReportPdf: "PDF ({language})",
  cvReportDocx: "Word ({language})",
  cvChildResults: "Results page for the children who took part",
  cvChildResultsNote:
    "Share this link with the children: it opens once the consultation is closed and its results are public.",
  cvWrote: "{count} children wrote an answer (all countries together)",
  cvQuotes: "In the children's own words (approved by a moderator)",
};

const fr: Record<keyof typeof en, string> = {
  cvTitle: "Ce que les enfants ont dit · non noté",
  cvLine: "{share} des {count} enfants de ce pays sont d'accord",
  cvLineAll:
    "{share} des {count} enfants sont d'accord (tous les pays ensemble : le groupe de ce pays n'est pas montré seul)",
  cvSource:
    "{title} ({organisation}), close le {date} ; âges {bands}. Une autre sorte de preuve que votre réponse ; les groupes de moins de {threshold} enfants ne sont jamais montrés.",
  cvReports: "Rapport des résultats",
  cvReportPdf: "PDF ({language})",
  cvReportDocx: "Word ({language})",
  cvChildResults: "Page des résultats pour les enfants qui ont participé",
  cvChildResultsNote:
    "Partagez ce lien avec les enfants : il s'ouvre une fois la consultation close et ses résultats publics.",
  cvWrote: "{count} enfants ont écrit une réponse (tous les pays ensemble)",
  cvQuotes: "Dans les mots des enfants (approuvés par un modérateur)",
};

const ar: Record<keyof typeof en, string> = {
  cvTitle: "ما قاله الأطفال · لا يدخل في الدرجة",
  cvLine: "وافق {share} من {count} طفلًا في هذا البلد",
  cvLineAll: "وافق {share} من {count} طفلًا (جميع البلدان معًا: مجموعة هذا البلد لا تُعرض وحدها)",
  cvSource:
    "{title} ({organisation})، أُغلقت في {date}؛ الأعمار {bands}. نوع مختلف من الأدلة عن إجابتك؛ لا تُعرض أبدًا المجموعات التي تضم أقل من {threshold} أطفال.",
  cvReports: "تقرير النتائج",
  cvReportPdf: "PDF ({language})",
  cvReportDocx: "Word ({language})",
  cvChildResults: "صفحة النتائج للأطفال الذين شاركوا",
  cvChildResultsNote: "شارك هذا الرابط مع الأطفال: يُفتح بعد إغلاق الاستشارة ونشر نتائجها.",
  cvWrote: "كتب {count} طفلًا إجابة (جميع البلدان معًا)",
  cvQuotes: "بكلمات الأطفال أنفسهم (وافق عليها مشرف)",
};

export const childrenVoice: Catalog<typeof en> = { en, fr, ar };
