import { useState } from "react";
import { twoFactorStatus } from "../../server/api-schemas/two-factor.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { FormMessage } from "./form-field.tsx";
import { RecoveryCodeList } from "./recovery-code-list.tsx";
import { RequireUser } from "./require-user.tsx";
import { DisableTwoFactorForm, NewRecoveryCodesForm } from "./two-factor-manage.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";
import "./security.css";

/** The signed-in person's two-factor sign-in: set it up, recovery codes, turn it off. */
export function AccountSecurityPage() {
  const { t } = useLanguage();
  return (
    <div className="narrow-page">
      <PageTitle text={t("securityTitle")}>{t("securityTitle")}</PageTitle>
      <p className="lead">{t("securityLead")}</p>
      <RequireUser>{() => <TwoFactorPanel />}</RequireUser>
    </div>
  );
}

function TwoFactorPanel() {
  const { t, lang } = useLanguage();
  const { user, adopt } = useSession();
  const status = useApi("/api/account/two-factor", twoFactorStatus);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "long" });

  function showCodes(fresh: string[]) {
    setCodes(fresh);
    setNotice(null);
    status.reload();
  }

  if (codes)
    return (
      <RecoveryCodeList
        codes={codes}
        onDone={() => {
          setCodes(null);
          // Enrolment lifts the "set it up first" restriction of this session.
          if (user?.mustEnrolTwoFactor) adopt({ ...user, mustEnrolTwoFactor: false });
        }}
      />
    );
  return (
    <Loaded states={[status]}>
      {(s) => (
        <section className="card security-section" aria-labelledby="two-factor-title">
          {user?.mustEnrolTwoFactor && !s.enabled && (
            <FormMessage kind="error">{t("tfMustEnrol")}</FormMessage>
          )}
          {notice && <FormMessage kind="ok">{notice}</FormMessage>}
          <h2 id="two-factor-title" className={`security-status${s.enabled ? " security-status--on" : ""}`}>
            <span className="security-status__dot" aria-hidden="true" />
            {s.enabled && s.enabledAt ? t("tfOn", { date: date.format(new Date(s.enabledAt)) }) : t("tfOff")}
          </h2>
          {s.enabled ? (
            <>
              <p>{t("tfCodesLeft", { count: s.recoveryCodesLeft })}</p>
              {s.required && <p>{t("tfRequired")}</p>}
              <NewRecoveryCodesForm onCodes={showCodes} />
              {!s.required && (
                <DisableTwoFactorForm
                  onDisabled={() => {
                    setNotice(t("tfTurnedOff"));
                    status.reload();
                  }}
                />
              )}
            </>
          ) : (
            <TwoFactorSetup onEnabled={showCodes} />
          )}
        </section>
      )}
    </Loaded>
  );
}
