import { useMemo } from "react";
import { api, type CycleSummary, scoreList } from "../api/endpoints.ts";
import { useApi } from "../api/use-api.ts";
import { BandChip, BandLegend } from "../components/band-chip.tsx";
import { ClassificationPicker, useClassificationChoice } from "../components/classification-picker.tsx";
import { CycleTable } from "../components/cycle-table.tsx";
import { FrameworkHeader } from "../components/framework-header.tsx";
import { ChangeValue } from "../components/score-parts.tsx";
import { ImputedLegend, ImputedTag, ScoreSource, WorkingTag } from "../components/score-source.tsx";
import { DemoBanner, Loaded } from "../components/status.tsx";
import { formatScore } from "../format/score.ts";
import { indexScoresByNode } from "../format/score-index.ts";
import { classificationKey, findRoot, listNodesInOrder } from "../format/tree.ts";
import { useLanguage } from "../i18n/language.tsx";
import { navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { type FrameworkDetail, sortCycles, useCountryNames, useFrameworkData } from "./framework-data.ts";

function CountryScores({
  framework,
  country,
  cycles,
  countryName,
}: {
  framework: FrameworkDetail;
  country: string;
  cycles: CycleSummary[];
  countryName: (code: string) => string;
}) {
  const { t, pick, lang } = useLanguage();
  const fallback = framework.defaultLanguage;
  const root = findRoot(framework);
  const latest = cycles[cycles.length - 1];
  const scores = useApi(api.scores(framework.id, { country }), scoreList);
  // The latest ranking gives "rank n of N" and the list of other countries to move to.
  const ranking = useApi(
    root && latest ? api.scores(framework.id, { period: latest.period, node: root.code }) : null,
    scoreList,
  );
  const byNode = useMemo(
    () => (scores.status === "ok" ? indexScoresByNode(scores.data) : new Map()),
    [scores],
  );
  const { chosen: classification, setCode } = useClassificationChoice(framework.classifications);
  if (!root || !latest) return <p>{t("noCycles")}</p>;

  const nodeRows = [
    { key: root.code, label: t("overall"), depth: 0 },
    ...listNodesInOrder(framework).map(({ node, depth }) => ({
      key: node.code,
      label: pick(node.label, fallback),
      depth,
    })),
  ];
  return (
    <Loaded states={[scores, ranking]}>
      {(rows, rankingRows) => {
        const current = byNode.get(root.code)?.get(latest.period);
        const others = rankingRows.filter((r) => r.kind === "node").map((r) => r.country);
        return (
          <>
            {cycles.some((c) => c.isDemo) && <DemoBanner />}
            <ScoreSource rows={rows} />
            <div className="toolbar">
              {others.length > 1 && (
                <div className="field field--inline">
                  <label htmlFor="other-country">{t("otherCountries")}</label>
                  <select
                    id="other-country"
                    value={country}
                    onChange={(e) => navigate(paths.country(framework.id, e.target.value))}
                  >
                    {[...others]
                      .sort((a, b) => countryName(a).localeCompare(countryName(b), lang))
                      .map((code) => (
                        <option key={code} value={code}>
                          {countryName(code)}
                        </option>
                      ))}
                  </select>
                </div>
              )}
            </div>
            <section className="summary card" aria-labelledby="summary-heading">
              <h2 id="summary-heading" className="summary__label">
                {t("overallScore")} · {pick(latest.name, fallback) || latest.period}
                <WorkingTag row={current} />
              </h2>
              <p className="summary__score">
                {formatScore(current?.score, framework.precision, lang)}
                <span className="summary__scale">/ {formatScore(framework.scoreScale, 0, lang)}</span>
              </p>
              <div className="summary__facts">
                <BandChip bands={framework.bands} code={current?.band ?? null} fallbackLanguage={fallback} />
                <ImputedTag count={current?.imputed} />
                {current?.rank && <span>{t("rankOf", { rank: current.rank, total: others.length })}</span>}
                <span>
                  {t("changeSince")}:{" "}
                  <ChangeValue change={current?.change ?? null} precision={framework.precision} />
                </span>
              </div>
            </section>
            <section className="section" aria-labelledby="cycles-heading">
              <h2 id="cycles-heading">{t("scoresByCycle")}</h2>
              <CycleTable
                caption={t("scoresByCycleCaption")}
                rows={nodeRows}
                cycles={cycles}
                scores={byNode}
                framework={framework}
              />
            </section>
            {classification && (
              <section className="section" aria-labelledby="classification-heading">
                <div className="section__header">
                  <h2 id="classification-heading">{pick(classification.label, fallback)}</h2>
                  <ClassificationPicker
                    classifications={framework.classifications}
                    value={classification.code}
                    onChange={setCode}
                    fallbackLanguage={fallback}
                  />
                </div>
                <CycleTable
                  caption={t("classificationByCycleCaption", {
                    name: pick(classification.label, fallback).toLowerCase(),
                  })}
                  rows={classification.values.map((v) => ({
                    key: classificationKey(classification.code, v.code),
                    label: pick(v.label, fallback),
                    depth: 1,
                  }))}
                  cycles={cycles}
                  scores={byNode}
                  framework={framework}
                  itemHeader={pick(classification.label, fallback)}
                />
              </section>
            )}
            <ImputedLegend rows={rows} />
            <BandLegend bands={framework.bands} precision={framework.precision} fallbackLanguage={fallback} />
          </>
        );
      }}
    </Loaded>
  );
}

/** Page 3: one country's scores in one framework, for every cycle. */
export function CountryPage({ frameworkId, country }: { frameworkId: string; country: string }) {
  const { lang } = useLanguage();
  const { framework, cycles, countries } = useFrameworkData(frameworkId);
  const countryName = useCountryNames(countries.status === "ok" ? countries.data : undefined, lang);
  return (
    <Loaded states={[framework, cycles, countries]}>
      {(fw, cycleData, _countries) => (
        <>
          <FrameworkHeader
            framework={fw}
            current="country"
            title={countryName(country)}
            crumbs={[{ to: paths.country(fw.id, country), label: countryName(country) }]}
          />
          <CountryScores
            framework={fw}
            country={country}
            cycles={sortCycles(cycleData)}
            countryName={countryName}
          />
        </>
      )}
    </Loaded>
  );
}
