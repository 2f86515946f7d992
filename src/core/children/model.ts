import { z } from "zod";
import { localText } from "../framework/model.ts";

/**
 * A children's consultation: a question set in simple words, in several languages, with
 * age-appropriate versions of each question, whose answers are only ever shown in aggregate.
 * One zod schema is the source of the types, of the designer's checks and of every import.
 */

export const ANSWER_TYPES = [
  "yes-no",
  "smiley-3",
  "smiley-5",
  "single",
  "multiple",
  "number",
  "short-text",
] as const;
export type ChildAnswerType = (typeof ANSWER_TYPES)[number];

/** Values of the fixed scales; a "not sure" is a real answer, kept apart from skipping. */
export const YES_NO_VALUES = ["yes", "no", "not-sure"] as const;
export const SMILEY_VALUES: Readonly<Record<"smiley-3" | "smiley-5", readonly string[]>> = {
  "smiley-3": ["1", "2", "3"],
  "smiley-5": ["1", "2", "3", "4", "5"],
};

const code = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "use letters, digits and '_', starting with a letter");

export const LINK_KINDS = ["indicator", "article", "recommendation"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** What a question's answers speak to: an index indicator, a UNCRC article or a recommendation. */
export const questionLink = z.object({
  kind: z.enum(LINK_KINDS),
  /** Indicator code, article number ("12") or recommendation id. */
  ref: z.string().min(1).max(200),
});
export type QuestionLink = z.infer<typeof questionLink>;

export const choiceOption = z.object({
  value: code,
  label: localText,
  /** A picture for children who read little: an emoji or an image path. */
  picture: z.string().max(300).optional(),
});
export type ChoiceOption = z.infer<typeof choiceOption>;

export const ageBand = z.object({
  code: z.string().regex(/^\d{1,2}-\d{1,2}$/, "an age band is written like 8-12"),
  label: localText,
  /** Whether a facilitator must confirm that guardians consented before children of this band answer. */
  guardianConsent: z.boolean().default(false),
});
export type AgeBand = z.infer<typeof ageBand>;

export const question = z
  .object({
    code,
    type: z.enum(ANSWER_TYPES),
    /** The wording for everyone, and an age-appropriate wording per band where it differs. */
    text: localText,
    versions: z.record(z.string(), localText).default({}),
    /** Bands that get this question; empty = every band. */
    bands: z.array(z.string()).default([]),
    options: z.array(choiceOption).default([]),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Path of an uploaded recording of the question, read aloud on the child's page. */
    audio: z.string().max(300).optional(),
    /** For a yes/no or smiley question: which answers count as agreeing (default: yes, or the top faces). */
    agreeing: z.array(z.string()).optional(),
    links: z.array(questionLink).default([]),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === "single" || q.type === "multiple";
    if (choice && q.options.length < 2)
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "a choice question needs at least 2 options",
      });
    if (!choice && q.options.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question has no options` });
    const values = q.options.map((o) => o.value);
    if (new Set(values).size !== values.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: "option values must differ" });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      ctx.addIssue({ code: "custom", path: ["min"], message: "min is above max" });
  });
export type Question = z.infer<typeof question>;

export const consultationDefinition = z
  .object({
    title: localText,
    /** The coalition's consent text, shown before the first question. */
    consent: localText,
    languages: z.array(z.string().min(2).max(35)).min(1),
    ageBands: z.array(ageBand).min(1),
    /** Coarse, optional demographics the child may give. */
    regions: z.array(z.string().min(1).max(100)).default([]),
    /** Smallest group shown in any result (small-cell suppression). */
    threshold: z.number().int().min(5).max(100).default(10),
    questions: z.array(question).min(1),
  })
  .superRefine((d, ctx) => {
    const codes = d.questions.map((q) => q.code);
    codes.forEach((c, i) => {
      if (codes.indexOf(c) !== i)
        ctx.addIssue({
          code: "custom",
          path: ["questions", i, "code"],
          message: `question ${c} appears twice`,
        });
    });
    const bands = d.ageBands.map((b) => b.code);
    d.questions.forEach((q, i) => {
      for (const band of [...q.bands, ...Object.keys(q.versions)])
        if (!bands.includes(band))
          ctx.addIssue({ code: "custom", path: ["questions", i, "bands"], message: `no age band ${band}` });
    });
  });
export type ConsultationDefinition = z.infer<typeof consultationDefinition>;

/** Genders as a child chooses to say it; everything else about a child is left out. */
export const GENDERS = ["girl", "boy", "other", "rather-not-say"] as const;

/**
 * Why the child-facing API refuses a request, as the `reason` of its error: the child's page shows
 * its own words for each, in the child's language.
 */
export const CHILD_REFUSALS = [
  "unknown-code",
  "not-started",
  "ended",
  "not-shared",
  "consent-needed",
  "answers-invalid",
] as const;
export type ChildRefusal = (typeof CHILD_REFUSALS)[number];

/** The questions that children of `band` see, in order. */
export function questionsForBand(def: ConsultationDefinition, band: string): Question[] {
  return def.questions.filter((q) => q.bands.length === 0 || q.bands.includes(band));
}

/** A text in `lang`, else English, else any language given. */
export function pickText(text: Record<string, string>, lang: string): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? "";
}

/** The wording of `q` for `band` in `lang`: the band's version where there is one. */
export function questionText(q: Question, band: string, lang: string): string {
  const version = q.versions[band];
  if (version?.[lang]) return version[lang];
  // A child reads the common wording in their language rather than the band's in another.
  if (q.text[lang] || !version) return pickText(q.text, lang);
  return pickText(version, lang);
}

/** Which answers count as agreeing with a question, for "share agreeing". */
export function agreeingValues(q: Question): string[] {
  if (q.agreeing) return q.agreeing;
  if (q.type === "yes-no") return ["yes"];
  if (q.type === "smiley-3") return ["3"];
  if (q.type === "smiley-5") return ["4", "5"];
  return [];
}

/** An answer as sent by a child: a value per type (a list for several choices). */
export type ChildAnswerValue = string | number | string[];

/**
 * Checks one answer against its question; returns the problem in plain words, or null.
 * Texts are limited in length: a short answer, not an essay that could carry a life story.
 */
export function answerProblem(q: Question, value: ChildAnswerValue): string | null {
  switch (q.type) {
    case "yes-no":
      return typeof value === "string" && (YES_NO_VALUES as readonly string[]).includes(value)
        ? null
        : "answer yes, no or not-sure";
    case "smiley-3":
    case "smiley-5":
      return typeof value === "string" && SMILEY_VALUES[q.type].includes(value)
        ? null
        : `answer one of ${SMILEY_VALUES[q.type].join(", ")}`;
    case "single":
      return typeof value === "string" && q.options.some((o) => o.value === value)
        ? null
        : "answer one of the options";
    case "multiple":
      return Array.isArray(value) &&
        value.length > 0 &&
        new Set(value).size === value.length &&
        value.every((v) => q.options.some((o) => o.value === v))
        ? null
        : "answer one or more of the options, each once";
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "answer a number";
      if (q.min !== undefined && value < q.min) return `answer at least ${q.min}`;
      if (q.max !== undefined && value > q.max) return `answer at most ${q.max}`;
      return null;
    case "short-text":
      return typeof value === "string" && value.trim().length > 0 && value.length <= 500
        ? null
        : "answer in 1 to 500 characters";
  }
}
