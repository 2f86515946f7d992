import { type FormEvent, useEffect, useId, useState } from "react";
import { z } from "zod";
import { AGGREGATIONS, MISSING_POLICIES as MISSING, NORMALISATIONS } from "../../core/analysis/model.ts";
import { RankRange } from "../../portal/rank-range.tsx";
import {
  type AnalysisDetailOut,
  type AnalysisJobOut,
  type AnalysisOverviewOut,
  type AnalysisSettingsOut,
  analysisDetail,
  analysisJob,
  analysisOverview,
} from "../../server/api-schemas/analysis.ts";
import { cycleDetail } from "../../server/api-schemas/cycles.ts";
import { AdminGate } from "../admin/admin-gate.tsx";
import { sendApi } from "../api/send-api.ts";
import { fetchApi, useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { DemoBanner, ErrorMessage, Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { formatDateTime } from "../review/format.ts";
import "../review/review.css";
import "../releases/releases.css";
import "./analysis.css";

const cycleList = z.array(cycleDetail);

/** Robustness: set up, run (with a progress bar) and read uncertainty and sensitivity analyses of releases. */
export function AnalysisPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("anTitle")}>{t("anTitle")}</PageTitle>
      <p className="lead">{t("anLead")}</p>
      <AdminGate action="release:publish">{() => <CyclePicker />}</AdminGate>
    </>
  );
}

function CyclePicker() {
  const { t, pick } = useLanguage();
  const cycles = useApi("/api/cycles", cycleList);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Loaded states={[cycles]}>
      {(rows) => {
        const sorted = [...rows]
          .filter((c) => c.assessments.length)
          .sort((a, b) => b.period.localeCompare(a.period));
        const id = chosen ?? sorted[0]?.id ?? null;
        const current = sorted.find((c) => c.id === id);
        return (
          <>
            {current?.isDemo && <DemoBanner />}
            <div className="rv-field an-cycle">
              <label htmlFor="an-cycle">{t("anCycle")}</label>
              <select id="an-cycle" value={id ?? ""} onChange={(e) => setChosen(e.target.value)}>
                {sorted.map((c) => (
                  <option key={c.id} value={c.id}>
                    {pick(c.name) || c.period}
                  </option>
                ))}
              </select>
            </div>
            {id && <CycleAnalyses key={id} cycleId={id} />}
          </>
        );
      }}
    </Loaded>
  );
}

function CycleAnalyses({ cycleId }: { cycleId: string }) {
  const { t } = useLanguage();
  const overview = useApi(`/api/cycles/${cycleId}/analyses`, analysisOverview);
  const [job, setJob] = useState<AnalysisJobOut | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const loaded = overview.status === "ok" ? overview.data : null;
  useEffect(() => {
    if (loaded?.job) setJob(loaded.job);
  }, [loaded]);
  // While a run goes, ask for its progress twice a second; reload the list when it ends.
  const running = job?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      fetchApi(`/api/cycles/${cycleId}/analyses`, analysisOverview).then(
        (o) => {
          setJob(o.job);
          if (o.job?.status !== "running") {
            overview.reload();
            if (o.job?.analysisId) setShown(o.job.analysisId);
          }
        },
        () => undefined,
      );
    }, 500);
    return () => clearInterval(timer);
  }, [running, cycleId, overview.reload]);
  return (
    <Loaded states={[overview]}>
      {(o) =>
        o.releases.length === 0 ? (
          <p className="empty-note">{t("anNoRelease")}</p>
        ) : (
          <>
            <SetupForm overview={o} running={running} onStarted={setJob} />
            {job && <JobStatus cycleId={cycleId} job={job} onChange={setJob} analyses={o.analyses} />}
            <StoredList overview={o} shown={shown} onShow={setShown} onPublished={() => overview.reload()} />
            {shown && <Results key={shown} cycleId={cycleId} analysisId={shown} nodes={o.nodes} />}
          </>
        )
      }
    </Loaded>
  );
}

