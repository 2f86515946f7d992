import { useState } from "react";
import { z } from "zod";
import {
  ANSWER_TYPES,
  type ChildAnswerType,
  type ConsultationDefinition,
  LINK_KINDS,
  type LinkKind,
  type Question,
} from "../../core/index.ts";
import { consultationOut } from "../../server/api-schemas/children.ts";
import { organisationOut } from "../../server/api-schemas/results.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { Link, navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import "./children.css";

/** Languages a consultation may be written in (the child's page reads them all; Arabic right to left). */
const LANGUAGES = ["en", "fr", "ar", "ru", "ro", "es", "pt"] as const;

type Text = Record<string, string>;

const STARTER: ConsultationDefinition = {
  title: { en: "" },
  consent: {
    en: "You do not have to answer. You can stop at any time. Nobody will know what you answered.",
  },
  languages: ["en"],
  ageBands: [
    { code: "8-12", label: { en: "8 to 12" }, guardianConsent: true },
    { code: "13-17", label: { en: "13 to 17" }, guardianConsent: false },
  ],
  regions: [],
  threshold: 10,
  questions: [newQuestion(1)],
};

function newQuestion(n: number): Question {
  return { code: `q${n}`, type: "yes-no", text: { en: "" }, versions: {}, bands: [], options: [], links: [] };
}

/** Drops empty texts, so "not written in this language" is not sent as an empty wording. */
function clean(def: ConsultationDefinition): ConsultationDefinition {
  const text = (t: Text) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.trim() !== ""));
  return {
    ...def,
    title: text(def.title),
    consent: text(def.consent),
    ageBands: def.ageBands.map((b) => ({ ...b, label: text(b.label) })),
    regions: def.regions.map((r) => r.trim()).filter(Boolean),
    questions: def.questions.map((q) => ({
      ...q,
      text: text(q.text),
      versions: Object.fromEntries(
        Object.entries(q.versions)
          .map(([band, v]) => [band, text(v)] as const)
          .filter(([, v]) => Object.keys(v).length > 0),
      ),
      options: q.options.map((o) => ({
        ...o,
        label: text(o.label),
        picture: o.picture?.trim() || undefined,
      })),
      links: q.links.filter((l) => l.ref.trim() !== ""),
    })),
  };
}

/** The designer of a new consultation (`id` absent) or of a draft. */
export function DesignerPage({ id }: { id?: string }) {
  const { t } = useLanguage();
  const { user } = useSession();
  const existing = useApi(id ? `/api/children/consultations/${id}` : null, consultationOut);
  const organisations = useApi(!id && user ? "/api/results/organisations" : null, z.array(organisationOut));
  if (user === null) return <Link to={paths.signIn(paths.childrenNew())}>{t("rcSignIn")}</Link>;
  if (id) {
    if (existing.status === "loading") return <Loading />;
    if (existing.status === "error")
      return (
        <div className="ch-page">
          <PageTitle text={t("cdTitleEdit")}>{t("cdTitleEdit")}</PageTitle>
          <ErrorMessage message={existing.message} onRetry={existing.reload} />
        </div>
      );
    const c = existing.data;
    if (c.status !== "draft" || !c.may.design)
      return (
        <div className="ch-page">
          <PageTitle text={t("cdTitleEdit")}>{t("cdTitleEdit")}</PageTitle>
          <p role="status">{t("cdNotDraft")}</p>
          <Link to={paths.childrenConsultation(c.id)}>{t("cdBack")}</Link>
        </div>
      );
    return <Designer key={`${c.id}-${c.version}`} id={c.id} version={c.version} initial={c.definition} />;
  }
  if (organisations.status === "loading") return <Loading />;
  if (organisations.status === "error")
    return <ErrorMessage message={organisations.message} onRetry={organisations.reload} />;
  const mine = organisations.data.filter((o) => o.mayEdit);
  return <Designer organisations={mine} initial={STARTER} />;
}

