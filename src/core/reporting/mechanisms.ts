import type { LocalText } from "../framework/model.ts";

/**
 * The instruments a State ratifies and the mechanisms that review it, as data. A new regional
 * body is a new entry here, not new code: the calendar, reminders and feeds read these lists.
 */
export const INSTRUMENTS = [
  "crc",
  "opsc",
  "opac",
  "opic",
  "iccpr",
  "icescr",
  "crpd",
  "acrwc",
  "esc_revised",
  "lanzarote",
  "istanbul",
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const INSTRUMENT_NAMES: Readonly<Record<Instrument, string>> = {
  crc: "Convention on the Rights of the Child",
  opsc: "Optional Protocol on the sale of children, child prostitution and child pornography (OPSC)",
  opac: "Optional Protocol on the involvement of children in armed conflict (OPAC)",
  opic: "Optional Protocol on a communications procedure (OPIC)",
  iccpr: "International Covenant on Civil and Political Rights",
  icescr: "International Covenant on Economic, Social and Cultural Rights",
  crpd: "Convention on the Rights of Persons with Disabilities",
  acrwc: "African Charter on the Rights and Welfare of the Child",
  esc_revised: "European Social Charter (revised)",
  lanzarote:
    "Council of Europe Convention on the Protection of Children against Sexual Exploitation (Lanzarote)",
  istanbul: "Council of Europe Convention on violence against women and domestic violence (Istanbul)",
};

export const RATIFICATION_STATUSES = ["ratified", "acceded", "signed", "not_party"] as const;
export type RatificationStatus = (typeof RATIFICATION_STATUSES)[number];

export const REVIEW_MECHANISMS = [
  "crc",
  "upr",
  "special_procedure",
  "ecsr",
  "grevio",
  "lanzarote",
  "acerwc",
] as const;
export type ReviewMechanism = (typeof REVIEW_MECHANISMS)[number];

export interface ReviewMechanismInfo {
  code: ReviewMechanism;
  name: LocalText;
  /** `un` (treaty body, UPR, special procedures) or `regional`. */
  level: "un" | "regional";
  /** What a State must have ratified for the mechanism to review it (none for the UPR). */
  requires: readonly Instrument[];
}

export const REVIEW_MECHANISM_INFO: Readonly<Record<ReviewMechanism, ReviewMechanismInfo>> = {
  crc: {
    code: "crc",
    name: {
      en: "Committee on the Rights of the Child",
      fr: "Comité des droits de l'enfant",
      ar: "لجنة حقوق الطفل",
    },
    level: "un",
    requires: ["crc"],
  },
  upr: {
    code: "upr",
    name: {
      en: "Universal Periodic Review",
      fr: "Examen périodique universel",
      ar: "الاستعراض الدوري الشامل",
    },
    level: "un",
    requires: [],
  },
  special_procedure: {
    code: "special_procedure",
    name: { en: "Special procedures", fr: "Procédures spéciales", ar: "الإجراءات الخاصة" },
    level: "un",
    requires: [],
  },
  ecsr: {
    code: "ecsr",
    name: {
      en: "European Committee of Social Rights",
      fr: "Comité européen des droits sociaux",
      ar: "اللجنة الأوروبية للحقوق الاجتماعية",
    },
    level: "regional",
    requires: ["esc_revised"],
  },
  grevio: {
    code: "grevio",
    name: { en: "GREVIO", fr: "GREVIO", ar: "فريق GREVIO" },
    level: "regional",
    requires: ["istanbul"],
  },
  lanzarote: {
    code: "lanzarote",
    name: { en: "Lanzarote Committee", fr: "Comité de Lanzarote", ar: "لجنة لانزاروت" },
    level: "regional",
    requires: ["lanzarote"],
  },
  acerwc: {
    code: "acerwc",
    name: {
      en: "African Committee of Experts on the Rights and Welfare of the Child",
      fr: "Comité africain d'experts sur les droits et le bien-être de l'enfant",
      ar: "لجنة الخبراء الأفريقية المعنية بحقوق الطفل ورفاهه",
    },
    level: "regional",
    requires: ["acrwc"],
  },
};

/** The steps of a review cycle, in the order they happen. */
export const STEP_KINDS = [
  "state_report_due",
  "ngo_submission",
  "pre_session",
  "list_of_issues",
  "state_replies_due",
  "session",
  "concluding_observations",
  "follow_up_due",
  "upr_midterm",
  "next_report_due",
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Steps that ask something of the coalition itself: the calendar marks them and reminders name them first. */
export const COALITION_DEADLINES: ReadonlySet<StepKind> = new Set(["ngo_submission", "pre_session"]);

export const STEP_NAMES: Readonly<Record<StepKind, string>> = {
  state_report_due: "State report due",
  ngo_submission: "NGO submission deadline",
  pre_session: "Pre-session working group",
  list_of_issues: "List of issues",
  state_replies_due: "State replies to the list of issues due",
  session: "Session (review)",
  concluding_observations: "Concluding observations",
  follow_up_due: "Follow-up report due",
  upr_midterm: "UPR mid-term report",
  next_report_due: "Next periodic report due",
};

/** Is `value` one of the mechanisms? */
export function isReviewMechanism(value: string): value is ReviewMechanism {
  return (REVIEW_MECHANISMS as readonly string[]).includes(value);
}
