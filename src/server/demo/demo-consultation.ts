import { and, asc, eq } from "drizzle-orm";
import { type ConsultationDefinition, consultationDefinition, REMOVED } from "../../core/index.ts";
import { loadConsultation } from "../children/load-consultation.ts";
import { moderate } from "../children/moderation.ts";
import { addSession, createConsultation, setConsultationStatus } from "../children/save-consultation.ts";
import { loadSessionByCode, submitAnswers } from "../children/submit-answers.ts";
import type { Db } from "../db/connect.ts";
import { consultationAnswers, consultationModeration, organisations } from "../db/schema.ts";
import { randomFor } from "./random.ts";

/** The demo's consultation: children of three countries on safety and being heard, linked to the index. */
export const DEMO_CONSULTATION: ConsultationDefinition = consultationDefinition.parse({
  title: {
    en: "Safe and heard: children's consultation 2026 (demo)",
    fr: "En sécurité et écoutés : consultation des enfants 2026 (démo)",
    ar: "آمنون ومسموعون: استشارة الأطفال 2026 (تجريبي)",
  },
  consent: {
    en: "This is not a test. There are no right or wrong answers. You do not have to answer any question, and you can stop at any time. We do not ask your name. Your answers are counted together with those of many other children.",
    fr: "Ce n'est pas un examen. Il n'y a pas de bonne ou de mauvaise réponse. Tu peux ne pas répondre et t'arrêter quand tu veux. Nous ne demandons pas ton nom.",
    ar: "هذا ليس امتحانًا. لا توجد إجابات صحيحة أو خاطئة. لا يجب عليك الإجابة ويمكنك التوقف في أي وقت. لا نسألك عن اسمك.",
  },
  languages: ["en", "fr", "ar"],
  ageBands: [
    {
      code: "8-12",
      label: { en: "8 to 12 years", fr: "8 à 12 ans", ar: "من 8 إلى 12 سنة" },
      guardianConsent: true,
    },
    { code: "13-17", label: { en: "13 to 17 years", fr: "13 à 17 ans", ar: "من 13 إلى 17 سنة" } },
  ],
  regions: ["Capital city", "Other town", "Village"],
  questions: [
    {
      code: "helpline",
      type: "yes-no",
      text: {
        en: "Do you know a phone number that children can call for help?",
        fr: "Connais-tu un numéro de téléphone que les enfants peuvent appeler pour demander de l'aide ?",
        ar: "هل تعرف رقم هاتف يمكن للأطفال الاتصال به لطلب المساعدة؟",
      },
      versions: {
        "8-12": {
          en: "Do you know a number to call if you need help?",
          fr: "Connais-tu un numéro à appeler si tu as besoin d'aide ?",
        },
      },
      links: [
        { kind: "indicator", ref: "a19.04" },
        { kind: "article", ref: "19" },
      ],
    },
    {
      code: "bullying",
      type: "smiley-5",
      text: {
        en: "How safe do you feel from bullying at school?",
        fr: "Te sens-tu protégé(e) du harcèlement à l'école ?",
        ar: "ما مدى شعورك بالأمان من التنمر في المدرسة؟",
      },
      links: [
        { kind: "indicator", ref: "a19.09" },
        { kind: "article", ref: "19" },
      ],
    },
    {
      code: "bullying_idea",
      type: "short-text",
      text: {
        en: "What would make you feel safer from bullying at school?",
        fr: "Qu'est-ce qui t'aiderait à te sentir plus protégé(e) du harcèlement à l'école ?",
        ar: "ما الذي سيجعلك تشعر بأمان أكبر من التنمر في المدرسة؟",
      },
      versions: {
        "8-12": {
          en: "What would help stop bullying at your school?",
          fr: "Qu'est-ce qui aiderait à arrêter le harcèlement dans ton école ?",
        },
      },
      links: [
        { kind: "indicator", ref: "a19.09" },
        { kind: "article", ref: "19" },
      ],
    },
    {
      code: "teacher",
      type: "yes-no",
      text: {
        en: "If something bad happened to you, would a teacher know how to help?",
        fr: "S'il t'arrivait quelque chose de grave, un enseignant saurait-il t'aider ?",
        ar: "إذا حدث لك شيء سيئ، هل سيعرف المعلم كيف يساعدك؟",
      },
      links: [{ kind: "indicator", ref: "a19.07" }],
    },
    {
      code: "tell",
      type: "multiple",
      text: { en: "Who would you tell?", fr: "À qui le dirais-tu ?", ar: "لمن ستخبر؟" },
      options: [
        { value: "family", label: { en: "Family", fr: "Famille", ar: "العائلة" }, picture: "👪" },
        { value: "friend", label: { en: "A friend", fr: "Un(e) ami(e)", ar: "صديق" }, picture: "🧒" },
        { value: "teacher", label: { en: "A teacher", fr: "Un enseignant", ar: "معلم" }, picture: "🧑‍🏫" },
        {
          value: "helpline",
          label: { en: "A helpline", fr: "Une ligne d'écoute", ar: "خط المساعدة" },
          picture: "☎️",
        },
        { value: "nobody", label: { en: "Nobody", fr: "Personne", ar: "لا أحد" }, picture: "🤐" },
      ],
      links: [{ kind: "article", ref: "12" }],
    },
    {
      code: "change",
      type: "short-text",
      bands: ["13-17"],
      text: {
        en: "What one thing should adults change so children are safer?",
        fr: "Quelle chose les adultes devraient-ils changer pour que les enfants soient plus en sécurité ?",
        ar: "ما الشيء الذي يجب على الكبار تغييره ليكون الأطفال أكثر أمانًا؟",
      },
      links: [{ kind: "article", ref: "12" }],
    },
  ],
});

