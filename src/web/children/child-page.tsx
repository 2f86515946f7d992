import { useEffect, useState } from "react";
import {
  type ChildAnswerValue,
  pickText,
  type Question,
  questionsForBand,
  questionText,
} from "../../core/index.ts";
import { type JoinOut, joinOut } from "../../server/api-schemas/children.ts";
import { childTexts, isRightToLeft } from "./child-texts.ts";
import { keepForSending, sendWaiting } from "./outbox.ts";
import "./children.css";

type Step = "about" | "questions" | "stop" | "sending" | "sent" | "waiting";

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
  const [consultation, setConsultation] = useState<JoinOut | null | "missing">(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [step, setStep] = useState<Step>("about");
  useEffect(() => {
    void sendWaiting();
    fetch(`/api/children/join/${encodeURIComponent(code)}`, { credentials: "omit" })
      .then(async (r) => (r.ok ? joinOut.parse(await r.json()) : "missing"))
      .then((c) => {
        setConsultation(c);
        if (c === "missing") return;
        const saved = localStorage.getItem(draftKey(code));
        const restored = saved ? (JSON.parse(saved) as Draft) : null;
        setDraft(restored ?? newDraft(c.languages[0] ?? "en"));
        if (restored?.ageBand) setStep("questions");
      })
      .catch(() => setConsultation("missing"));
  }, [code]);
  useEffect(() => {
    // Only answers still being given are kept here; once handed to the outbox they leave the draft.
    if (draft && (step === "about" || step === "questions" || step === "stop"))
      localStorage.setItem(draftKey(code), JSON.stringify(draft));
  }, [code, draft, step]);

  const lang = draft?.language ?? "en";
  const t = childTexts(lang);
  const dir = isRightToLeft(lang) ? "rtl" : "ltr";
  if (consultation === null || (consultation !== "missing" && !draft))
    return <main className="ch-child" aria-busy="true" />;
  if (consultation === "missing")
    return (
      <main className="ch-child" lang={lang}>
        <h1 className="ch-big">{t.notFound}</h1>
      </main>
    );
  const d = draft!;
  const update = (patch: Partial<Draft>) => setDraft({ ...d, ...patch });
  const band = consultation.ageBands.find((b) => b.code === d.ageBand);
  const questions = d.ageBand ? questionsForBand({ ...consultation, threshold: 10 }, d.ageBand) : [];

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
    setStep("sending");
    const left = await sendWaiting();
    setStep(left ? "waiting" : "sent");
  };
  const startOver = () => {
    localStorage.removeItem(draftKey(code));
    setDraft(newDraft(d.language));
    setStep("about");
  };

  return (
    <main className="ch-child" lang={lang} dir={dir}>
      <header className="ch-child-head">
        <h1>{pickText(consultation.title, lang)}</h1>
        {consultation.languages.length > 1 && (
          <label className="ch-lang">
            {t.language}{" "}
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
          <p className="ch-consent">{pickText(consultation.consent, lang)}</p>
          <fieldset>
            <legend>{t.age}</legend>
            <div className="ch-choices">
              {consultation.ageBands.map((b) => (
                <button
                  type="button"
                  key={b.code}
                  className="ch-choice"
                  aria-pressed={d.ageBand === b.code}
                  onClick={() => update({ ageBand: b.code })}
                >
                  {pickText(b.label, lang)}
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
              {t.guardian}
            </label>
          )}
          <fieldset>
            <legend>{t.gender}</legend>
            <div className="ch-choices">
              {consultation.genders.map((g) => (
                <button
                  type="button"
                  key={g}
                  className="ch-choice"
                  aria-pressed={d.gender === g}
                  onClick={() => update({ gender: d.gender === g ? undefined : g })}
                >
                  {t[g]}
                </button>
              ))}
            </div>
          </fieldset>
          {consultation.regions.length > 0 && (
            <label className="ch-field">
              {t.region}
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
            {t.agree}
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
        />
      )}
      {step === "stop" && (
        <section className="ch-card">
          <h2>{t.stopTitle}</h2>
          <button type="button" className="ch-primary" onClick={() => void finish()}>
            {t.stopSend}
          </button>
          <button type="button" className="ch-secondary" onClick={startOver}>
            {t.stopDelete}
          </button>
          <button type="button" className="ch-secondary" onClick={() => setStep("questions")}>
            {t.keepGoing}
          </button>
        </section>
      )}
      {step === "sending" && (
        <p className="ch-big" role="status">
          {t.sending}
        </p>
      )}
      {(step === "sent" || step === "waiting") && (
        <section className="ch-card" role="status">
          <p className="ch-big">{step === "sent" ? t.sent : t.waiting}</p>
          {step === "waiting" && (
            <button
              type="button"
              className="ch-secondary"
              onClick={() => void sendWaiting().then((left) => setStep(left ? "waiting" : "sent"))}
            >
              {t.retry}
            </button>
          )}
          {consultation.sharedDevice ? (
            <button type="button" className="ch-primary" onClick={startOver}>
              {t.nextChild}
            </button>
          ) : (
            <p className="ch-done">✓ {t.done}</p>
          )}
        </section>
      )}
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
}

const SMILEYS: Record<string, string> = { "1": "😢", "2": "🙁", "3": "😐", "4": "🙂", "5": "😄" };
const SMILEY_3: Record<string, string> = { "1": "🙁", "2": "😐", "3": "🙂" };

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
}: QuestionCardProps) {
  const t = childTexts(lang);
  const text = questionText(question, band, lang);
  const choose = (v: string) => onAnswer(value === v ? undefined : v);
  const options: { value: string; label: string; picture?: string }[] =
    question.type === "yes-no"
      ? (["yes", "no", "not-sure"] as const).map((v) => ({
          value: v,
          label: t[v],
          picture: { yes: "👍", no: "👎", "not-sure": "🤷" }[v],
        }))
      : question.type === "smiley-5" || question.type === "smiley-3"
        ? Object.entries(question.type === "smiley-5" ? SMILEYS : SMILEY_3).map(([v, face], i, all) => ({
            value: v,
            label: i === 0 ? t.smiley1 : i === all.length - 1 ? t.smiley5 : v,
            picture: face,
          }))
        : question.options.map((o) => ({
            value: o.value,
            label: pickText(o.label, lang),
            picture: o.picture,
          }));
  const selected = Array.isArray(value) ? value : value === undefined ? [] : [String(value)];
  return (
    <section className="ch-card" aria-labelledby="ch-question">
      <p className="ch-progress">
        {t.question.replace("{n}", String(position.n)).replace("{total}", String(position.total))}
      </p>
      <h2 id="ch-question" className="ch-question">
        {text}
      </h2>
      {question.audio && (
        <ListenButton
          src={`/api/children/join/${encodeURIComponent(code)}/audio/${question.audio}`}
          label={t.listen}
        />
      )}
      {question.type === "number" ? (
        <label className="ch-field">
          {t.number}
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
          {t.text}
          <textarea
            maxLength={500}
            rows={4}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onAnswer(e.target.value.trim() ? e.target.value : undefined)}
          />
          <span className="ch-hint">{t.textHint}</span>
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
              <span>{o.label}</span>
            </button>
          ))}
        </div>
      )}
      <nav className="ch-nav">
        {onBack && (
          <button type="button" className="ch-secondary" onClick={onBack}>
            {t.back}
          </button>
        )}
        <button type="button" className="ch-primary" onClick={onNext}>
          {isLast ? t.send : value === undefined ? t.skip : t.next}
        </button>
      </nav>
      <button type="button" className="ch-stop" onClick={onStop}>
        {t.stop}
      </button>
    </section>
  );
}
