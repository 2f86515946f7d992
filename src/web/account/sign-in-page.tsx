import { type FormEvent, useEffect, useState } from "react";
import { ApiRequestError } from "../api/send-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link, navigate, useLocation } from "../routing/router.tsx";
import { paths, safeNext } from "../routing/routes.ts";
import { FormField, FormMessage } from "./form-field.tsx";
import { SecondFactorForm } from "./second-factor-form.tsx";

/**
 * E-mail and password, then the authenticator code when the account has
 * two-factor sign-in; afterwards back to the page that asked for sign-in.
 */
export function SignInPage() {
  const { t } = useLanguage();
  const { user, signIn } = useSession();
  const { search } = useLocation();
  const next = safeNext(search.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [challengeToken, setChallengeToken] = useState<string | null>(null);

  useEffect(() => {
    if (user && !busy) navigate(next, { replace: true });
  }, [user, busy, next]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const challenge = await signIn(email.trim(), password);
      setPassword("");
      if (challenge) setChallengeToken(challenge.challengeToken);
      else navigate(next, { replace: true });
    } catch (failure) {
      setPassword("");
      if (failure instanceof ApiRequestError && (failure.status === 401 || failure.status === 400))
        setError(t("wrongCredentials"));
      else if (failure instanceof ApiRequestError && failure.status === 429) setError(t("tooManyAttempts"));
      else if (failure instanceof ApiRequestError && failure.status === 403)
        setError(t("umSignInDeactivated"));
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow-page">
      <PageTitle text={t("signInTitle")}>{t("signInTitle")}</PageTitle>
      <p className="lead">{search.get("next") ? t("signInNeeded") : t("signInLead")}</p>
      {challengeToken ? (
        <SecondFactorForm challengeToken={challengeToken} onRestart={() => setChallengeToken(null)} />
      ) : (
        <form className="card form" onSubmit={onSubmit} noValidate>
          {error && <FormMessage kind="error">{error}</FormMessage>}
          <FormField
            id="sign-in-email"
            label={t("email")}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <FormField
            id="sign-in-password"
            label={t("password")}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t("working") : t("signIn")}
            </button>
            <Link to={paths.forgotPassword()}>{t("forgotPasswordLink")}</Link>
          </div>
        </form>
      )}
      <p className="lead">
        {t("publicPortalLead")} <a href="/portal/">{t("publicPortal")}</a>
      </p>
    </div>
  );
}
