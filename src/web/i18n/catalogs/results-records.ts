/** Words for deleting plans and their parts, and for evidence files on findings and outcomes. */
export const resultsRecords = {
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
