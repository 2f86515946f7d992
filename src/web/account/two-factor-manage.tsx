import { type FormEvent, useState } from "react";
import { z } from "zod";
import { recoveryCodeList } from "../../server/api-schemas/two-factor.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { FormField, FormMessage } from "./form-field.tsx";
import { useFormAction } from "./use-form-action.ts";

/** New recovery codes, with a current code of the app. */
export function NewRecoveryCodesForm({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useLanguage();
  const [code, setCode] = useState("");
  const { busy, errors, run } = useFormAction(["code"]);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      onCodes(
        (await sendApi("POST", "/api/account/two-factor/recovery-codes", { code }, recoveryCodeList))
          .recoveryCodes,
      );
    });
  }
  return (
    <form className="form security-subsection" onSubmit={onSubmit} noValidate>
      <h3>{t("tfNewCodes")}</h3>
      <p>{t("tfNewCodesLead")}</p>
      {errors.general && <FormMessage kind="error">{errors.general}</FormMessage>}
      <FormField
        id="new-codes-code"
        label={t("tfCode")}
        inputMode="numeric"
        autoComplete="one-time-code"
        dir="ltr"
        value={code}
        error={errors.fields.code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("working") : t("tfNewCodes")}
        </button>
      </div>
    </form>
  );
}

/** Turns two-factor sign-in off with the password and a code. */
export function DisableTwoFactorForm({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useLanguage();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const { busy, errors, run } = useFormAction(["password", "code"]);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await sendApi(
        "POST",
        "/api/account/two-factor/disable",
        { password, code },
        z.object({ ok: z.literal(true) }),
      );
      onDisabled();
    });
  }
  return (
    <form className="form security-subsection" onSubmit={onSubmit} noValidate>
      <h3>{t("tfTurnOff")}</h3>
      <p>{t("tfTurnOffLead")}</p>
      {errors.general && <FormMessage kind="error">{errors.general}</FormMessage>}
      <FormField
        id="disable-password"
        label={t("password")}
        type="password"
        autoComplete="current-password"
        value={password}
        error={errors.fields.password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <FormField
        id="disable-code"
        label={t("tfCode")}
        hint={t("tfCodeHint")}
        autoComplete="one-time-code"
        dir="ltr"
        value={code}
        error={errors.fields.code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("working") : t("tfTurnOff")}
        </button>
      </div>
    </form>
  );
}
