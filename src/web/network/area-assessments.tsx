import { useState } from "react";
import { z } from "zod";
import { framework as frameworkSchema } from "../../core/index.ts";
import { areaCycleOut, type areaOut, areaScoresOut } from "../../server/api-schemas/network.ts";
import { api } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { BandChip } from "../components/band-chip.tsx";
import { ScrollRegion } from "../components/scroll-region.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { formatScore } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { statusLabel } from "../workspace/workspace-header.tsx";

type Area = z.infer<typeof areaOut>;

/**
 * The assessments of a country's areas, cycle by cycle: which areas are assessed, how far each
 * is, starting one, and the areas' working scores compared like countries (assessed areas
 * scored, the areas above them rolled up), with their ranks among areas of the same level.
 */
export function AreaAssessments({
  country,
  region,
  areas,
}: {
  country: string;
  region: string | null;
  areas: Area[];
}) {
  const { t, pick, lang } = useLanguage();
  const { may } = useSession();
  const cycles = useApi(`/api/network/areas/${country}/assessments`, z.array(areaCycleOut));
  const [chosen, setChosen] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const cycle =
    cycles.status === "ok" ? (cycles.data.find((c) => c.id === chosen) ?? cycles.data[0]) : undefined;
  const scores = useApi(
    cycle ? `/api/network/areas/${country}/scores?cycle=${cycle.id}` : null,
    z.array(areaScoresOut),
  );
  const fw = useApi(cycle ? api.framework(cycle.frameworkVersionId) : null, frameworkSchema);
  const canStart = may("network:manage", { country, region: region ?? undefined });

  if (cycles.status === "loading") return <Loading />;
  if (cycles.status === "error") return <ErrorMessage message={cycles.message} onRetry={cycles.reload} />;
  if (!cycle) return <p>{t("arNoCycle")}</p>;

  const start = async (area: string) => {
    setBusy(area);
    setProblem(null);
    try {
      await sendApi(
        "POST",
        `/api/network/areas/${country}/assessments`,
        { cycleId: cycle.id, area },
        z.object({ id: z.uuid() }),
      );
      cycles.reload();
      scores.reload();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const byArea = new Map(cycle.assessments.map((a) => [a.area, a]));
  const framework = fw.status === "ok" ? fw.data : null;
  const root = framework?.nodes.find((n) => n.parent === null);
  const sections = framework && root ? framework.nodes.filter((n) => n.parent === root.code) : [];
  const areaName = (code: string) => {
    const found = areas.find((a) => a.code === code);
    return found ? pick(found.name) : code;
  };

  return (
    <div className="area-assessments">
      {cycles.data.length > 1 && (
        <p>
          <label>
            {t("arCycle")}{" "}
            <select value={cycle.id} onChange={(e) => setChosen(e.target.value)}>
              {cycles.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {pick(c.name)}
                </option>
              ))}
            </select>
          </label>
        </p>
      )}
      <p>
        {t("arCountryAssessment")}{" "}
        <Link to={paths.assessment(cycle.countryAssessmentId)}>{pick(cycle.name)}</Link>
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ScrollRegion label={t("arAssessmentsCaption", { cycle: pick(cycle.name) })}>
        <table className="data-table">
          <caption>{t("arAssessmentsCaption", { cycle: pick(cycle.name) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("arColArea")}</th>
              <th scope="col">{t("arColStatus")}</th>
              <th scope="col" className="num">
                {t("arColCompletion")}
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => {
              const own = byArea.get(area.code);
              return (
                <tr key={area.code}>
                  <th scope="row" style={{ paddingInlineStart: `${0.5 + (area.level - 1) * 1.25}rem` }}>
                    {own ? <Link to={paths.assessment(own.id)}>{pick(area.name)}</Link> : pick(area.name)}{" "}
                    <span className="muted">{area.code}</span>
                  </th>
                  <td>
                    {own ? (
                      <span className={`status-chip status-chip--${own.status}`}>
                        {statusLabel(own.status, t)}
                      </span>
                    ) : canStart ? (
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy !== null}
                        onClick={() => start(area.code)}
                        aria-label={t("arStartFor", { area: pick(area.name) })}
                      >
                        {busy === area.code ? t("arStarting") : t("arStart")}
                      </button>
                    ) : (
                      <span className="muted">{t("arNotAssessed")}</span>
                    )}
                  </td>
                  <td className="num">{own ? `${own.completion.toLocaleString(lang)} %` : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>

      <h3>{t("arScoresTitle")}</h3>
      <p className="muted">{t("arScoresLead")}</p>
      {(scores.status === "loading" || fw.status === "loading") && <Loading />}
      {scores.status === "error" && <ErrorMessage message={scores.message} onRetry={scores.reload} />}
      {scores.status === "ok" && scores.data.length === 0 && <p>{t("arNoScores")}</p>}
      {scores.status === "ok" && scores.data.length > 0 && framework && root && (
        <ScrollRegion label={t("arScoresCaption", { cycle: pick(cycle.name) })}>
          <table className="data-table">
            <caption>{t("arScoresCaption", { cycle: pick(cycle.name) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("arColArea")}</th>
                <th scope="col" className="num">
                  {pick(root.label)}
                </th>
                <th scope="col" className="num">
                  {t("arColRank")}
                </th>
                {sections.map((s) => (
                  <th scope="col" className="num" key={s.code}>
                    {pick(s.label)}
                  </th>
                ))}
                <th scope="col">{t("arColSource")}</th>
              </tr>
            </thead>
            <tbody>
              {scores.data.map((a) => {
                const of = (item: string) => a.scores.find((s) => s.item === item);
                const overall = of(root.code);
                return (
                  <tr key={a.code}>
                    <th scope="row" style={{ paddingInlineStart: `${0.5 + (a.level - 1) * 1.25}rem` }}>
                      {areaName(a.code)}
                    </th>
                    <td className="num">
                      {overall?.score == null ? "—" : formatScore(overall.score, framework.precision, lang)}{" "}
                      <BandChip bands={framework.bands} code={overall?.band ?? null} />
                    </td>
                    <td className="num">{overall?.rank ?? "—"}</td>
                    {sections.map((s) => {
                      const value = of(s.code)?.score;
                      return (
                        <td className="num" key={s.code}>
                          {value == null ? "—" : formatScore(value, framework.precision, lang)}
                        </td>
                      );
                    })}
                    <td>
                      {a.source === "assessed" ? t("arAssessed") : t("arRolledUp", { count: a.from ?? 0 })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
