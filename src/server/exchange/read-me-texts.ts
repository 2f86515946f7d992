/**
 * The words of the "read me" sheet in the languages the workspace speaks;
 * other languages fall back to English. Column headers stay in English
 * because the importer finds columns by them.
 */
export interface ReadMeTexts {
  title: string;
  country: string;
  cycle: string;
  period: string;
  deadline: string;
  status: string;
  exported: string;
  noDeadline: string;
  howTo: string;
  steps: string[];
}

const EN: ReadMeTexts = {
  title: "Offline answers",
  country: "country",
  cycle: "cycle",
  period: "period",
  deadline: "deadline",
  status: "status",
  exported: "exported",
  noDeadline: "none",
  howTo: "How to fill this workbook",
  steps: [
    'Answer in the "answers" sheet: one row per indicator, in the order of the framework.',
    'Fill only the "value" and "justification" columns (white cells); the other columns are there to help you.',
    "Checklist indicators take yes, partially, no or na; pick them from the drop-down list. Number and percentage indicators take a number.",
    '"na" (not applicable) needs a justification.',
    "Leave a value empty to keep the indicator unanswered; emptying a stored value clears it.",
    'Do not edit the "version" column: it tells Childmark which answer you started from. If someone changed an answer online since this export, the import reports a conflict instead of overwriting their work.',
    "Do not add, remove or duplicate rows. Evidence files are added in the online workspace.",
    "Import the file in the workspace: it is checked first, every problem is listed with its row and column, and nothing is saved until every row is valid.",
  ],
};

const FR: ReadMeTexts = {
  title: "Réponses hors ligne",
  country: "pays",
  cycle: "cycle",
  period: "période",
  deadline: "échéance",
  status: "statut",
  exported: "exporté le",
  noDeadline: "aucune",
  howTo: "Comment remplir ce classeur",
  steps: [
    "Répondez dans la feuille « answers » : une ligne par indicateur, dans l'ordre du cadre.",
    "Remplissez seulement les colonnes « value » et « justification » (cellules blanches) ; les autres colonnes sont là pour vous aider.",
    "Les indicateurs de type liste de contrôle prennent yes, partially, no ou na ; choisissez-les dans la liste déroulante. Les indicateurs numériques et les pourcentages prennent un nombre.",
    "« na » (sans objet) exige une justification.",
    "Laissez une valeur vide pour ne pas répondre ; vider une valeur enregistrée l'efface.",
    "Ne modifiez pas la colonne « version » : elle indique à Childmark de quelle réponse vous êtes parti. Si quelqu'un a modifié une réponse en ligne depuis cet export, l'import signale un conflit au lieu d'écraser son travail.",
    "N'ajoutez, ne supprimez ni ne dupliquez de lignes. Les fichiers de preuve s'ajoutent dans l'espace de travail en ligne.",
    "Importez le fichier dans l'espace de travail : il est d'abord vérifié, chaque problème est indiqué avec sa ligne et sa colonne, et rien n'est enregistré tant qu'une ligne est invalide.",
  ],
};

/** The read-me texts in `language`, English when it has none. */
export function readMeTexts(language: string): ReadMeTexts {
  return language === "fr" ? FR : EN;
}
