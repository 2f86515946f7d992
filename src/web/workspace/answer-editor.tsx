import { useEffect, useId, useRef, useState } from "react";
import type { Indicator } from "../../core/index.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { AnswerContent } from "./answer-saver.ts";
import { formatNumberText, parseNumberText } from "./number-text.ts";

/** How an editor reports a change: the content, how long to wait before sending, and why it cannot be sent. */
export type OnEdit = (content: AnswerContent, delay: number, invalid?: string) => void;

/** Typing waits this long after the last key before it is sent. */
export const TYPING_DELAY = 600;

interface EditorProps {
  indicator: Indicator;
  content: AnswerContent;
  disabled: boolean;
  onEdit: OnEdit;
  labelId: string;
  /** The framework's default language, for texts missing in the reader's. */
  fallbackLanguage: string;
}

/** The editor for the indicator's answer type. */
export function AnswerEditor(props: EditorProps) {
  switch (props.indicator.type) {
    case "checklist":
      return <ChecklistEditor {...props} />;
    case "scale":
      return <ScaleEditor {...props} />;
    default:
      return <NumberEditor {...props} />;
  }
}

function ChecklistEditor({ content, disabled, onEdit, labelId }: EditorProps) {
  const { t } = useLanguage();
  const name = useId();
  const noteId = useId();
  const value = typeof content.value === "string" ? content.value : null;
  const [note, setNote] = useState(content.justification ?? "");
  useEffect(() => setNote(content.justification ?? ""), [content.justification]);
  const required = t("wsJustificationRequired");
  const choose = (choice: string) => {
    if (choice === "na") onEdit({ value: "na", justification: note }, 0, note.trim() ? undefined : required);
    else onEdit({ value: choice, justification: null }, 0);
  };
  const choices = [
    ["yes", t("wsYes")],
    ["partially", t("wsPartially")],
    ["no", t("wsNo")],
    ["na", t("wsNotApplicable")],
  ] as const;
  return (
    <div className="answer-editor">
      <div className="choice-group" role="radiogroup" aria-labelledby={labelId}>
        {choices.map(([code, label]) => (
          <label key={code} className="choice">
            <input
              type="radio"
              name={name}
              value={code}
              checked={value === code}
              disabled={disabled}
              onChange={() => choose(code)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {value === "na" && (
        <div className="field">
          <label htmlFor={noteId}>{t("wsJustification")}</label>
          <textarea
            id={noteId}
            rows={2}
            required
            value={note}
            disabled={disabled}
            aria-invalid={!note.trim()}
            onChange={(e) => {
              setNote(e.target.value);
              const text = e.target.value;
              onEdit({ value: "na", justification: text }, TYPING_DELAY, text.trim() ? undefined : required);
            }}
          />
        </div>
      )}
      <ClearButton content={content} disabled={disabled} onEdit={onEdit} />
    </div>
  );
}

function ScaleEditor({ indicator, content, disabled, onEdit, labelId, fallbackLanguage }: EditorProps) {
  const { pick } = useLanguage();
  const name = useId();
  if (indicator.type !== "scale") return null;
  return (
    <div className="answer-editor">
      <div className="choice-group" role="radiogroup" aria-labelledby={labelId}>
        {indicator.scoring.choices.map((choice) => (
          <label key={choice.code} className="choice">
            <input
              type="radio"
              name={name}
              value={choice.code}
              checked={content.value === choice.code}
              disabled={disabled}
              onChange={() => onEdit({ value: choice.code, justification: null }, 0)}
            />
            <span>{pick(choice.label, fallbackLanguage)}</span>
          </label>
        ))}
      </div>
      <ClearButton content={content} disabled={disabled} onEdit={onEdit} />
    </div>
  );
}

function NumberEditor({ indicator, content, disabled, onEdit, labelId }: EditorProps) {
  const { t, lang } = useLanguage();
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState(() => formatNumberText(content.value, lang));
  const typing = useRef(false);
  // Follow values that change from elsewhere (conflict, restore), but never under the person's fingers.
  useEffect(() => {
    if (!typing.current) setText(formatNumberText(content.value, lang));
  }, [content.value, lang]);
  const parsed = parseNumberText(text);
  const invalid = parsed !== null && Number.isNaN(parsed);
  const unit =
    indicator.type === "percentage" ? (indicator.unit ?? "%") : "unit" in indicator ? indicator.unit : "";
  const example = formatNumberText(12.5, lang);
  return (
    <div className="answer-editor">
      <div className="number-field">
        <input
          id={inputId}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={disabled}
          aria-labelledby={labelId}
          aria-describedby={invalid ? errorId : undefined}
          aria-invalid={invalid}
          onFocus={() => {
            typing.current = true;
          }}
          onBlur={() => {
            typing.current = false;
          }}
          onChange={(e) => {
            setText(e.target.value);
            const value = parseNumberText(e.target.value);
            const message =
              value !== null && Number.isNaN(value) ? t("wsNumberInvalid", { example }) : undefined;
            onEdit({ value: message ? e.target.value : value, justification: null }, TYPING_DELAY, message);
          }}
        />
        {unit && <span className="number-field__unit">{unit}</span>}
      </div>
      {invalid && (
        <p id={errorId} className="field-error">
          {t("wsNumberInvalid", { example })}
        </p>
      )}
    </div>
  );
}

function ClearButton({ content, disabled, onEdit }: Pick<EditorProps, "content" | "disabled" | "onEdit">) {
  const { t } = useLanguage();
  if (content.value === null || disabled) return null;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => onEdit({ value: null, justification: null }, 0)}
    >
      {t("wsClear")}
    </button>
  );
}
