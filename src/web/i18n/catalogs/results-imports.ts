/**
 * Problems of a results import, by the code the server gives (with its parameters), and the
 * words of the IATI update of a plan. The server also sends each problem in English, which
 * the page shows for a code it does not know.
 */
export const resultsImports = {
  rsImp_sheetMissing: "The sheet is missing: export the plan again and fill that workbook.",
  rsImp_columnUnknown: "Unknown column “{field}”.",
  rsImp_columnMissing: "The column “{field}” is missing.",
  rsImp_invalid: "{field}: not accepted ({detail}).",
  rsImp_notNumber: "{field} must be a number (found “{found}”).",
  rsImp_badLink: "Not a link as exported: leave it as it was.",
  rsImp_kindUnknown: "Write target or actual (found “{found}”).",
  rsImp_required: "{field} must be filled in.",
  rsImp_sectionUnknown: "“{found}” is not one of title, level, period, category, category value.",
  rsImp_categoryValueOrphan: "“{key}” must be category=value, after its category's row.",
  rsImp_editOnly:
    "You may enter actuals only: changing the plan, its tree, indicators or targets needs the right to edit the plan.",
  rsImp_stillUsed: "The plan still uses what this change removes ({detail}).",
  rsImp_duplicateCode: "The code {code} is also on row {row}.",
  rsImp_duplicateValue: "This value is also on row {row}.",
  rsImp_parentUnknown: "No node {code} in the plan or the sheet.",
  rsImp_nodeUnknown: "No node {code} in the plan or the sheet.",
  rsImp_indicatorUnknown: "No indicator {code} in the plan or the sheet.",
  rsImp_periodUnknown: "“{period}” is not a period of this plan.",
  rsImp_levelUnknown: "“{level}” is not a level of this plan.",
  rsImp_levelUnder: "A “{level}” cannot sit under a “{parent}”.",
  rsImp_cycle: "A node cannot sit under itself or one of its children.",
  rsImp_categoryUnknown: "Categories {keys} are not defined in this plan.",
  rsImp_linkNarrative: "A narrative indicator cannot be linked.",
  rsImp_targetsLocked: "The plan is approved: its targets are locked until it is reopened.",
  rsImp_structureLocked:
    "The plan is approved: nothing can be added to its tree, and a node's place or an indicator's definition cannot change, until it is reopened (texts, people and dates can).",
  rsImp_linkedActual: "The actual of {indicator} is read from its link, not entered.",
  rsImp_valueNarrative: "{indicator} is a narrative indicator: write the text in the narrative column.",
  rsImp_valuePercentage: "{indicator} is a percentage, between 0 and 100 (found {value}).",
  rsImp_valueScale: "{indicator} is on a scale from {min} to {max} (found {value}).",
  rsImp_breakdown: "The breakdown of {indicator} does not fit the total: {details}.",
  rsImp_conflict:
    "Conflict: {by} changed this value after the export (now version {version}, value {value}); it was not overwritten.",
  rsIati_noResults: "No activity of the file has results ({activities} activities read).",
  rsIati_noTitle: "The indicator has no title.",
  rsIati_measureUnknown:
    "Measure “{measure}” is not an IATI indicator measure (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative).",
  rsIati_notNumber: "“{found}” is not a number.",
  rsIati_notPercentage: "“{found}” is not a number (a percentage such as 95 or 95%).",
  rsIati_notFinite: "“{found}” is not a finite number.",
  rsIati_percentageRange: "“{found}” is not between 0 and 100.",
  rsIati_baselineYear: "The year “{year}” is not a year.",
  rsIati_periodDates:
    "A period needs a start date and an end date, the start first (found “{start}” and “{end}”).",
  rsIati_periodTwice: "The indicator has this period twice.",
  rsIati_manyValues: "{count} values without dimension: give one.",
  rsIati_resultNotInPlan:
    "A result of the activity exported from this plan is not in the plan: import it as a new plan.",
  rsIati_invalid: "Not accepted ({detail}).",
  rsIati_more: "… and {count} more.",
  rsIatiAtActivity: "activity “{id}”",
  rsIatiAtNode: "node {code}",
  rsIatiAtIndicator: "indicator “{name}”",
  rsIatiAtPeriod: "period {period}",
  rsIatiAtValue: "{value, select, baseline {baseline} target {target} other {actual}}",
  rsIatiAtBy: "by {by}",
  rsIatiAtSeparator: ", ",
  rsIatiAtProblem: "{place}: {text}",
  rsIatiMerge: "Update from an IATI file",
  rsIatiMergeTitle: "Update this plan from an IATI file",
  rsIatiMergeLead:
    "Reads the results of an IATI activity file and compares them with this plan: results and indicators already imported (or exported from here) are matched, new ones added, values updated. Nothing is written until you apply; the parts of the plan that are not in the file stay as they are.",
  rsIatiMergeSummary:
    "{added} to add, {changed} to change, {unchanged} already as in the plan; {left} parts of the plan not in the file are left as they are.",
  rsIatiMergeNothing: "The file changes nothing in this plan.",
  rsIatiMergeCaption: "What the file changes in the plan",
  rsIatiMergeProblems:
    "{count, plural, one {# problem: nothing can be imported} other {# problems: nothing can be imported}}",
  rsIatiMergeAction: "{action, select, add {Add} other {Change}}",
  rsIatiMergeApply: "{count, plural, one {Apply # change} other {Apply # changes}}",
  rsIatiMergeApplied:
    "{count, plural, one {# change from the IATI file applied.} other {# changes from the IATI file applied.}}",
};
