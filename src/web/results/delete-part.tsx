import { type ReactNode, useState } from "react";
import { z } from "zod";
import { sendApi } from "../api/send-api.ts";
import { ConfirmDialog } from "../review/dialog.tsx";

/**
 * A button that deletes a plan or a part of it after a confirmation naming what goes with
 * it; the server refuses (409) what may not be deleted, and the dialog shows its reason.
 */
export function DeleteButton({
  url,
  label,
  title,
  confirmLabel,
  children,
  onDeleted,
  disabled = false,
}: {
  url: string;
  label: string;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onDeleted: () => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await sendApi("DELETE", url, undefined, z.null());
      setOpen(false);
      onDeleted();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button rs-delete" disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && (
        <ConfirmDialog
          title={title}
          confirmLabel={confirmLabel}
          busy={busy}
          error={error}
          onConfirm={() => void remove()}
          onClose={() => {
            setOpen(false);
            setError(null);
          }}
        >
          {children}
        </ConfirmDialog>
      )}
    </>
  );
}