function SetupForm({
  overview,
  running,
  onStarted,
}: {
  overview: AnalysisOverviewOut;
  running: boolean;
  onStarted: (job: AnalysisJobOut) => void;
}) {
  const { t, pick } = useLanguage();
  const id = useId();
  const [release, setRelease] = useState(overview.releases[0]!.slug);
  const [draws, setDraws] = useState("2000");
  const [seed, setSeed] = useState("1");
  const [mode, setMode] = useState<AnalysisSettingsOut["weights"]["mode"]>("uniform");
  const [range, setRange] = useState("25");
  const [ranges, setRanges] = useState<Record<string, string>>({});
  const [concentration, setConcentration] = useState("50");
  const [norms, setNorms] = useState<string[]>(["goalposts", "minmax"]);
  const [aggs, setAggs] = useState<string[]>(["framework", "geometric"]);
  const [missing, setMissing] = useState<string[]>(["framework"]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sections = overview.nodes.filter((n) => n.depth === 1);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const perNode = Object.fromEntries(
      Object.entries(ranges)
        .filter(([, v]) => v.trim() !== "")
        .map(([k, v]) => [k, Number(v) / 100]),
    );
    const settings = {
      seed: Number(seed),
      draws: Number(draws),
      weights: {
        mode,
        defaultRange: Number(range) / 100,
        range: perNode,
        concentration: Number(concentration),
      },
      normalisations: NORMALISATIONS.filter((x) => norms.includes(x)),
      aggregations: AGGREGATIONS.filter((x) => aggs.includes(x)),
      missing: MISSING.filter((x) => missing.includes(x)),
    };
    try {
      onStarted(
        await sendApi("POST", `/api/cycles/${overview.cycleId}/analyses`, { release, settings }, analysisJob),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const choices = (
    legend: MessageKey,
    prefix: string,
    list: readonly string[],
    value: string[],
    set: (v: string[]) => void,
  ) => (
    <fieldset className="an-choices">
      <legend>{t(legend)}</legend>
      {list.map((x) => (
        <label key={x}>
          <input
            type="checkbox"
            checked={value.includes(x)}
            onChange={(e) => set(e.target.checked ? [...value, x] : value.filter((v) => v !== x))}
          />
          {t(`${prefix}_${x}` as MessageKey)}
        </label>
      ))}
    </fieldset>
  );

  return (
    <section className="card an-setup" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("anSetupTitle")}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="an-grid">
          <div className="rv-field">
            <label htmlFor={`${id}-release`}>{t("anRelease")}</label>
            <select id={`${id}-release`} value={release} onChange={(e) => setRelease(e.target.value)}>
              {overview.releases.map((r) => (
                <option key={r.slug} value={r.slug}>
                  {r.slug}
                </option>
              ))}
            </select>
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-draws`}>{t("anDraws")}</label>
            <p id={`${id}-draws-hint`} className="form-field__hint">
              {t("anDrawsHint")}
            </p>
            <input
              id={`${id}-draws`}
              type="number"
              min={100}
              max={100000}
              step={100}
              inputMode="numeric"
              value={draws}
              aria-describedby={`${id}-draws-hint`}
              onChange={(e) => setDraws(e.target.value)}
            />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-seed`}>{t("anSeed")}</label>
            <p id={`${id}-seed-hint`} className="form-field__hint">
              {t("anSeedHint")}
            </p>
            <input
              id={`${id}-seed`}
              type="number"
              min={0}
              inputMode="numeric"
              value={seed}
              aria-describedby={`${id}-seed-hint`}
              onChange={(e) => setSeed(e.target.value)}
            />
          </div>
        </div>
        <fieldset className="an-choices">
          <legend>{t("anWeights")}</legend>
          {(["none", "uniform", "dirichlet"] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => setMode(m)} />
              {t(
                m === "none" ? "anWeightsNone" : m === "uniform" ? "anWeightsUniform" : "anWeightsDirichlet",
              )}
            </label>
          ))}
        </fieldset>
        {mode === "uniform" && (
          <div className="an-grid">
            <div className="rv-field">
              <label htmlFor={`${id}-range`}>{t("anRange")}</label>
              <input
                id={`${id}-range`}
                type="number"
                min={0}
                max={90}
                inputMode="numeric"
                value={range}
                onChange={(e) => setRange(e.target.value)}
              />
            </div>
            {sections.map((n) => (
              <div className="rv-field" key={n.code}>
                <label htmlFor={`${id}-range-${n.code}`}>{t("anRangeNode", { node: pick(n.label) })}</label>
                <input
                  id={`${id}-range-${n.code}`}
                  type="number"
                  min={0}
                  max={90}
                  inputMode="numeric"
                  placeholder={range}
                  value={ranges[n.code] ?? ""}
                  onChange={(e) => setRanges({ ...ranges, [n.code]: e.target.value })}
                />
              </div>
            ))}
          </div>
        )}
        {mode === "dirichlet" && (
          <div className="rv-field">
            <label htmlFor={`${id}-conc`}>{t("anConcentration")}</label>
            <input
              id={`${id}-conc`}
              type="number"
              min={1}
              max={10000}
              inputMode="numeric"
              value={concentration}
              onChange={(e) => setConcentration(e.target.value)}
            />
          </div>
        )}
        {choices("anNormalisations", "an_norm", NORMALISATIONS, norms, setNorms)}
        {choices("anAggregations", "an_agg", AGGREGATIONS, aggs, setAggs)}
        {choices("anMissing", "an_miss", MISSING, missing, setMissing)}
        {error && <ErrorMessage message={error} />}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || running}>
            {t("anRun")}
          </button>
        </div>
      </form>
    </section>
  );
}

