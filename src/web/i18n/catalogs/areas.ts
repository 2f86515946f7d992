import type { Catalog } from "../catalog.ts";

/** Words of the assessments of areas below the country (regions, districts …) and their scores. */
const en = {
  arTitle: "Assessments of the areas",
  arNoCycle: "This country takes part in no assessment cycle yet: its areas can be assessed once it does.",
  arCycle: "Cycle",
  arCountryAssessment: "The country's own assessment:",
  arAssessmentsCaption: "Assessments of the areas, {cycle}",
  arColArea: "Area",
  arColStatus: "Assessment",
  arColCompletion: "Completion",
  arColRank: "Rank in its level",
  arColSource: "Scored from",
  arStart: "Start an assessment",
  arStartFor: "Start an assessment of {area}",
  arStarting: "Starting…",
  arNotAssessed: "Not assessed",
  arScoresTitle: "Scores of the areas",
  arScoresLead:
    "Working figures from the areas' assessments, whatever their status. An assessed area is scored like a country; an area above them without an assessment of its own takes the mean of the areas directly below it. Ranks compare the areas of one level. Only validated assessments are published with the cycle's release.",
  arScoresCaption: "Scores of the areas, {cycle}",
  arNoScores: "No area has answers in this cycle yet.",
  arAssessed: "Its own assessment",
  arRolledUp: "{count, plural, one {The area below it} other {The # areas below it}}",
  "alAction_assessment.area-started": "Started the assessment of an area",
};

const fr: Record<keyof typeof en, string> = {
  arTitle: "Évaluations des zones",
  arNoCycle:
    "Ce pays ne participe encore à aucun cycle d’évaluation : ses zones pourront être évaluées dès qu’il y participera.",
  arCycle: "Cycle",
  arCountryAssessment: "L’évaluation du pays :",
  arAssessmentsCaption: "Évaluations des zones, {cycle}",
  arColArea: "Zone",
  arColStatus: "Évaluation",
  arColCompletion: "Avancement",
  arColRank: "Rang dans son niveau",
  arColSource: "Calculé à partir de",
  arStart: "Commencer une évaluation",
  arStartFor: "Commencer une évaluation de {area}",
  arStarting: "Création…",
  arNotAssessed: "Non évaluée",
  arScoresTitle: "Scores des zones",
  arScoresLead:
    "Chiffres de travail tirés des évaluations des zones, quel que soit leur statut. Une zone évaluée est notée comme un pays ; une zone de niveau supérieur sans évaluation propre reçoit la moyenne des zones situées directement en dessous. Les rangs comparent les zones d’un même niveau. Seules les évaluations validées sont publiées avec l’édition du cycle.",
  arScoresCaption: "Scores des zones, {cycle}",
  arNoScores: "Aucune zone n’a encore de réponses dans ce cycle.",
  arAssessed: "Sa propre évaluation",
  arRolledUp: "{count, plural, one {La zone située en dessous} other {Les # zones situées en dessous}}",
  "alAction_assessment.area-started": "Évaluation d’une zone commencée",
};

const ar: Record<keyof typeof en, string> = {
  arTitle: "تقييمات المناطق",
  arNoCycle: "لا يشارك هذا البلد بعد في أي دورة تقييم: يمكن تقييم مناطقه حين يشارك.",
  arCycle: "الدورة",
  arCountryAssessment: "تقييم البلد نفسه:",
  arAssessmentsCaption: "تقييمات المناطق، {cycle}",
  arColArea: "المنطقة",
  arColStatus: "التقييم",
  arColCompletion: "نسبة الإنجاز",
  arColRank: "الترتيب في مستواها",
  arColSource: "مصدر الدرجة",
  arStart: "بدء تقييم",
  arStartFor: "بدء تقييم {area}",
  arStarting: "جارٍ البدء…",
  arNotAssessed: "غير مقيَّمة",
  arScoresTitle: "درجات المناطق",
  arScoresLead:
    "أرقام عمل مأخوذة من تقييمات المناطق أيًّا كانت حالتها. تُحسب درجة المنطقة المقيَّمة كما تُحسب درجة البلد؛ أما المنطقة الأعلى التي لا تقييم لها فتأخذ متوسط المناطق التي تليها مباشرة. يقارن الترتيب بين مناطق المستوى الواحد. لا تُنشر مع إصدار الدورة إلا التقييمات المعتمدة.",
  arScoresCaption: "درجات المناطق، {cycle}",
  arNoScores: "لا توجد بعد إجابات لأي منطقة في هذه الدورة.",
  arAssessed: "تقييمها الخاص",
  arRolledUp:
    "{count, plural, zero {لا مناطق تحتها} one {المنطقة التي تليها} two {المنطقتان اللتان تليانها} few {المناطق الـ# التي تليها} many {المناطق الـ# التي تليها} other {المناطق الـ# التي تليها}}",
  "alAction_assessment.area-started": "بدء تقييم منطقة",
};

export const areas: Catalog<typeof en> = { en, fr, ar };
