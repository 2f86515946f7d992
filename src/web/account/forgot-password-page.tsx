import { type FormEvent, useState } from "react";
import { z } from "zod";
import { sendApi } from "../api/send-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { sortServerErrors } from "./field-errors.ts";
import { FormField, FormMessage } from "./form-field.tsx";

const accepted = z.object({ ok: z.literal(true) });

/**
 * Asks for a reset link. The confirmation is the same whether the account
 * exists or not, so the page does not tell who has an account.
 */
export function ForgotPasswordPage() {
  const { t } = useLanguage();
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendApi("POST", "/api/auth/password-reset", { email: email.trim() }, accepted);
      setSentTo(email.trim());
    } catch (failure) {
      const sorted = sortServerErrors(failure, ["email"]);
      setError(sorted.fields.email ?? sorted.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow-page">
      <PageTitle text={t("forgotTitle")}>{t("forgotTitle")}</PageTitle>
      <p className="lead">{t("forgotLead")}</p>
      <form className="card form" onSubmit={onSubmit} noValidate>
        {sentTo && <FormMessage kind="ok">{t("resetRequested", { email: sentTo })}</FormMessage>}
        <FormField
          id="forgot-email"
          label={t("email")}
          type="email"
          autoComplete="email"
          required
          value={email}
          error={error ?? undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t("working") : t("sendResetLink")}
          </button>
          <Link to={paths.signIn()}>{t("backToSignIn")}</Link>
        </div>
      </form>
    </div>
  );
}
