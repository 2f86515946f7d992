import { type FormEvent, useState } from "react";
import { ApiRequestError } from "../api/send-api.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { FormField, FormMessage } from "./form-field.tsx";

/** The second step of sign-in: a code from the authenticator app, or a recovery code. */
export function SecondFactorForm({
  challengeToken,
  onRestart,
}: {
  challengeToken: string;
  onRestart: () => void;
}) {
  const { t } = useLanguage();
  const { completeSignIn } = useSession();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await completeSignIn(challengeToken, code.trim());
    } catch (failure) {
      setCode("");
      const status = failure instanceof ApiRequestError ? failure.status : 0;
      if (status === 401) setError(t("tfWrongCode"));
      else if (status === 429) setError(t("tooManyAttempts"));
      else if (status === 400) {
        setExpired(true);
        setError(t("tfExpired"));
      } else setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate>
      <h2>{t("tfCodeTitle")}</h2>
      <p>{t("tfCodeLead")}</p>
      {error && <FormMessage kind="error">{error}</FormMessage>}
      <FormField
        id="sign-in-code"
        label={t("tfCode")}
        hint={t("tfCodeHint")}
        autoComplete="one-time-code"
        spellCheck={false}
        dir="ltr"
        required
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || expired}>
          {busy ? t("working") : t("tfVerify")}
        </button>
        <button type="button" className="button" onClick={onRestart}>
          {t("tfStartAgain")}
        </button>
      </div>
    </form>
  );
}
