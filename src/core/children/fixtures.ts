import { type ConsultationDefinition, consultationDefinition } from "./model.ts";

/** A small consultation for tests: a yes/no, a smiley, a choice, a number and a free text. */
export const SAMPLE_DEFINITION: ConsultationDefinition = consultationDefinition.parse({
  title: { en: "Being heard at school", ar: "أن يُسمع صوتك في المدرسة" },
  consent: { en: "You do not have to answer. You can stop at any time.", ar: "لا يجب عليك الإجابة." },
  languages: ["en", "ar"],
  ageBands: [
    { code: "8-12", label: { en: "8 to 12" }, guardianConsent: true },
    { code: "13-17", label: { en: "13 to 17" } },
  ],
  questions: [
    {
      code: "heard",
      type: "yes-no",
      text: { en: "Do adults at school listen to you?", ar: "هل يستمع إليك الكبار في المدرسة؟" },
      versions: { "8-12": { en: "Do teachers listen to you?" } },
      links: [
        { kind: "indicator", ref: "GOV-1" },
        { kind: "article", ref: "12" },
      ],
    },
    { code: "safe", type: "smiley-5", text: { en: "How safe do you feel?" } },
    {
      code: "help",
      type: "multiple",
      text: { en: "Who helps you?" },
      options: [
        { value: "family", label: { en: "Family" }, picture: "👪" },
        { value: "teacher", label: { en: "Teacher" }, picture: "🧑‍🏫" },
        { value: "nobody", label: { en: "Nobody" }, picture: "🚫" },
      ],
    },
    { code: "age", type: "number", text: { en: "How old are you?" }, min: 5, max: 18 },
    { code: "wish", type: "short-text", text: { en: "What would you change?" }, bands: ["13-17"] },
  ],
});