const COUNTRIES = [
  { code: "MD", children: 150, helpline: 0.62, language: "en" },
  { code: "GE", children: 120, helpline: 0.48, language: "en" },
  { code: "AM", children: 90, helpline: 0.35, language: "fr" },
];
const CHANGES = [
  "Teachers should stop bullying when they see it",
  "More adults who listen to us",
  "Tell every child the helpline number",
  "Safer ways home from school",
  "Punish the bullies and help the children who are bullied",
];

/**
 * Synthetic answers to the free-text question on bullying, in the language the children answered
 * in: invented, with no real person's name. Two of them show the screening and the moderator at
 * work (a phone number removed before storage, then the text rejected; a place that could point
 * to a school, redacted).
 */
const BULLYING_IDEAS: Record<string, string[]> = {
  en: [
    "A teacher in the corridor at every break",
    "A box where we can write about bullying without saying who we are",
    "Older pupils who look after the younger ones",
    "Teachers should take it seriously when we tell them",
    "Lessons about cyberbullying and how to block people",
    "No phones in the toilets so nobody films us",
    "Someone to talk to who will not tell the whole class",
  ],
  fr: [
    "Des surveillants dans la cour pendant la récréation",
    "Pouvoir parler à quelqu'un sans que toute la classe le sache",
    "Que les professeurs réagissent quand on leur dit",
    "Des cours sur le harcèlement en ligne",
  ],
};
/** Screened on arrival (the number never stored), then rejected by the moderator. */
const CONTACT_TEXT = "If you want to know more call me 069 123 4567";
/** Flagged (capitalised words inside a sentence); the moderator removes the place. */
const PLACE_TEXT = "The older boys behind the Green Gate take our money";
const PLACE = "behind the Green Gate";

/**
 * One completed consultation of the regional network: 360 synthetic children in three countries
 * and two age bands, closed and public, linked to index indicators, a few quotes approved. The
 * gender "other" and a few children without a region form small groups that are suppressed.
 */