function JobStatus({
  cycleId,
  job,
  onChange,
  analyses,
}: {
  cycleId: string;
  job: AnalysisJobOut;
  onChange: (job: AnalysisJobOut) => void;
  analyses: AnalysisOverviewOut["analyses"];
}) {
  const { t, lang } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const number = new Intl.NumberFormat(lang);
  const cancel = async () => {
    try {
      onChange(await sendApi("DELETE", `/api/cycles/${cycleId}/analyses/job`, undefined, analysisJob));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const stored = analyses.find((a) => a.id === job.analysisId);
  return (
    <section className="card an-job" aria-live="polite">
      {job.status === "running" && (
        <>
          <p id="an-progress-label">
            {t("anRunning", { done: number.format(job.done), total: number.format(job.total) })}
          </p>
          <progress
            className="an-progress"
            aria-labelledby="an-progress-label"
            value={job.done}
            max={job.total}
          />
          <div className="form__actions">
            <button type="button" className="button" onClick={() => void cancel()}>
              {t("anCancel")}
            </button>
          </div>
        </>
      )}
      {job.status === "cancelled" && <p>{t("anCancelled")}</p>}
      {job.status === "failed" && (
        <p className="form-message form-message--error">{t("anFailed", { error: job.error ?? "" })}</p>
      )}
      {job.status === "done" && stored && (
        <p className="form-message form-message--ok">
          {t("anDone", { version: stored.version, release: stored.release })}
        </p>
      )}
      {error && <ErrorMessage message={error} />}
    </section>
  );
}

function StoredList({
  overview,
  shown,
  onShow,
  onPublished,
}: {
  overview: AnalysisOverviewOut;
  shown: string | null;
  onShow: (id: string) => void;
  onPublished: () => void;
}) {
  const { t, lang } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const number = new Intl.NumberFormat(lang);
  const publish = async (id: string) => {
    setError(null);
    try {
      await sendApi(
        "POST",
        `/api/cycles/${overview.cycleId}/analyses/${id}/publish`,
        undefined,
        z.object({ published: z.literal(true) }),
      );
      onPublished();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="section" aria-labelledby="an-stored">
      <h2 id="an-stored">{t("anStoredTitle")}</h2>
      {error && <ErrorMessage message={error} />}
      {overview.analyses.length === 0 ? (
        <p className="empty-note">{t("anNoneStored")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table an-stored">
            <thead>
              <tr>
                <th scope="col">{t("anColRelease")}</th>
                <th scope="col" className="num">
                  {t("anColVersion")}
                </th>
                <th scope="col" className="num">
                  {t("anColDraws")}
                </th>
                <th scope="col" className="num">
                  {t("anColTime")}
                </th>
                <th scope="col">{t("anColState")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("anShow")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.analyses.map((a) => (
                <tr key={a.id} aria-current={a.id === shown ? "true" : undefined}>
                  <td>
                    <span dir="ltr" className="pb-slug">
                      {a.release}
                    </span>
                  </td>
                  <td className="num">{a.version}</td>
                  <td className="num">{number.format(a.evaluations)}</td>
                  <td className="num">{t("anSeconds", { seconds: (a.elapsedMs / 1000).toFixed(1) })}</td>
                  <td>
                    {a.publishedAt ? (
                      <span className="status-chip status-chip--validated">
                        {t("anPublished", { date: formatDateTime(a.publishedAt, lang) })}
                      </span>
                    ) : (
                      <span className="muted">{t("anNotPublished")}</span>
                    )}
                  </td>
                  <td className="an-actions">
                    <button type="button" className="button button--small" onClick={() => onShow(a.id)}>
                      {t("anShow")}
                      <span className="visually-hidden">
                        : {a.release} v{a.version}
                      </span>
                    </button>
                    {!a.publishedAt && (
                      <button
                        type="button"
                        className="button button--small button--primary"
                        onClick={() => void publish(a.id)}
                      >
                        {t("anPublish")}
                        <span className="visually-hidden">
                          : {a.release} v{a.version}
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Bar({ share }: { share: number }) {
  const v = Math.max(0, Math.min(1, share));
  return (
    <span className="an-bar" aria-hidden="true">
      <span className="an-bar__fill" style={{ inlineSize: `${v * 100}%` }} />
    </span>
  );
}

function Results({
  cycleId,
  analysisId,
  nodes,
}: {
  cycleId: string;
  analysisId: string;
  nodes: AnalysisOverviewOut["nodes"];
}) {
  const detail = useApi(`/api/cycles/${cycleId}/analyses/${analysisId}`, analysisDetail);
  return <Loaded states={[detail]}>{(d) => <ResultTables detail={d} nodes={nodes} />}</Loaded>;
}

function ResultTables({ detail, nodes }: { detail: AnalysisDetailOut; nodes: AnalysisOverviewOut["nodes"] }) {
  const { t, pick, lang } = useLanguage();
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const names = new Map(detail.countries.map((c) => [c.code, pick(c.name) || c.code]));
  const n = Math.max(2, detail.result.entities.length);
  const at = (rank: number) => ((rank - 1) / (n - 1)) * 100;
  const nodeLabel = (code: string) => pick(nodes.find((x) => x.code === code)?.label) || code;
  const factor = (key: string) =>
    key.startsWith("weights:")
      ? nodes.find((x) => x.code === key.slice(8))?.depth === 0
        ? t("anFactorWeightsRoot")
        : t("anFactorWeights", { node: nodeLabel(key.slice(8)) })
      : t(
          key === "normalisation"
            ? "anFactorNormalisation"
            : key === "aggregation"
              ? "anFactorAggregation"
              : "anFactorMissing",
        );
  const entities = [...detail.result.entities].sort(
    (a, b) => (a.nominalRank || 1e9) - (b.nominalRank || 1e9),
  );
  const loo = [...detail.result.leaveOneOut].sort((a, b) => b.meanShift - a.meanShift).slice(0, 10);
  return (
    <section className="section an-results" aria-labelledby="an-results-h">
      <h2 id="an-results-h">{t("anResultsTitle", { release: detail.release, version: detail.version })}</h2>
      <h3>{t("anIntervalsTitle")}</h3>
      <div className="table-scroll">
        <table className="data-table an-intervals">
          <caption>{t("anIntervalsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("anColCountry")}</th>
              <th scope="col" className="num">
                {t("anColRank")}
              </th>
              <th scope="col" className="num">
                {t("anColMedian")}
              </th>
              <th scope="col">{t("anColInterval")}</th>
              <th scope="col" className="num">
                {t("anColShift")}
              </th>
            </tr>
          </thead>
          <tbody>
            {entities.map((e) => (
              <tr key={e.entity}>
                <th scope="row">
                  <bdi>{names.get(e.entity) ?? e.entity}</bdi>
                </th>
                <td className="num">{e.nominalRank || "–"}</td>
                <td className="num">{e.medianRank || "–"}</td>
                <td>
                  <span className="an-interval">
                    <span className="an-interval__track" aria-hidden="true">
                      <span
                        className="an-interval__span"
                        style={{
                          insetInlineStart: `${at(e.low)}%`,
                          inlineSize: `max(4px, ${at(e.high) - at(e.low)}%)`,
                        }}
                      />
                      <span
                        className="an-interval__mark"
                        style={{ insetInlineStart: `${at(e.nominalRank)}%` }}
                      />
                    </span>
                    <span className="an-interval__value">
                      <RankRange low={e.low} high={e.high} />
                    </span>
                  </span>
                </td>
                <td className="num">
                  {e.largestShift > 0 ? `+${e.largestShift}` : e.largestShift}
                  {e.largestShiftItem && (
                    <span className="muted an-shift-item">
                      {" "}
                      (
                      {nodes.some((x) => x.code === e.largestShiftItem)
                        ? nodeLabel(e.largestShiftItem)
                        : e.largestShiftItem}
                      )
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.result.factors.length > 0 && (
        <>
          <h3>{t("anSobolTitle")}</h3>
          <div className="table-scroll">
            <table className="data-table an-sobol">
              <caption>{t("anSobolCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("anColFactor")}</th>
                  <th scope="col">{t("anColFirst")}</th>
                  <th scope="col">{t("anColTotal")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.result.factors.map((f) => (
                  <tr key={f.key}>
                    <th scope="row">{factor(f.key)}</th>
                    <td>
                      <Bar share={f.first} /> {number.format(Math.max(0, f.first))}
                    </td>
                    <td>
                      <Bar share={f.total} /> {number.format(Math.max(0, f.total))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {loo.length > 0 && (
        <>
          <h3>{t("anLooTitle")}</h3>
          <div className="table-scroll">
            <table className="data-table an-loo">
              <caption>{t("anLooCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("anColItem")}</th>
                  <th scope="col" className="num">
                    {t("anColMeanShift")}
                  </th>
                  <th scope="col" className="num">
                    {t("anColMaxShift")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {loo.map((x) => (
                  <tr key={`${x.kind}:${x.item}`}>
                    <th scope="row">
                      {x.kind === "node" ? nodeLabel(x.item) : <span dir="ltr">{x.item}</span>}
                    </th>
                    <td className="num">{number.format(x.meanShift)}</td>
                    <td className="num">{x.maxShift}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
