import { useEffect, useRef } from "react";
import type { Indicator } from "../../core/index.ts";
import type { CurrentAnswer } from "../../server/api-schemas/assessments.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { AnswerContent } from "./answer-saver.ts";
import { describeValue } from "./describe-value.ts";

/**
 * Someone else saved this answer first: shows both values side by side and
 * lets the person keep theirs or take the other one. A modal <dialog> keeps
 * focus inside, closes on Escape ("decide later") and gives focus back.
 */
export function ConflictDialog({
  indicator,
  mine,
  theirs,
  onKeepMine,
  onUseTheirs,
  onLater,
  fallbackLanguage,
}: {
  indicator: Indicator;
  fallbackLanguage: string;
  mine: AnswerContent;
  theirs: CurrentAnswer;
  onKeepMine: () => void;
  onUseTheirs: () => void;
  onLater: () => void;
}) {
  const { t, lang, pick } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const name = theirs.updatedBy ?? t("wsSomeone");
  const when = theirs.updatedAt
    ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(theirs.updatedAt),
      )
    : "";
  return (
    <dialog
      ref={dialog}
      className="conflict-dialog"
      aria-labelledby="conflict-title"
      onCancel={(e) => {
        e.preventDefault();
        onLater();
      }}
    >
      <h2 id="conflict-title">{t("wsConflictTitle")}</h2>
      <p className="conflict-dialog__question">
        <span className="answer-card__code">{indicator.code}</span> {pick(indicator.text, fallbackLanguage)}
      </p>
      <p>{t("wsConflictIntro", { name })}</p>
      <div className="conflict-dialog__compare">
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">{t("wsYourValue")}</h3>
          <p className="conflict-dialog__value">{describeValue(indicator, mine, t, lang)}</p>
        </section>
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">{t("wsTheirValue")}</h3>
          <p className="conflict-dialog__value">{describeValue(indicator, theirs, t, lang)}</p>
          <p className="muted">{t("wsTheirMeta", { name, when })}</p>
        </section>
      </div>
      <div className="button-group">
        <button type="button" className="button button--primary" onClick={onKeepMine}>
          {t("wsKeepMine")}
        </button>
        <button type="button" className="button" onClick={onUseTheirs}>
          {t("wsUseTheirs")}
        </button>
        <button type="button" className="link-button" onClick={onLater}>
          {t("wsLater")}
        </button>
      </div>
    </dialog>
  );
}
