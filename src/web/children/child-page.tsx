import { useEffect, useRef, useState } from "react";
import {
  type ChildAnswerValue,
  pickText,
  type Question,
  questionsForBand,
  questionText,
} from "../../core/index.ts";
import { type JoinOut, joinOut } from "../../server/api-schemas/children.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { ChildProblemPage } from "./child-problem.tsx";
import {
  type ChildProblem,
  type ChildWords,
  FIXED_ANSWERS,
  firstLanguage,
  problemOf,
  problemWords,
  useChildWords,
} from "./child-words.ts";
import { isWaiting, keepForSending, sendWaiting } from "./outbox.ts";
import "./children.css";

type Step = "about" | "questions" | "stop" | "sending" | "sent" | "waiting" | "refused";

const GENDER_WORDS: Record<string, MessageKey> = {
  girl: "kidGirl",
  boy: "kidBoy",
  other: "kidOther",
  "rather-not-say": "kidRatherNotSay",
};

interface Draft {
  submissionId: string;
  language: string;
  ageBand: string;
  gender?: string;
  region?: string;
  guardianConsentConfirmed: boolean;
  answers: Record<string, ChildAnswerValue>;
  index: number;
}

const draftKey = (code: string) => `childmark.children.draft.${code}`;

/** The child's language among the consultation's: the one asked for or the browser's, else its first. */
function startLanguage(languages: readonly string[]): string {
  const wanted = firstLanguage();
  return (
    languages.find((l) => l === wanted || l.split("-")[0] === wanted.split("-")[0]) ?? languages[0] ?? "en"
  );
}

function newDraft(language: string): Draft {
  return {
    submissionId: crypto.randomUUID(),
    language,
    ageBand: "",
    guardianConsentConfirmed: false,
    answers: {},
    index: 0,
  };
}

/**
 * The child's page: no account, phone first, large text and buttons. The answers in progress stay
 * in this browser (so a reload or a lost connection loses nothing) and are cleared once sent; on a
 * shared tablet the page starts over for the next child.
 */
