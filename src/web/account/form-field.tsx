import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * A labelled input with its hint and error underneath, tied together with
 * aria-describedby so a screen reader reads the error with the field.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`form-field${error ? " form-field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children ?? (
        <input id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...input} />
      )}
      {hint && (
        <p className="form-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** The message under a field that the server or the form refused. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="form-field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** Ids for aria-describedby of a custom control (a select, a fieldset) with a hint and an error. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

/** A form-level message: success in a polite live region, a failure as an alert. */
export function FormMessage({ kind, children }: { kind: "ok" | "error"; children: ReactNode }) {
  return kind === "ok" ? (
    <p className="form-message form-message--ok" role="status">
      <span aria-hidden="true">✓ </span>
      {children}
    </p>
  ) : (
    <p className="form-message form-message--error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}