interface DesignerProps {
  id?: string;
  version?: number;
  initial: ConsultationDefinition;
  organisations?: z.infer<typeof organisationOut>[];
}

function Designer({ id, version, initial, organisations }: DesignerProps) {
  const { t } = useLanguage();
  const [def, setDef] = useState<ConsultationDefinition>(initial);
  const [organisationId, setOrganisationId] = useState(organisations?.[0]?.id ?? "");
  const [problems, setProblems] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const patch = (p: Partial<ConsultationDefinition>) => setDef({ ...def, ...p });
  const setQuestion = (i: number, q: Question) =>
    patch({ questions: def.questions.map((x, k) => (k === i ? q : x)) });
  const langs = def.languages;
  const title = id ? t("cdTitleEdit") : t("cdTitleNew");

  const save = async () => {
    setSaving(true);
    setProblems(null);
    try {
      const definition = clean(def);
      if (id) {
        await sendApi(
          "PUT",
          `/api/children/consultations/${id}`,
          { definition, expectedVersion: version },
          z.null(),
        );
        navigate(paths.childrenConsultation(id));
      } else {
        const created = await sendApi(
          "POST",
          "/api/children/consultations",
          { organisationId, definition },
          z.object({ id: z.uuid() }),
        );
        navigate(paths.childrenConsultation(created.id));
      }
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) setProblems([t("cdConflict")]);
      else if (error instanceof ApiRequestError) {
        const body = error.body as { error?: string; details?: string[] } | null;
        setProblems([body?.error ?? error.message, ...(body?.details ?? [])]);
      } else setProblems([(error as Error).message]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="ch-page cd-designer">
      <PageTitle text={title}>{title}</PageTitle>
      <p className="lead">{t("cdLead")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="cd-section" aria-labelledby="cd-about">
          <h2 id="cd-about">{t("cdAbout")}</h2>
          {organisations && (
            <label className="cd-field">
              {t("rsColOrganisation")}
              <select value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} required>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="cd-languages">
            <legend>{t("cdLanguages")}</legend>
            {LANGUAGES.map((l) => (
              <label key={l} className="cd-check">
                <input
                  type="checkbox"
                  checked={langs.includes(l)}
                  onChange={(e) =>
                    patch({
                      languages: e.target.checked ? [...langs, l] : langs.filter((x) => x !== l),
                    })
                  }
                />{" "}
                <span lang={l}>{languageName(l)}</span>
              </label>
            ))}
          </fieldset>
          <LocalInputs
            label={t("cdConsultationTitle")}
            value={def.title}
            langs={langs}
            onChange={(title) => patch({ title })}
          />
          <LocalInputs
            label={t("cdConsent")}
            value={def.consent}
            langs={langs}
            multiline
            onChange={(consent) => patch({ consent })}
          />
          <label className="cd-field">
            {t("cdThreshold")}
            <input
              className="cd-short"
              type="number"
              min={5}
              max={100}
              value={def.threshold}
              onChange={(e) => patch({ threshold: Number(e.target.value) })}
            />
            <span className="ch-note">{t("cdThresholdHint")}</span>
          </label>
          <label className="cd-field">
            {t("cdRegions")}
            <textarea
              rows={3}
              value={def.regions.join("\n")}
              onChange={(e) => patch({ regions: e.target.value.split("\n") })}
            />
            <span className="ch-note">{t("cdRegionsHint")}</span>
          </label>
        </section>

        <section className="cd-section" aria-labelledby="cd-bands">
          <h2 id="cd-bands">{t("cdAgeBands")}</h2>
          <p className="ch-note">{t("cdAgeBandsHint")}</p>
          {def.ageBands.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id before they are saved.
            <fieldset key={i} className="cd-card">
              <legend>{t("cdAgeBand", { n: i + 1 })}</legend>
              <label className="cd-field cd-narrow">
                {t("cdBandCode")}
                <input
                  value={b.code}
                  placeholder="8-12"
                  onChange={(e) =>
                    patch({
                      ageBands: def.ageBands.map((x, k) => (k === i ? { ...x, code: e.target.value } : x)),
                    })
                  }
                />
              </label>
              <LocalInputs
                label={t("cdBandLabel")}
                value={b.label}
                langs={langs}
                onChange={(label) =>
                  patch({ ageBands: def.ageBands.map((x, k) => (k === i ? { ...x, label } : x)) })
                }
              />
              <label className="cd-check">
                <input
                  type="checkbox"
                  checked={b.guardianConsent}
                  onChange={(e) =>
                    patch({
                      ageBands: def.ageBands.map((x, k) =>
                        k === i ? { ...x, guardianConsent: e.target.checked } : x,
                      ),
                    })
                  }
                />{" "}
                {t("cdGuardian")}
              </label>
              <button
                type="button"
                className="cd-remove"
                onClick={() => patch({ ageBands: def.ageBands.filter((_, k) => k !== i) })}
              >
                {t("cdRemoveBand")}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              patch({ ageBands: [...def.ageBands, { code: "", label: {}, guardianConsent: false }] })
            }
          >
            {t("cdAddBand")}
          </button>
        </section>

        <section className="cd-section" aria-labelledby="cd-questions">
          <h2 id="cd-questions">{t("cdQuestions")}</h2>
          <p className="ch-note">{t("cdQuestionsHint")}</p>
          {def.questions.map((q, i) => (
            <QuestionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id before they are saved.
              key={i}
              n={i + 1}
              question={q}
              def={def}
              consultationId={id}
              onChange={(next) => setQuestion(i, next)}
              onRemove={() => patch({ questions: def.questions.filter((_, k) => k !== i) })}
              onMove={(by) => {
                const to = i + by;
                if (to < 0 || to >= def.questions.length) return;
                const questions = [...def.questions];
                [questions[i], questions[to]] = [questions[to]!, questions[i]!];
                patch({ questions });
              }}
            />
          ))}
          <button
            type="button"
            onClick={() => patch({ questions: [...def.questions, newQuestion(def.questions.length + 1)] })}
          >
            {t("cdAddQuestion")}
          </button>
        </section>

        {problems && (
          <div className="cd-problems" role="alert">
            <p>{problems[0]}</p>
            {problems.length > 1 && (
              <ul>
                {problems.slice(1).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <p className="ch-actions">
          <button type="submit" className="primary" disabled={saving || (!id && !organisationId)}>
            {id ? t("cdSave") : t("cdCreate")}
          </button>
          {id && <Link to={paths.childrenConsultation(id)}>{t("cdBack")}</Link>}
        </p>
      </form>
    </div>
  );
}

function languageName(code: string): string {
  return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
}

/** One text field per language of the consultation, each marked with its language and direction. */
function LocalInputs({
  label,
  value,
  langs,
  multiline,
  onChange,
}: {
  label: string;
  value: Text;
  langs: readonly string[];
  multiline?: boolean;
  onChange: (next: Text) => void;
}) {
  return (
    <fieldset className="cd-local">
      <legend>{label}</legend>
      {langs.map((l) => {
        const dir = l === "ar" ? "rtl" : "ltr";
        const name = `${label} (${languageName(l)})`;
        const change = (e: { target: { value: string } }) => onChange({ ...value, [l]: e.target.value });
        return (
          <div key={l} className="cd-lang-row">
            <span className="cd-lang-code" aria-hidden="true">
              {l}
            </span>
            {multiline ? (
              <textarea
                rows={2}
                lang={l}
                dir={dir}
                aria-label={name}
                value={value[l] ?? ""}
                onChange={change}
              />
            ) : (
              <input lang={l} dir={dir} aria-label={name} value={value[l] ?? ""} onChange={change} />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

const TYPE_LABELS: Record<ChildAnswerType, MessageKey> = {
  "yes-no": "cdTypeYesNo",
  "smiley-3": "cdTypeSmiley3",
  "smiley-5": "cdTypeSmiley5",
  single: "cdTypeSingle",
  multiple: "cdTypeMultiple",
  number: "cdTypeNumber",
  "short-text": "cdTypeText",
};

function QuestionEditor({
  n,
  question: q,
  def,
  consultationId,
  onChange,
  onRemove,
  onMove,
}: {
  n: number;
  question: Question;
  def: ConsultationDefinition;
  consultationId?: string;
  onChange: (q: Question) => void;
  onRemove: () => void;
  onMove: (by: number) => void;
}) {
  const { t } = useLanguage();
  const set = (p: Partial<Question>) => onChange({ ...q, ...p });
  const choice = q.type === "single" || q.type === "multiple";
  const bands = def.ageBands.map((b) => b.code).filter(Boolean);
  const [upload, setUpload] = useState<string | null>(null);
  const uploadAudio = async (file: File) => {
    const form = new FormData();
    form.append("file", file);
    setUpload(t("cdUploading"));
    try {
      const stored = await sendApi(
        "POST",
        `/api/children/consultations/${consultationId}/audio`,
        form,
        z.object({ id: z.uuid(), fileName: z.string() }),
      );
      set({ audio: stored.id });
      setUpload(null);
    } catch (error) {
      setUpload((error as Error).message);
    }
  };
  return (
    <fieldset className="cd-card cd-question">
      <legend>{t("cdQuestion", { n })}</legend>
      <div className="cd-row">
        <label className="cd-field cd-narrow">
          {t("cdCode")}
          <input value={q.code} onChange={(e) => set({ code: e.target.value })} />
        </label>
        <label className="cd-field cd-narrow">
          {t("cdType")}
          <select
            value={q.type}
            onChange={(e) => {
              const type = e.target.value as ChildAnswerType;
              const nowChoice = type === "single" || type === "multiple";
              set({
                type,
                options: nowChoice
                  ? q.options.length
                    ? q.options
                    : [
                        { value: "a", label: {} },
                        { value: "b", label: {} },
                      ]
                  : [],
              });
            }}
          >
            {ANSWER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(TYPE_LABELS[type])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LocalInputs
        label={t("cdWording")}
        value={q.text}
        langs={def.languages}
        onChange={(text) => set({ text })}
      />
      {bands.length > 1 && (
        <fieldset className="cd-bands">
          <legend>{t("cdAskedOf")}</legend>
          {bands.map((b) => (
            <label key={b} className="cd-check">
              <input
                type="checkbox"
                checked={q.bands.length === 0 || q.bands.includes(b)}
                onChange={(e) => {
                  const current = q.bands.length ? q.bands : bands;
                  const next = e.target.checked ? [...current, b] : current.filter((x) => x !== b);
                  set({ bands: next.length === bands.length ? [] : next });
                }}
              />{" "}
              {b}
            </label>
          ))}
        </fieldset>
      )}
      <details className="cd-versions" open={Object.keys(q.versions).length > 0}>
        <summary>{t("cdVersions")}</summary>
        <p className="ch-note">{t("cdVersionsHint")}</p>
        {bands
          .filter((b) => q.bands.length === 0 || q.bands.includes(b))
          .map((b) => (
            <LocalInputs
              key={b}
              label={t("cdVersionFor", { band: b })}
              value={q.versions[b] ?? {}}
              langs={def.languages}
              onChange={(v) => set({ versions: { ...q.versions, [b]: v } })}
            />
          ))}
      </details>
      {choice && (
        <fieldset className="cd-options">
          <legend>{t("cdOptions")}</legend>
          {q.options.map((o, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id before they are saved.
            <div key={k} className="cd-option">
              <label className="cd-field cd-narrow">
                {t("cdOptionValue")}
                <input
                  value={o.value}
                  onChange={(e) =>
                    set({ options: q.options.map((x, j) => (j === k ? { ...x, value: e.target.value } : x)) })
                  }
                />
              </label>
              <label className="cd-field cd-picture">
                {t("cdPicture")}
                <input
                  value={o.picture ?? ""}
                  placeholder="🏫"
                  onChange={(e) =>
                    set({
                      options: q.options.map((x, j) => (j === k ? { ...x, picture: e.target.value } : x)),
                    })
                  }
                />
              </label>
              <LocalInputs
                label={t("cdOptionLabel", { n: k + 1 })}
                value={o.label}
                langs={def.languages}
                onChange={(label) =>
                  set({ options: q.options.map((x, j) => (j === k ? { ...x, label } : x)) })
                }
              />
              <button
                type="button"
                className="cd-remove"
                onClick={() => set({ options: q.options.filter((_, j) => j !== k) })}
              >
                {t("cdRemoveOption")}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => set({ options: [...q.options, { value: `o${q.options.length + 1}`, label: {} }] })}
          >
            {t("cdAddOption")}
          </button>
        </fieldset>
      )}
      {q.type === "number" && (
        <div className="cd-row">
          <label className="cd-field cd-narrow">
            {t("cdMin")}
            <input
              type="number"
              value={q.min ?? ""}
              onChange={(e) => set({ min: e.target.value === "" ? undefined : Number(e.target.value) })}
            />
          </label>
          <label className="cd-field cd-narrow">
            {t("cdMax")}
            <input
              type="number"
              value={q.max ?? ""}
              onChange={(e) => set({ max: e.target.value === "" ? undefined : Number(e.target.value) })}
            />
          </label>
        </div>
      )}
      <fieldset className="cd-links">
        <legend>{t("cdLinks")}</legend>
        <p className="ch-note">{t("cdLinksHint")}</p>
        {q.links.map((l, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id before they are saved.
          <div key={k} className="cd-row">
            <select
              aria-label={t("cdLinkKind")}
              value={l.kind}
              onChange={(e) =>
                set({
                  links: q.links.map((x, j) => (j === k ? { ...x, kind: e.target.value as LinkKind } : x)),
                })
              }
            >
              {LINK_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t("cdLinkKindName", { kind })}
                </option>
              ))}
            </select>
            <input
              aria-label={t("cdLinkRef")}
              value={l.ref}
              placeholder={l.kind === "article" ? "12" : l.kind === "indicator" ? "GOV-1" : ""}
              onChange={(e) =>
                set({ links: q.links.map((x, j) => (j === k ? { ...x, ref: e.target.value } : x)) })
              }
            />
            <button
              type="button"
              className="cd-remove"
              onClick={() => set({ links: q.links.filter((_, j) => j !== k) })}
            >
              {t("cdRemoveLink")}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ links: [...q.links, { kind: "indicator", ref: "" }] })}>
          {t("cdAddLink")}
        </button>
      </fieldset>
      <div className="cd-audio">
        <strong>{t("cdAudio")}</strong>{" "}
        {q.audio && consultationId ? (
          <>
            <audio controls src={`/api/children/consultations/${consultationId}/audio/${q.audio}`}>
              <track kind="captions" />
            </audio>
            <button type="button" className="cd-remove" onClick={() => set({ audio: undefined })}>
              {t("cdRemoveAudio")}
            </button>
          </>
        ) : consultationId ? (
          <label className="cd-field">
            {t("cdAudioUpload")}
            <input
              type="file"
              accept="audio/*,.mp3,.m4a,.ogg,.opus,.wav,.webm"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void uploadAudio(file);
              }}
            />
          </label>
        ) : (
          <span className="ch-note">{t("cdAudioAfterSave")}</span>
        )}
        {upload && <p role="status">{upload}</p>}
      </div>
      <p className="cd-question-actions">
        <button type="button" onClick={() => onMove(-1)} disabled={n === 1}>
          {t("cdMoveUp")}
        </button>
        <button type="button" onClick={() => onMove(1)} disabled={n === def.questions.length}>
          {t("cdMoveDown")}
        </button>
        <button type="button" className="cd-remove" onClick={onRemove} disabled={def.questions.length === 1}>
          {t("cdRemoveQuestion")}
        </button>
      </p>
    </fieldset>
  );
}
