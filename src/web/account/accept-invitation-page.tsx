import { type FormEvent, useState } from "react";
import { me } from "../../server/api-schemas/auth.ts";
import { sendApi } from "../api/send-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { sortServerErrors } from "./field-errors.ts";
import { describedBy, FormField, FormMessage } from "./form-field.tsx";
import { checkNewPassword } from "./new-password.ts";
import { PasswordStrength, usePasswordCheck } from "./password-strength.tsx";
import { readTokenFromHash } from "./token-from-hash.ts";

type Problems = { name?: string; password?: string; repeat?: string };

/** Takes the role an invitation offers: name and password, then signed in and on to "My work". */
export function AcceptInvitationPage() {
  const { t } = useLanguage();
  const { adopt } = useSession();
  const [token] = useState(() => readTokenFromHash(window.location.hash));
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const strength = usePasswordCheck(password, { name });
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = checkNewPassword(password, repeat, strength);
    const found: Problems = {
      name: name.trim() ? undefined : t("required"),
      password: checked.password && t(checked.password),
      repeat: checked.repeat && t(checked.repeat),
    };
    setProblems(found);
    setError(null);
    if (found.name || found.password || found.repeat || !token) return;
    setBusy(true);
    try {
      const user = await sendApi(
        "POST",
        "/api/invitations/accept",
        { token, name: name.trim(), password },
        me,
      );
      adopt(user);
      navigate(paths.work(), { replace: true });
    } catch (failure) {
      const sorted = sortServerErrors(failure, ["name", "password"]);
      setProblems({ name: sorted.fields.name, password: sorted.fields.password });
      setError(sorted.general);
      setBusy(false);
    }
  }

  return (
    <div className="narrow-page">
      <PageTitle text={t("acceptTitle")}>{t("acceptTitle")}</PageTitle>
      <p className="lead">{t("acceptLead")}</p>
      {!token && <FormMessage kind="error">{t("missingToken")}</FormMessage>}
      <form className="card form" onSubmit={onSubmit} noValidate>
        {error && <FormMessage kind="error">{error}</FormMessage>}
        <FormField
          id="accept-name"
          label={t("yourName")}
          autoComplete="name"
          required
          value={name}
          error={problems.name}
          onChange={(e) => setName(e.target.value)}
        />
        <FormField
          id="accept-password"
          label={t("password")}
          hint={t("passwordHint")}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          error={problems.password}
          aria-describedby={`${describedBy("accept-password", "hint", problems.password)} accept-password-strength`}
          onChange={(e) => setPassword(e.target.value)}
        />
        <PasswordStrength id="accept-password-strength" check={strength} />
        <FormField
          id="accept-repeat"
          label={t("repeatPassword")}
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          error={problems.repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !token}>
            {busy ? t("working") : t("acceptButton")}
          </button>
        </div>
      </form>
    </div>
  );
}