export async function loadDemoConsultation(db: Db, adminId: string): Promise<void> {
  const [network] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, "regional"));
  if (!network) return;
  const id = await createConsultation(
    db,
    { organisationId: network.id, definition: DEMO_CONSULTATION },
    adminId,
  );
  await setConsultationStatus(db, await loadConsultation(db, id), "open");
  for (const country of COUNTRIES) {
    const session = await addSession(db, await loadConsultation(db, id), {
      label: `Schools in ${country.code} (demo)`,
      country: country.code,
      sharedDevice: false,
    });
    const joined = await loadSessionByCode(db, session.code);
    for (let i = 0; i < country.children; i++) {
      const random = randomFor("children", country.code, String(i));
      const band = random() < 0.45 ? "8-12" : "13-17";
      const gender = i % 40 === 7 ? "other" : random() < 0.08 ? undefined : random() < 0.5 ? "girl" : "boy";
      const region = i % 50 === 3 ? undefined : DEMO_CONSULTATION.regions[Math.floor(random() * 3)];
      const knows = random() < country.helpline + (band === "13-17" ? 0.1 : -0.1);
      const answers: Record<string, string | string[]> = {
        helpline: knows ? "yes" : random() < 0.6 ? "no" : "not-sure",
        bullying: String(1 + Math.min(4, Math.floor(random() * 3 + random() * 2.6))),
        teacher: random() < 0.55 ? "yes" : random() < 0.5 ? "no" : "not-sure",
        tell: [
          "family",
          ...(random() < 0.5 ? ["friend"] : []),
          ...(random() < 0.3 ? ["teacher"] : []),
          ...(knows && random() < 0.3 ? ["helpline"] : []),
        ],
      };
      if (band === "13-17" && i % 9 === 0) answers.change = CHANGES[i % CHANGES.length]!;
      if (i % 7 === 2) {
        const ideas = BULLYING_IDEAS[country.language] ?? BULLYING_IDEAS.en!;
        answers.bullying_idea =
          country.code === "MD" && i === 2
            ? CONTACT_TEXT
            : country.code === "MD" && i === 9
              ? PLACE_TEXT
              : ideas[Math.floor(i / 7) % ideas.length]!;
      }
      await submitAnswers(db, joined, {
        submissionId: uuidFor(country.code, i),
        ageBand: band,
        gender: gender as "girl" | "boy" | "other" | undefined,
        region,
        language: country.language,
        guardianConsentConfirmed: band === "8-12",
        answers,
      });
    }
  }
  const waiting = await db
    .select({
      submissionId: consultationModeration.submissionId,
      questionCode: consultationModeration.questionCode,
      text: consultationAnswers.value,
    })
    .from(consultationModeration)
    .innerJoin(
      consultationAnswers,
      and(
        eq(consultationAnswers.submissionId, consultationModeration.submissionId),
        eq(consultationAnswers.questionCode, consultationModeration.questionCode),
      ),
    )
    .where(and(eq(consultationModeration.consultationId, id), eq(consultationModeration.status, "pending")))
    .orderBy(asc(consultationModeration.questionCode), asc(consultationModeration.submissionId));
  // A moderator decided on the texts about bullying and on most others; a few still wait, to show the queue.
  const ideas = waiting.filter((w) => w.questionCode === "bullying_idea");
  const others = waiting.filter((w) => w.questionCode !== "bullying_idea").slice(0, -3);
  for (const item of [...ideas, ...others]) {
    const text = String(item.text);
    await moderate(
      db,
      { consultationId: id, submissionId: item.submissionId, questionCode: item.questionCode },
      text.includes(REMOVED)
        ? { decision: "reject", parts: [] }
        : text.includes(PLACE)
          ? { decision: "redact", parts: [PLACE] }
          : { decision: "approve", parts: [] },
      adminId,
    );
  }
  await setConsultationStatus(db, await loadConsultation(db, id), "closed", true);
}

/** A stable UUID for a demo child, so the demo is the same on every machine. */
function uuidFor(country: string, i: number): string {
  const hex = Buffer.from(`${country}${String(i).padStart(6, "0")}`)
    .toString("hex")
    .padEnd(32, "0")
    .slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}
