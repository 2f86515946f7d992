/** Words of "what children said" in the workspace and of the child-friendly results page. */
export const childrenVoice = {
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
