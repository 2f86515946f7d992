import { useMemo } from "react";
import { api, type Country, type CycleSummary, scoreList } from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { BandLegend } from "../components/band-chip.tsx";
import { ClassificationPicker, useClassificationChoice } from "../components/classification-picker.tsx";
import { FrameworkHeader } from "../components/framework-header.tsx";
import { HeatTable } from "../components/heat-table.tsx";
import { RankingTable } from "../components/ranking-table.tsx";
import { ImputedLegend, ScoreSource } from "../components/score-source.tsx";
import { DemoBanner, Loaded } from "../components/status.tsx";
import { indexScoresByCountry } from "../format/score-index.ts";
import { childNodes, classificationKey, findRoot } from "../format/tree.ts";
import { useLanguage } from "../i18n/language.tsx";
import { navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { type FrameworkDetail, sortCycles, useCountryNames, useFrameworkData } from "./framework-data.ts";

function CycleScores({
  framework,
  cycle,
  countries,
}: {
  framework: FrameworkDetail;
  cycle: CycleSummary;
  countries: Country[];
}) {
  const { t, pick, lang } = useLanguage();
  const scores = useApi(api.scores(framework.id, { period: cycle.period }), scoreList);
  const countryName = useCountryNames(countries, lang);
  const fallback = framework.defaultLanguage;
  const { chosen: classification, setCode } = useClassificationChoice(framework.classifications);
  const root = findRoot(framework);
  const sections = root ? childNodes(framework, root.code) : [];
  const cycleName = pick(cycle.name, fallback) || cycle.period;
  const index = useMemo(
    () => (scores.status === "ok" ? indexScoresByCountry(scores.data) : new Map()),
    [scores],
  );

  return (
    <Loaded states={[scores]}>
      {(rows) => {
        const overall = rows.filter((r) => r.node === root?.code && r.kind === "node");
        if (overall.length === 0) return <p>{t("noScores")}</p>;
        return (
          <>
            <ScoreSource rows={rows} />
            <section aria-labelledby="ranking-heading" className="section">
              <h2 id="ranking-heading">{t("ranking")}</h2>
              <RankingTable
                rows={overall}
                caption={`${t("rankingCaption")} · ${cycleName}`}
                countryName={countryName}
                framework={framework}
              />
            </section>
            <ImputedLegend rows={rows} />
            <BandLegend bands={framework.bands} precision={framework.precision} fallbackLanguage={fallback} />
            {sections.length > 0 && (
              <section aria-labelledby="sections-heading" className="section">
                <h2 id="sections-heading">{t("bySection")}</h2>
                <HeatTable
                  caption={`${t("bySectionCaption")} · ${cycleName}`}
                  columns={sections.map((n) => ({ key: n.code, label: pick(n.label, fallback) }))}
                  scores={index}
                  countryName={countryName}
                  framework={framework}
                />
              </section>
            )}
            {classification && (
              <section aria-labelledby="classification-heading" className="section">
                <div className="section__header">
                  <h2 id="classification-heading">{pick(classification.label, fallback)}</h2>
                  <ClassificationPicker
                    classifications={framework.classifications}
                    value={classification.code}
                    onChange={setCode}
                    fallbackLanguage={fallback}
                  />
                </div>
                <HeatTable
                  caption={`${t("classificationCaption", { name: pick(classification.label, fallback).toLowerCase() })} · ${cycleName}`}
                  columns={classification.values.map((v) => ({
                    key: classificationKey(classification.code, v.code),
                    label: pick(v.label, fallback),
                  }))}
                  scores={index}
                  countryName={countryName}
                  framework={framework}
                />
              </section>
            )}
          </>
        );
      }}
    </Loaded>
  );
}

/** Page 2: one framework's scores for a chosen cycle. */
export function ScoresPage({ frameworkId }: { frameworkId: string }) {
  const { t, pick } = useLanguage();
  const { search } = useLocation();
  const { framework, cycles, countries } = useFrameworkData(frameworkId);
  return (
    <Loaded states={[framework, cycles, countries]}>
      {(fw, cycleData, countryData) => {
        const ordered = sortCycles(cycleData);
        const chosen = ordered.find((c) => c.period === search.get("cycle")) ?? ordered[ordered.length - 1];
        return (
          <>
            <FrameworkHeader framework={fw} current="scores" />
            {!chosen ? (
              <p>{t("noCycles")}</p>
            ) : (
              <>
                <div className="toolbar">
                  <div className="field field--inline">
                    <label htmlFor="cycle">{t("cycle")}</label>
                    <select
                      id="cycle"
                      value={chosen.period}
                      onChange={(e) => navigate(paths.scores(fw.id, e.target.value), { replace: true })}
                    >
                      {[...ordered].reverse().map((c) => (
                        <option key={c.id} value={c.period}>
                          {pick(c.name, fw.defaultLanguage) || c.period}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                {chosen.isDemo && <DemoBanner />}
                <CycleScores key={chosen.period} framework={fw} cycle={chosen} countries={countryData} />
              </>
            )}
          </>
        );
      }}
    </Loaded>
  );
}
