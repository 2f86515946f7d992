import { api, countryList, frameworkList } from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { AdminGate } from "./admin-gate.tsx";
import { NewCycleForm } from "./new-cycle-form.tsx";

/** The secretariat opens a cycle: framework version, period, name, countries and dates. */
export function NewCyclePage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("newCycleTitle")}>{t("newCycleTitle")}</PageTitle>
      <p className="lead">{t("newCycleLead")}</p>
      <AdminGate action="cycle:manage">{() => <Load />}</AdminGate>
    </>
  );
}

function Load() {
  const frameworks = useApi(api.frameworks(), frameworkList);
  const countries = useApi(api.countries(), countryList);
  return (
    <Loaded states={[frameworks, countries]}>
      {(fw, list) => <NewCycleForm frameworks={fw} countries={list} />}
    </Loaded>
  );
}
