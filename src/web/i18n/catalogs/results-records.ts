import type { Catalog } from "../catalog.ts";

/** Words for deleting plans and their parts, and for evidence files on findings and outcomes. */
const en = {
  rdDeleteTitle: "Delete",
  rdDeleteLead:
    "Delete what was added by mistake. An approved plan is locked: reopen it first. The audit log keeps a record of each deletion.",
  rdWhat: "Node or indicator",
  rdDeletePart: "Delete the selected node or indicator",
  rdDeletePlan: "Delete the whole plan",
  rdConfirm: "Delete",
  rdPlanQuestion: "Delete this plan?",
  rdPlanBody:
    "“{title}” will be deleted with its {nodes, plural, one {# node} other {# nodes}}, {indicators, plural, one {# indicator} other {# indicators}} and all their targets, actuals and history, its evaluations and its outcomes. This cannot be undone.",
  rdNodeQuestion: "Delete this node?",
  rdNodeBody:
    "“{label}” will be deleted with the {nodes, plural, =0 {} one {# node below it, } other {# nodes below it, }}{indicators, plural, =0 {no indicator} one {# indicator} other {# indicators}} and their targets, actuals and history. This cannot be undone.",
  rdIndicatorQuestion: "Delete this indicator?",
  rdIndicatorBody:
    "“{label}” will be deleted with its targets, actuals and their history. This cannot be undone.",
  rdEvaluationDelete: "Delete the evaluation",
  rdEvaluationQuestion: "Delete this evaluation?",
  rdEvaluationBody:
    "“{title}” will be deleted with its findings, recommendations, their follow-up history and its files. This cannot be undone.",
  rdOutcomeDelete: "Delete",
  rdOutcomeQuestion: "Delete this outcome?",
  rdOutcomeBody: "“{title}” will be deleted with its links to recommendations and its files.",
  rdFiles: "Files",
  rdAttach: "Attach a file",
  rdAttachHint: "PDF, Word, Excel or an image, at most 20 MB.",
  rdUploading: "Uploading…",
  rdRemoveFile: "Remove {name}",
};

const fr: Record<keyof typeof en, string> = {
  rdDeleteTitle: "Supprimer",
  rdDeleteLead:
    "Supprimez ce qui a été ajouté par erreur. Un plan approuvé est verrouillé : rouvrez-le d’abord. Le journal d’audit garde la trace de chaque suppression.",
  rdWhat: "Nœud ou indicateur",
  rdDeletePart: "Supprimer le nœud ou l’indicateur choisi",
  rdDeletePlan: "Supprimer tout le plan",
  rdConfirm: "Supprimer",
  rdPlanQuestion: "Supprimer ce plan ?",
  rdPlanBody:
    "« {title} » sera supprimé avec {nodes, plural, one {# nœud} other {# nœuds}}, {indicators, plural, one {# indicateur} other {# indicateurs}} et toutes leurs cibles, valeurs réelles et leur historique, ses évaluations et ses résultats de plaidoyer. C’est définitif.",
  rdNodeQuestion: "Supprimer ce nœud ?",
  rdNodeBody:
    "« {label} » sera supprimé avec {nodes, plural, =0 {} one {# nœud en dessous, } other {# nœuds en dessous, }}{indicators, plural, =0 {aucun indicateur} one {# indicateur} other {# indicateurs}} et leurs cibles, valeurs réelles et historique. C’est définitif.",
  rdIndicatorQuestion: "Supprimer cet indicateur ?",
  rdIndicatorBody:
    "« {label} » sera supprimé avec ses cibles, ses valeurs réelles et leur historique. C’est définitif.",
  rdEvaluationDelete: "Supprimer l’évaluation",
  rdEvaluationQuestion: "Supprimer cette évaluation ?",
  rdEvaluationBody:
    "« {title} » sera supprimée avec ses constats, ses recommandations, leur suivi et ses fichiers. C’est définitif.",
  rdOutcomeDelete: "Supprimer",
  rdOutcomeQuestion: "Supprimer ce résultat ?",
  rdOutcomeBody: "« {title} » sera supprimé avec ses liens aux recommandations et ses fichiers.",
  rdFiles: "Fichiers",
  rdAttach: "Joindre un fichier",
  rdAttachHint: "PDF, Word, Excel ou une image, 20 Mo au plus.",
  rdUploading: "Envoi…",
  rdRemoveFile: "Retirer {name}",
};

const ar: Record<keyof typeof en, string> = {
  rdDeleteTitle: "حذف",
  rdDeleteLead: "احذف ما أضيف خطأً. الخطة المعتمدة مقفلة: أعد فتحها أولاً. يحتفظ سجل التدقيق بأثر كل حذف.",
  rdWhat: "العقدة أو المؤشر",
  rdDeletePart: "حذف العقدة أو المؤشر المختار",
  rdDeletePlan: "حذف الخطة كلها",
  rdConfirm: "حذف",
  rdPlanQuestion: "حذف هذه الخطة؟",
  rdPlanBody:
    "ستُحذف «{title}» مع {nodes, plural, zero {# عقدة} one {عقدة واحدة} two {عقدتين} few {# عقد} many {# عقدةً} other {# عقدة}} و{indicators, plural, zero {# مؤشر} one {مؤشر واحد} two {مؤشرين} few {# مؤشرات} many {# مؤشرًا} other {# مؤشر}} وكل قيمها المستهدفة والفعلية وسجلها، وتقييماتها ونتائجها. لا يمكن التراجع عن ذلك.",
  rdNodeQuestion: "حذف هذه العقدة؟",
  rdNodeBody:
    "ستُحذف «{label}» مع {nodes, plural, =0 {} one {عقدة واحدة تحتها، } two {عقدتين تحتها، } few {# عقد تحتها، } many {# عقدةً تحتها، } other {# عقدة تحتها، }}{indicators, plural, =0 {لا مؤشرات} one {مؤشر واحد} two {مؤشرين} few {# مؤشرات} many {# مؤشرًا} other {# مؤشر}} وقيمها المستهدفة والفعلية وسجلها. لا يمكن التراجع عن ذلك.",
  rdIndicatorQuestion: "حذف هذا المؤشر؟",
  rdIndicatorBody: "سيُحذف «{label}» مع قيمه المستهدفة والفعلية وسجلها. لا يمكن التراجع عن ذلك.",
  rdEvaluationDelete: "حذف التقييم",
  rdEvaluationQuestion: "حذف هذا التقييم؟",
  rdEvaluationBody: "سيُحذف «{title}» مع نتائجه وتوصياته وسجل متابعتها وملفاته. لا يمكن التراجع عن ذلك.",
  rdOutcomeDelete: "حذف",
  rdOutcomeQuestion: "حذف هذه النتيجة؟",
  rdOutcomeBody: "ستُحذف «{title}» مع روابطها بالتوصيات وملفاتها.",
  rdFiles: "الملفات",
  rdAttach: "إرفاق ملف",
  rdAttachHint: "PDF أو Word أو Excel أو صورة، 20 ميغابايت على الأكثر.",
  rdUploading: "جارٍ الرفع…",
  rdRemoveFile: "إزالة {name}",
};

export const resultsRecords: Catalog<typeof en> = { en, fr, ar };
