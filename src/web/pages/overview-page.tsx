import { api, type CycleSummary, cycleList, type FrameworkSummary, frameworkList } from "../api/endpoints.ts";
import { fetchApi, useApi, useLoader } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { DemoBanner, Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

/** The cycles of every framework, keyed by framework id, in one request batch. */
function useCyclesOf(frameworks: FrameworkSummary[] | null) {
  const ids = frameworks?.map((f) => f.id) ?? null;
  return useLoader(ids?.join(",") ?? null, async (signal) => {
    const lists = await Promise.all((ids ?? []).map((id) => fetchApi(api.cycles(id), cycleList, signal)));
    return new Map((ids ?? []).map((id, i) => [id, lists[i]!]));
  });
}

function FrameworkCard({ framework, cycles }: { framework: FrameworkSummary; cycles: CycleSummary[] }) {
  const { t, pick, lang } = useLanguage();
  const number = new Intl.NumberFormat(lang);
  const title = pick(framework.title, framework.defaultLanguage);
  const latest = [...cycles].sort((a, b) => b.period.localeCompare(a.period))[0];
  return (
    <article className="card framework-card" aria-labelledby={`fw-${framework.id}`}>
      <h2 id={`fw-${framework.id}`} className="framework-card__title">
        <Link to={paths.scores(framework.id)}>{title}</Link>
      </h2>
      <dl className="facts">
        <div>
          <dt>{t("version")}</dt>
          <dd>{framework.version}</dd>
        </div>
        <div>
          <dt>{t("indicators")}</dt>
          <dd>{number.format(framework.indicatorCount)}</dd>
        </div>
        <div>
          <dt>{t("cycles")}</dt>
          <dd>{number.format(cycles.length)}</dd>
        </div>
      </dl>
      {cycles.length === 0 ? (
        <p className="muted">{t("noCycles")}</p>
      ) : (
        <ul className="cycle-list" aria-label={t("cycles")}>
          {cycles.map((cycle) => (
            <li key={cycle.id}>
              <Link to={paths.scores(framework.id, cycle.period)}>
                {pick(cycle.name, framework.defaultLanguage) || cycle.period}
              </Link>
              <span className="muted">
                {" "}
                · {number.format(cycle.assessmentCount)} {t("assessments").toLowerCase()}
              </span>
              {cycle.isDemo && <span className="tag tag--demo">{t("demo")}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="framework-card__actions">
        <Link className="button button--primary" to={paths.scores(framework.id, latest?.period)}>
          {t("viewScores")}
        </Link>
        <Link className="button" to={paths.structure(framework.id)}>
          {t("viewStructure")}
        </Link>
      </p>
    </article>
  );
}

/** Page 1: the frameworks on this server with their cycles. */
export function OverviewPage() {
  const { t } = useLanguage();
  const frameworks = useApi(api.frameworks(), frameworkList);
  const cycles = useCyclesOf(frameworks.status === "ok" ? frameworks.data : null);
  return (
    <>
      <PageTitle text={t("overviewTitle")}>{t("overviewTitle")}</PageTitle>
      <p className="lead">{t("overviewLead")}</p>
      <Loaded states={[frameworks, cycles]}>
        {(list, cyclesById) => (
          <>
            {[...cyclesById.values()].some((cs) => cs.some((c) => c.isDemo)) && <DemoBanner />}
            {list.length === 0 && <p>{t("noFrameworks")}</p>}
            <div className="card-grid">
              {list.map((framework) => (
                <FrameworkCard
                  key={framework.id}
                  framework={framework}
                  cycles={cyclesById.get(framework.id) ?? []}
                />
              ))}
            </div>
          </>
        )}
      </Loaded>
    </>
  );
}
