import { api, countryList, frameworkList } from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { AdminGate } from "./admin-gate.tsx";
import { InviteForm } from "./invite-form.tsx";

/** Invite someone to a role within the inviter's own scope. */
export function InvitePage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("inviteTitle")}>{t("inviteTitle")}</PageTitle>
      <p className="lead">{t("inviteLead")}</p>
      <AdminGate action="user:invite">{() => <Load />}</AdminGate>
    </>
  );
}

function Load() {
  const countries = useApi(api.countries(), countryList);
  const frameworks = useApi(api.frameworks(), frameworkList);
  return (
    <Loaded states={[countries, frameworks]}>
      {(list, fw) => <InviteForm countries={list} frameworks={fw} />}
    </Loaded>
  );
}