export function ChildPage({ code }: { code: string }) {
  const [consultation, setConsultation] = useState<JoinOut | null | { problem: ChildProblem }>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [step, setStep] = useState<Step>("about");
  /** Why the server refused this child's answers, or the page could not open. */
  const [problem, setProblem] = useState<ChildProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const afterSendingRef = useRef<(sent: Awaited<ReturnType<typeof sendWaiting>>) => void>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is listed so that "Try again" re-runs the request.
  useEffect(() => {
    void sendWaiting();
    fetch(`/api/children/join/${encodeURIComponent(code)}`, { credentials: "omit" })
      .then(async (r) => (r.ok ? joinOut.parse(await r.json()) : { problem: await problemOf(r) }))
      .then((c) => {
        setConsultation(c);
        if ("problem" in c) return;
        const saved = localStorage.getItem(draftKey(code));
        const restored = saved ? (JSON.parse(saved) as Draft) : null;
        setDraft(restored ?? newDraft(startLanguage(c.languages)));
        if (restored?.ageBand) setStep("questions");
      })
      .catch(() => setConsultation({ problem: "offline" }));
  }, [code, attempt]);
  useEffect(() => {
    // Only answers still being given are kept here; once handed to the outbox they leave the draft.
    if (draft && (step === "about" || step === "questions" || step === "stop"))
      localStorage.setItem(draftKey(code), JSON.stringify(draft));
  }, [code, draft, step]);

  // Before the consultation is known, the language asked for in the link or the browser's.
  const lang = draft?.language ?? firstLanguage();
  const { t, dir, ready, wordsLang } = useChildWords(lang);
  const title = consultation && !("problem" in consultation) ? pickText(consultation.title, lang) : null;
  useEffect(() => {
    // The whole document in the child's language and direction (read aloud in the right voice).
    if (!ready) return;
    document.documentElement.lang = title ? lang : wordsLang;
    document.documentElement.dir = dir;
    document.title = title ?? t("kidCodeTitle");
  }, [ready, lang, wordsLang, dir, title, t]);
  useEffect(() => {
    // Answers kept while offline go as soon as the connection is back.
    if (step !== "waiting") return;
    const retry = () => void sendWaiting().then((sent) => afterSendingRef.current?.(sent));
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [step]);
  if (consultation === null || !ready || (!("problem" in consultation) && !draft))
    return <main className="ch-child" aria-busy="true" />;
  if ("problem" in consultation)
    return (
      <ChildProblemPage
        problem={consultation.problem}
        t={t}
        lang={wordsLang}
        dir={dir}
        className="ch-child"
        onRetry={() => {
          setConsultation(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  const d = draft!;
  const update = (patch: Partial<Draft>) => setDraft({ ...d, ...patch });
  const band = consultation.ageBands.find((b) => b.code === d.ageBand);
  const questions = d.ageBand ? questionsForBand({ ...consultation, threshold: 10 }, d.ageBand) : [];

  /** What the page shows once this child's answers were tried: sent, waiting, or refused and why. */
  const afterSending = ({ refused }: Awaited<ReturnType<typeof sendWaiting>>) => {
    const mine = refused.find((r) => r.submissionId === d.submissionId);
    if (!mine) {
      setStep(isWaiting(d.submissionId) ? "waiting" : "sent");
      return;
    }
    setProblem(mine.problem);
    // The facilitator can still confirm the guardians' consent: the answers come back to the page.
    if (mine.problem === "consent-needed") {
      update({ guardianConsentConfirmed: false });
      setStep("about");
    } else setStep("refused");
  };
  const finish = async () => {
    const body = {
      submissionId: d.submissionId,
      ageBand: d.ageBand,
      gender: d.gender as "girl" | undefined,
      region: d.region,
      language: d.language,
      guardianConsentConfirmed: d.guardianConsentConfirmed,
      answers: d.answers,
    };
    // Kept first, then sent: closing the page in between loses nothing.
    keepForSending(consultation.code, body);
    localStorage.removeItem(draftKey(code));
    setProblem(null);
    setStep("sending");
    afterSending(await sendWaiting());
  };
  afterSendingRef.current = afterSending;
  const startOver = () => {
    localStorage.removeItem(draftKey(code));
    setDraft(newDraft(d.language));
    setProblem(null);
    setStep("about");
  };

  return (
    <main className="ch-child" lang={lang} dir={dir}>
      <header className="ch-child-head">
        <h1 dir="auto">{pickText(consultation.title, lang)}</h1>
        {consultation.languages.length > 1 && (
          <label className="ch-lang">
            {t("kidLanguage")}{" "}
            <select value={lang} onChange={(e) => update({ language: e.target.value })}>
              {consultation.languages.map((l) => (
                <option key={l} value={l}>
                  {new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {step === "about" && (
        <section className="ch-card">
          {problem && (
            <p className="ch-problem" role="alert">
              {t(problemWords(problem))}
            </p>
          )}
          <p className="ch-consent" dir="auto">
            {pickText(consultation.consent, lang)}
          </p>
          <fieldset>
            <legend>{t("kidAge")}</legend>
            <div className="ch-choices">
              {consultation.ageBands.map((b) => (
                <button
                  type="button"
                  key={b.code}
                  className="ch-choice"
                  aria-pressed={d.ageBand === b.code}
                  onClick={() => update({ ageBand: b.code })}
                >
                  <bdi>{pickText(b.label, lang)}</bdi>
                </button>
              ))}
            </div>
          </fieldset>
          {band?.guardianConsent && (
            <label className="ch-guardian">
              <input
                type="checkbox"
                checked={d.guardianConsentConfirmed}
                onChange={(e) => update({ guardianConsentConfirmed: e.target.checked })}
              />{" "}
              {t("kidGuardian")}
            </label>
          )}
          <fieldset>
            <legend>{t("kidGender")}</legend>
            <div className="ch-choices">
              {consultation.genders.map((g) => (
                <button
                  type="button"
                  key={g}
                  className="ch-choice"
                  aria-pressed={d.gender === g}
                  onClick={() => update({ gender: d.gender === g ? undefined : g })}
                >
                  {GENDER_WORDS[g] ? t(GENDER_WORDS[g]) : g}
                </button>
              ))}
            </div>
          </fieldset>
          {consultation.regions.length > 0 && (
            <label className="ch-field">
              {t("kidRegion")}
              <select
                value={d.region ?? ""}
                onChange={(e) => update({ region: e.target.value || undefined })}
              >
                <option value="">—</option>
                {consultation.regions.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </label>
          )}
          <button
            type="button"
            className="ch-primary"
            disabled={!d.ageBand || (band?.guardianConsent && !d.guardianConsentConfirmed)}
            onClick={() => setStep("questions")}
          >
            {t("kidAgree")}
          </button>
        </section>
      )}
      {step === "questions" && questions[d.index] && (
        <QuestionCard
          key={questions[d.index]!.code}
          code={consultation.code}
          question={questions[d.index]!}
          band={d.ageBand}
          lang={lang}
          position={{ n: d.index + 1, total: questions.length }}
          value={d.answers[questions[d.index]!.code]}
          onAnswer={(value) => {
            const answers = { ...d.answers };
            if (value === undefined) delete answers[questions[d.index]!.code];
            else answers[questions[d.index]!.code] = value;
            update({ answers });
          }}
          onBack={d.index > 0 ? () => update({ index: d.index - 1 }) : undefined}
          onNext={() => (d.index + 1 < questions.length ? update({ index: d.index + 1 }) : void finish())}
          onStop={() => setStep("stop")}
          isLast={d.index + 1 === questions.length}
          t={t}
        />
      )}
      {step === "stop" && (
        <section className="ch-card">
          <h2>{t("kidStopTitle")}</h2>
          <button type="button" className="ch-primary" onClick={() => void finish()}>
            {t("kidStopSend")}
          </button>
          <button type="button" className="ch-secondary" onClick={startOver}>
            {t("kidStopDelete")}
          </button>
          <button type="button" className="ch-secondary" onClick={() => setStep("questions")}>
            {t("kidKeepGoing")}
          </button>
        </section>
      )}
      {step === "sending" && (
        <p className="ch-big" role="status">
          {t("kidSending")}
        </p>
      )}
      {(step === "sent" || step === "waiting" || step === "refused") && (
        <section className="ch-card" role={step === "refused" ? "alert" : "status"}>
          {step === "refused" && problem ? (
            <>
              <p className="ch-big">{t("kidNotSent")}</p>
              <p className="ch-problem">{t(problemWords(problem))}</p>
            </>
          ) : (
            <p className="ch-big">{t(step === "sent" ? "kidSent" : "kidWaiting")}</p>
          )}
          {step === "waiting" && (
            <button
              type="button"
              className="ch-secondary"
              onClick={() => void sendWaiting().then(afterSending)}
            >
              {t("kidRetry")}
            </button>
          )}
          {consultation.sharedDevice ? (
            <button type="button" className="ch-primary" onClick={startOver}>
              {t("kidNextChild")}
            </button>
          ) : (
            step === "sent" && <p className="ch-done">✓ {t("kidDone")}</p>
          )}
        </section>
      )}
    </main>
  );
}

/**
 * Where a child (or the facilitator on a shared tablet) types the short code handed out, in the
 * language of the link (`?lang=`) or of the device; the code opens the consultation's page.
 */
export function ChildCodePage() {
  const [lang] = useState(firstLanguage);
  const { t, dir, ready, wordsLang } = useChildWords(lang);
  const [code, setCode] = useState("");
  useEffect(() => {
    if (ready) document.title = t("kidCodeTitle");
  }, [ready, t]);
  if (!ready) return <main className="ch-child" aria-busy="true" />;
  const clean = code.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
  return (
    <main className="ch-child" lang={wordsLang} dir={dir}>
      <header className="ch-child-head">
        <h1>{t("kidCodeTitle")}</h1>
      </header>
      <form
        className="ch-card"
        onSubmit={(e) => {
          e.preventDefault();
          if (clean.length < 4) return;
          const asked = new URLSearchParams(window.location.search).get("lang");
          navigate(`${paths.child(clean)}${asked ? `?lang=${encodeURIComponent(asked)}` : ""}`);
        }}
      >
        <label className="ch-field">
          {t("kidCodeLabel")}
          <input
            className="ch-code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            dir="ltr"
          />
        </label>
        <button type="submit" className="ch-primary" disabled={clean.length < 4}>
          {t("kidStart")}
        </button>
      </form>
    </main>
  );
}

/** A large button that reads the question aloud from its recording (and stops it when pressed again). */
function ListenButton({ src, label }: { src: string; label: string }) {
  const [audio] = useState(() => (typeof Audio === "undefined" ? null : new Audio(src)));
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!audio) return;
    const stop = () => setPlaying(false);
    audio.addEventListener("ended", stop);
    audio.addEventListener("pause", stop);
    return () => {
      audio.pause();
      audio.removeEventListener("ended", stop);
      audio.removeEventListener("pause", stop);
    };
  }, [audio]);
  return (
    <button
      type="button"
      className="ch-listen"
      aria-pressed={playing}
      onClick={() => {
        if (!audio) return;
        if (playing) {
          audio.pause();
          return;
        }
        audio.currentTime = 0;
        void audio.play().then(
          () => setPlaying(true),
          () => setPlaying(false),
        );
      }}
    >
      <span aria-hidden="true">{playing ? "⏸" : "🔊"}</span> {label}
    </button>
  );
}

interface QuestionCardProps {
  /** The session code, by which the question's recording is fetched. */
  code: string;
  question: Question;
  band: string;
  lang: string;
  position: { n: number; total: number };
  value: ChildAnswerValue | undefined;
  onAnswer: (value: ChildAnswerValue | undefined) => void;
  onBack?: () => void;
  onNext: () => void;
  onStop: () => void;
  isLast: boolean;
  t: ChildWords;
}

function QuestionCard({
  code,
  question,
  band,
  lang,
  position,
  value,
  onAnswer,
  onBack,
  onNext,
  onStop,
  isLast,
  t,
}: QuestionCardProps) {
  const text = questionText(question, band, lang);
  const choose = (v: string) => onAnswer(value === v ? undefined : v);
  const fixed = FIXED_ANSWERS[question.type];
  const options: { value: string; label: string; picture?: string }[] = fixed
    ? fixed.map(([v, picture, words]) => ({ value: v, label: t(words), picture }))
    : question.options.map((o) => ({
        value: o.value,
        label: pickText(o.label, lang),
        picture: o.picture,
      }));
  const selected = Array.isArray(value) ? value : value === undefined ? [] : [String(value)];
  return (
    <section className="ch-card" aria-labelledby="ch-question">
      <p className="ch-progress">{t("kidQuestion", { n: position.n, total: position.total })}</p>
      <h2 id="ch-question" className="ch-question" dir="auto">
        {text}
      </h2>
      {question.audio && (
        <ListenButton
          src={`/api/children/join/${encodeURIComponent(code)}/audio/${question.audio}`}
          label={t("kidListen")}
        />
      )}
      {question.type === "number" ? (
        <label className="ch-field">
          {t("kidNumber")}
          <input
            type="number"
            inputMode="numeric"
            min={question.min}
            max={question.max}
            value={typeof value === "number" ? value : ""}
            onChange={(e) => onAnswer(e.target.value === "" ? undefined : Number(e.target.value))}
          />
        </label>
      ) : question.type === "short-text" ? (
        <label className="ch-field">
          {t("kidText")}
          <textarea
            maxLength={500}
            rows={4}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onAnswer(e.target.value.trim() ? e.target.value : undefined)}
          />
          <span className="ch-hint">{t("kidTextHint")}</span>
        </label>
      ) : (
        <div className={`ch-choices${question.type.startsWith("smiley") ? " ch-smileys" : ""}`}>
          {options.map((o) => (
            <button
              type="button"
              key={o.value}
              className="ch-choice"
              aria-pressed={selected.includes(o.value)}
              onClick={() =>
                question.type === "multiple"
                  ? onAnswer(
                      selected.includes(o.value)
                        ? selected.filter((v) => v !== o.value).length
                          ? selected.filter((v) => v !== o.value)
                          : undefined
                        : [...selected, o.value],
                    )
                  : choose(o.value)
              }
            >
              {o.picture && (
                <span className="ch-picture" aria-hidden="true">
                  {o.picture}
                </span>
              )}
              <bdi>{o.label}</bdi>
            </button>
          ))}
        </div>
      )}
      <nav className="ch-nav">
        {onBack && (
          <button type="button" className="ch-secondary" onClick={onBack}>
            {t("kidBack")}
          </button>
        )}
        <button type="button" className="ch-primary" onClick={onNext}>
          {t(isLast ? "kidSend" : value === undefined ? "kidSkip" : "kidNext")}
        </button>
      </nav>
      <button type="button" className="ch-stop" onClick={onStop}>
        {t("kidStop")}
      </button>
    </section>
  );
}
