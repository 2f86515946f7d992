import { type FormEvent, useState } from "react";
import { recoveryCodeList, totpEnrolment } from "../../server/api-schemas/two-factor.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { FormField, FormMessage } from "./form-field.tsx";
import { QrCode } from "./qr-code.tsx";
import { useFormAction } from "./use-form-action.ts";

/** The secret in groups of four, easier to type into an app. */
function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** Sets up an authenticator: QR code (and the key to type), then a first code; answers the recovery codes. */
export function TwoFactorSetup({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const { t } = useLanguage();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState("");
  const { busy, errors, run } = useFormAction(["code"]);

  const start = () =>
    run(async () =>
      setEnrolment(await sendApi("POST", "/api/account/two-factor/enrolment", undefined, totpEnrolment)),
    );

  async function confirm(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const answer = await sendApi(
        "POST",
        "/api/account/two-factor/enrolment/confirm",
        { code },
        recoveryCodeList,
      );
      onEnabled(answer.recoveryCodes);
    });
  }

  if (!enrolment)
    return (
      <div className="form__actions">
        {errors.general && <FormMessage kind="error">{errors.general}</FormMessage>}
        <button type="button" className="button button--primary" disabled={busy} onClick={start}>
          {busy ? t("working") : t("tfTurnOn")}
        </button>
      </div>
    );
  return (
    <form className="form" onSubmit={confirm} noValidate>
      {errors.general && <FormMessage kind="error">{errors.general}</FormMessage>}
      <p>{t("tfStep1")}</p>
      <div className="totp-setup">
        <QrCode className="totp-setup__qr" text={enrolment.otpauthUri} label={t("tfQrAlt")} />
        <div>
          <p>{t("tfSecretLead")}</p>
          <code className="totp-setup__secret" data-testid="totp-secret">
            {groupSecret(enrolment.secret)}
          </code>
        </div>
      </div>
      <p>{t("tfStep2")}</p>
      <FormField
        id="totp-code"
        label={t("tfCode")}
        inputMode="numeric"
        autoComplete="one-time-code"
        dir="ltr"
        required
        value={code}
        error={errors.fields.code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("working") : t("tfConfirm")}
        </button>
      </div>
    </form>
  );
}
