import { z } from "zod";
import { cycleDetail } from "../../server/api-schemas/cycles.ts";
import { RequireUser } from "../account/require-user.tsx";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { DemoBanner, Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { CycleWork } from "./cycle-work.tsx";

const cycleList = z.array(cycleDetail);

/** The cycles and assessments the signed-in user may see, with status, completion and deadline. */
export function MyWorkPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("workTitle")}>{t("workTitle")}</PageTitle>
      <p className="lead">{t("workLead")}</p>
      <RequireUser>{() => <WorkList />}</RequireUser>
    </>
  );
}

function WorkList() {
  const { t } = useLanguage();
  const cycles = useApi("/api/cycles", cycleList);
  return (
    <Loaded states={[cycles]}>
      {(list) => {
        const withWork = list.filter((c) => c.assessments.length > 0);
        if (!withWork.length) return <p className="empty-note">{t("noWork")}</p>;
        // Newest period first: that is where the work is.
        const sorted = [...withWork].sort((a, b) => b.period.localeCompare(a.period));
        return (
          <>
            {sorted.some((c) => c.isDemo) && <DemoBanner />}
            {sorted.map((cycle) => (
              <CycleWork key={cycle.id} cycle={cycle} />
            ))}
          </>
        );
      }}
    </Loaded>
  );
}
