/**
 * Column names that real files give each import field, compared after `columnKey` (lower case,
 * letters and digits only): UPR Info's originals ("To", "Issue"), their normalised copies
 * ("state_under_review", "issues"), OHCHR's Universal Human Rights Index and thematic lists.
 */
export const COLUMN_ALIASES: Record<string, readonly string[]> = {
  text: ["text", "recommendation", "recommendation text", "recommendations", "text en", "text_en"],
  state: [
    "state under review",
    "state_under_review",
    "sur",
    "to",
    "country",
    "state",
    "state code",
    "country code",
  ],
  recommendingStates: [
    "recommending state",
    "recommending_state",
    "recommending states",
    "recommendingStates",
    "from",
    "reccomending state",
  ],
  mechanism: ["mechanism", "recommending body", "reccomending body", "body"],
  session: ["session", "upr session", "upr_session"],
  cycle: ["cycle", "upr cycle", "upr_cycle"],
  documentSymbol: ["document symbol", "symbol", "document"],
  paragraph: ["paragraph", "para", "paragraph number"],
  date: ["date", "date of document", "issued on"],
  position: ["position", "response", "status", "recommendation status"],
  positionSource: ["position source", "positionSource", "source of position"],
  actionCategory: ["action", "action category", "action_category"],
  themes: ["themes", "theme", "issue", "issues", "topics"],
  affectedGroups: ["affected persons", "affected groups", "groups"],
  uncrcArticles: ["uncrc articles", "crc articles", "articles"],
  sdgTargets: ["sdgs", "sdg", "sdg targets", "sdg goals"],
};

/** A column name reduced for comparison: "State under Review" and "state_under_review" are the same. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

const FIELD_OF = new Map<string, string>();
for (const [field, aliases] of Object.entries(COLUMN_ALIASES))
  for (const alias of aliases) if (!FIELD_OF.has(columnKey(alias))) FIELD_OF.set(columnKey(alias), field);

/**
 * Matches a file's columns to import fields by name: each field goes to the first column whose
 * name is one of its aliases; other columns are left out. The person sees and can change it.
 */
export function matchColumns(columns: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  for (const column of columns) {
    const field = FIELD_OF.get(columnKey(column));
    if (field && !taken.has(field)) {
      mapping[column] = field;
      taken.add(field);
    }
  }
  return mapping;
}
