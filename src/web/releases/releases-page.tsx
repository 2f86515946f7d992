import { useEffect, useState } from "react";
import { z } from "zod";
import { cycleDetail } from "../../server/api-schemas/cycles.ts";
import { type ReleaseSummaryOut, releaseSummary } from "../../server/api-schemas/releases.ts";
import { AdminGate } from "../admin/admin-gate.tsx";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { DemoBanner, Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { PublishPanel } from "./publish-panel.tsx";
import { ReleaseList } from "./release-list.tsx";
import "../review/review.css";
import "./releases.css";

const releaseList = z.array(releaseSummary);
const cycleList = z.array(cycleDetail);

/** Publishing: the releases on the portal and, per cycle, a panel to publish it (secretariat, admins). */
export function ReleasesPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("pbTitle")}>{t("pbTitle")}</PageTitle>
      <p className="lead">{t("pbLead")}</p>
      <AdminGate action="release:publish">{() => <Publishing />}</AdminGate>
    </>
  );
}

function Publishing() {
  const { t } = useLanguage();
  const releases = useApi("/api/releases", releaseList);
  const cycles = useApi("/api/cycles", cycleList);
  // The list stays on screen while it reloads after a publication, so nothing around it jumps.
  const [shown, setShown] = useState<ReleaseSummaryOut[] | null>(null);
  const latest = releases.status === "ok" ? releases.data : null;
  useEffect(() => {
    if (latest) setShown(latest);
  }, [latest]);
  return (
    <>
      {shown ? (
        <ReleaseList releases={shown} />
      ) : (
        <Loaded states={[releases]}>{(list) => <ReleaseList releases={list} />}</Loaded>
      )}
      <Loaded states={[cycles]}>
        {(cycleRows) => {
          // Newest period first: that is what is usually published next.
          const sorted = [...cycleRows]
            .filter((c) => c.assessments.length > 0)
            .sort((a, b) => b.period.localeCompare(a.period));
          return (
            <section className="section" aria-labelledby="pb-cycles">
              <h2 id="pb-cycles">{t("pbCyclesTitle")}</h2>
              {sorted.some((c) => c.isDemo) && <DemoBanner />}
              {sorted.length === 0 ? (
                <p className="empty-note">{t("pbNoCycles")}</p>
              ) : (
                sorted.map((cycle) => (
                  <CycleSection key={cycle.id} cycle={cycle} onPublished={releases.reload} />
                ))
              )}
            </section>
          );
        }}
      </Loaded>
    </>
  );
}

/** One cycle, with its publish panel behind a button so candidates load only when wanted. */
function CycleSection({
  cycle,
  onPublished,
}: {
  cycle: z.infer<typeof cycleDetail>;
  onPublished: () => void;
}) {
  const { t, pick } = useLanguage();
  const [open, setOpen] = useState(false);
  const name = pick(cycle.name) || cycle.period;
  const headingId = `pb-cycle-${cycle.id}`;
  const panelId = `pb-panel-${cycle.id}`;
  return (
    <section className="card pb-cycle" aria-labelledby={headingId}>
      <div className="pb-cycle__header">
        <div>
          <h3 id={headingId} className="pb-cycle__title">
            <bdi>{name}</bdi>
          </h3>
          <p className="muted pb-cycle__facts">
            {t("pbCycleFacts", { period: cycle.period, count: cycle.assessments.length })}
          </p>
        </div>
        <button
          type="button"
          className={open ? "button" : "button button--primary"}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {open ? t("pbHidePanel") : t("pbPrepare")}
        </button>
      </div>
      <div id={panelId} hidden={!open}>
        {open && <PublishPanel cycle={cycle} cycleName={name} onPublished={onPublished} />}
      </div>
    </section>
  );
}
