/**
 * Mechanisms that issue recommendations: the UN's (the UPR, the treaty bodies, special procedures)
 * and the regional bodies of the reporting calendar (`REVIEW_MECHANISMS`): the European Committee
 * of Social Rights (conclusions), GREVIO and the Lanzarote Committee (Council of Europe), and the
 * African Committee of Experts on the Rights and Welfare of the Child (concluding observations).
 */
export const MECHANISMS = [
  "crc",
  "upr",
  "ccpr",
  "cescr",
  "cedaw",
  "cat",
  "crpd",
  "cmw",
  "ced",
  "special_procedure",
  "ecsr",
  "grevio",
  "lanzarote",
  "acerwc",
] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/** A State's position on a UPR recommendation; treaty-body recommendations have none. */
export const POSITIONS = ["supported", "supported_in_part", "noted", "voluntary_pledge"] as const;
export type Position = (typeof POSITIONS)[number];

export const IMPLEMENTATION_STATUSES = [
  "not_started",
  "in_progress",
  "partially_implemented",
  "implemented",
  "regressed",
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/** Who made an implementation assessment: the government's claim and the coalition's view stay apart. */
export const ASSESSOR_KINDS = ["government", "coalition"] as const;
export type AssessorKind = (typeof ASSESSOR_KINDS)[number];

/** Spellings found in UN exports, lower-cased and without punctuation, for each mechanism. */
const MECHANISM_NAMES: Record<string, Mechanism> = {
  upr: "upr",
  "universal periodic review": "upr",
  crc: "crc",
  "committee on the rights of the child": "crc",
  ccpr: "ccpr",
  "human rights committee": "ccpr",
  cescr: "cescr",
  "committee on economic social and cultural rights": "cescr",
  cedaw: "cedaw",
  "committee on the elimination of discrimination against women": "cedaw",
  cat: "cat",
  "committee against torture": "cat",
  crpd: "crpd",
  "committee on the rights of persons with disabilities": "crpd",
  cmw: "cmw",
  "committee on migrant workers": "cmw",
  ced: "ced",
  "committee on enforced disappearances": "ced",
  "special procedure": "special_procedure",
  "special procedures": "special_procedure",
  special_procedure: "special_procedure",
  ecsr: "ecsr",
  "european committee of social rights": "ecsr",
  "european social charter": "ecsr",
  grevio: "grevio",
  "group of experts on action against violence against women and domestic violence": "grevio",
  lanzarote: "lanzarote",
  "lanzarote committee": "lanzarote",
  "committee of the parties to the lanzarote convention": "lanzarote",
  acerwc: "acerwc",
  "african committee of experts on the rights and welfare of the child": "acerwc",
};

/** Reads a mechanism from a code or a name as UN exports spell it; undefined when unknown. */
export function parseMechanism(value: string): Mechanism | undefined {
  const key = value
    .toLowerCase()
    .replace(/[^a-z_ ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (MECHANISM_NAMES[key]) return MECHANISM_NAMES[key];
  // "European Committee of Social Rights (ECSR)", "Comité … (CEDS)": the acronym in brackets.
  const acronym = /\(([A-Za-z_]+)\)\s*$/.exec(value.trim())?.[1]?.toLowerCase();
  if (acronym && MECHANISM_NAMES[acronym]) return MECHANISM_NAMES[acronym];
  // "Special Rapporteur on …", "Working Group on …", "Independent Expert on …" are special procedures.
  if (/^(special rapporteur|working group|independent expert)/.test(key)) return "special_procedure";
  return undefined;
}

/** Reads a State's position as UPR Info and OHCHR write it ("Accepted" is today's "Supported"). */
export function parsePosition(value: string): Position | null | undefined {
  const key = value
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
  if (key === "") return null;
  if (key === "accepted" || key === "supported") return "supported";
  if (key === "supported in part" || key === "partially supported" || key === "partially accepted")
    return "supported_in_part";
  if (key === "noted" || key === "rejected") return "noted";
  if (key === "voluntary pledge") return "voluntary_pledge";
  return undefined;
}
