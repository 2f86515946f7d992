import { type ReactNode, useEffect, useId, useRef } from "react";
import { useLanguage } from "../i18n/language.tsx";

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus
 * inside and closes it on Escape; focus goes back to where it was.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useLanguage();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? "rv-dialog rv-dialog--wide" : "rv-dialog"}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="rv-dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="rv-icon-button" onClick={onClose} aria-label={t("rvClose")}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** A yes/no question before a step that cannot be undone in one click. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
  canConfirm = true,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  canConfirm?: boolean;
}) {
  const { t } = useLanguage();
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && canConfirm) onConfirm();
        }}
      >
        {children}
        {error && (
          <p className="rv-error" role="alert">
            {error}
          </p>
        )}
        <div className="rv-dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t("rvCancel")}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || !canConfirm}>
            {busy ? t("rvWorking") : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
