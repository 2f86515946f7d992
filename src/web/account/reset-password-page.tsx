import { type FormEvent, useState } from "react";
import { z } from "zod";
import { sendApi } from "../api/send-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { sortServerErrors } from "./field-errors.ts";
import { describedBy, FormField, FormMessage } from "./form-field.tsx";
import { checkNewPassword } from "./new-password.ts";
import { PasswordStrength, usePasswordCheck } from "./password-strength.tsx";
import { readTokenFromHash } from "./token-from-hash.ts";

/** A reset link does not tell the page whose account it is: the server checks name and e-mail. */
const NO_OWNER = {};
const done = z.object({ ok: z.literal(true) });

/** Chooses a new password with the token of a reset link (`/reset-password#token=…`). */
export function ResetPasswordPage() {
  const { t } = useLanguage();
  const [token] = useState(() => readTokenFromHash(window.location.hash));
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const strength = usePasswordCheck(password, NO_OWNER);
  const [fieldErrors, setFieldErrors] = useState<{ password?: string; repeat?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [finished, setFinished] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems = checkNewPassword(password, repeat, strength);
    setFieldErrors({
      password: problems.password && t(problems.password),
      repeat: problems.repeat && t(problems.repeat),
    });
    setError(null);
    if (problems.password || problems.repeat || !token) return;
    setBusy(true);
    try {
      await sendApi("POST", "/api/auth/password-reset/confirm", { token, password }, done);
      setFinished(true);
    } catch (failure) {
      const sorted = sortServerErrors(failure, ["password"]);
      setFieldErrors({ password: sorted.fields.password });
      setError(sorted.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow-page">
      <PageTitle text={t("resetTitle")}>{t("resetTitle")}</PageTitle>
      {!token && <FormMessage kind="error">{t("missingToken")}</FormMessage>}
      {finished ? (
        <>
          <FormMessage kind="ok">{t("resetDone")}</FormMessage>
          <Link className="button button--primary" to={paths.signIn()}>
            {t("signIn")}
          </Link>
        </>
      ) : (
        <form className="card form" onSubmit={onSubmit} noValidate>
          {error && <FormMessage kind="error">{error}</FormMessage>}
          <FormField
            id="reset-password"
            label={t("newPassword")}
            hint={t("passwordHint")}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            error={fieldErrors.password}
            aria-describedby={`${describedBy("reset-password", "hint", fieldErrors.password)} reset-password-strength`}
            onChange={(e) => setPassword(e.target.value)}
          />
          <PasswordStrength id="reset-password-strength" check={strength} />
          <FormField
            id="reset-repeat"
            label={t("repeatPassword")}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            error={fieldErrors.repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy || !token}>
              {busy ? t("working") : t("setPassword")}
            </button>
            <Link to={paths.forgotPassword()}>{t("forgotPasswordLink")}</Link>
          </div>
        </form>
      )}
    </div>
  );
}
