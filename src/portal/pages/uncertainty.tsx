import { type EntityUncertainty, robustnessOf } from "../../core/index.ts";
import type { PageEnv } from "../context.ts";
import { DataTable, Section } from "../parts.tsx";
import { RankRange } from "../rank-range.tsx";

/* The release's published uncertainty analysis on the portal: rank intervals, robustness, sensitivity. */

/** The files of the draws' summary, under the release's `downloads/`. */
export const UNCERTAINTY_FORMATS = ["uncertainty.csv", "uncertainty.xlsx", "uncertainty.json"] as const;

export function uncertaintyOf(env: PageEnv, code: string): EntityUncertainty | undefined {
  return env.ctx.analysis?.result.entities.find((e) => e.entity === code);
}

/** The rank interval of a country: a bar over ranks 1…N from the 5th to the 95th percentile, its nominal rank marked. */
export function RankInterval({ env, code }: { env: PageEnv; code: string }) {
  const u = uncertaintyOf(env, code);
  if (!u?.low) return <>–</>;
  const n = Math.max(2, env.ctx.analysis!.result.entities.length);
  // Ranks 1…N along the track between the dot's half-widths (7px), so that the dot of the first or
  // last rank stays on the track instead of running over the range written beside it.
  const at = (rank: number) => `(7px + (100% - 14px) * ${(rank - 1) / (n - 1)})`;
  const words = env.t("rankIntervalWords", { low: u.low, high: u.high, rank: u.nominalRank });
  return (
    <span className="rankint" title={words}>
      <span className="rankint__track" aria-hidden="true">
        <span
          className="rankint__span"
          style={{
            insetInlineStart: `calc(${at(u.low)} - 2px)`,
            inlineSize: `calc(${at(u.high)} - ${at(u.low)} + 4px)`,
          }}
        />
        <span className="rankint__mark" style={{ insetInlineStart: `calc${at(u.nominalRank)}` }} />
      </span>
      <span className="rankint__value">
        <span className="visually-hidden">{words}</span>
        <span aria-hidden="true">
          <RankRange low={u.low} high={u.high} format={(rank) => env.num(rank, 0)} />
        </span>
      </span>
    </span>
  );
}

/** Under the ranking: what the intervals are, and where the analysis is explained. */
export function RankIntervalNote({ env }: { env: PageEnv }) {
  const a = env.ctx.analysis;
  if (!a) return null;
  return (
    <p className="chart__note">
      {env.t("rankIntervalNote", { draws: env.num(a.result.evaluations, 0) })}{" "}
      <a href={`${env.href({ page: "methodology", lang: env.lang })}#robustness`}>
        {env.t("rankIntervalMore")}
      </a>
    </p>
  );
}

/** One sentence on a country profile: how robust its rank is to the methodological choices. */
export function RobustnessSentence({ env, country }: { env: PageEnv; country: string }) {
  const a = env.ctx.analysis;
  const u = uncertaintyOf(env, country);
  if (!a || !u) return null;
  const kind = robustnessOf(u, a.result.entities.length);
  if (kind === "unranked") return null;
  const key = kind === "robust" ? "robustRobust" : kind === "fairly" ? "robustFairly" : "robustSensitive";
  return (
    <p className="robustness" id="rank-robustness">
      {env.t(key, {
        country: env.countryName(country),
        rank: u.nominalRank,
        low: u.low,
        high: u.high,
        draws: env.num(a.result.evaluations, 0),
      })}{" "}
      <a href={`${env.href({ page: "methodology", lang: env.lang })}#robustness`}>
        {env.t("rankIntervalMore")}
      </a>
    </p>
  );
}

function factorLabel(env: PageEnv, key: string): string {
  if (key.startsWith("weights:")) {
    const code = key.slice("weights:".length);
    const node = env.fw.nodes.find((n) => n.code === code);
    return env.t(code === env.rootNode ? "factorWeightsRoot" : "factorWeights", {
      node: node ? env.text(node.label) : code,
    });
  }
  if (key === "normalisation") return env.t("factorNormalisation");
  if (key === "aggregation") return env.t("factorAggregation");
  return env.t("factorMissing");
}

function ShareBar({ env, value, kind }: { env: PageEnv; value: number; kind: "first" | "total" }) {
  const v = Math.max(0, Math.min(1, value));
  return (
    <span className="scorebar">
      <span className="scorebar__track" aria-hidden="true">
        <span className={`scorebar__fill sens--${kind}`} style={{ inlineSize: `${v * 100}%` }} />
      </span>
      <span className="scorebar__value">{env.num(v, 2)}</span>
    </span>
  );
}

/** The methodology page's section: the set-up, the sensitivity chart (Sobol indices) and the leave-one-out shifts. */
export function RobustnessSection({ env }: { env: PageEnv }) {
  const a = env.ctx.analysis;
  if (!a) return null;
  const s = a.settings;
  const loo = [...a.result.leaveOneOut].sort((x, y) => y.meanShift - x.meanShift).slice(0, 8);
  const label = (item: string, kind: "indicator" | "node") =>
    kind === "node"
      ? env.text(env.fw.nodes.find((n) => n.code === item)?.label) || item
      : env.itemLabel(item);
  const choice = (prefix: string, list: string[]) =>
    env.list(list.map((x) => env.t(`${prefix}_${x}` as never)));
  return (
    <Section
      id="robustness"
      title={env.t("robustnessTitle")}
      lead={env.t("robustnessLead", { draws: env.num(a.result.evaluations, 0) })}
    >
      <ul className="plain rules">
        <li>
          <strong>{env.t("setupWeights")}:</strong>{" "}
          {s.weights.mode === "none"
            ? env.t("weightsFixed")
            : s.weights.mode === "uniform"
              ? env.t("weightsUniform", { range: env.pct(s.weights.defaultRange) })
              : env.t("weightsDirichlet", { concentration: env.num(s.weights.concentration, 0) })}
        </li>
        <li>
          <strong>{env.t("setupNormalisations")}:</strong> {choice("norm", s.normalisations)}
        </li>
        <li>
          <strong>{env.t("setupAggregations")}:</strong> {choice("agg", s.aggregations)}
        </li>
        <li>
          <strong>{env.t("setupMissing")}:</strong> {choice("miss", s.missing)}
        </li>
        <li>
          <strong>{env.t("setupSeed")}:</strong> <span dir="ltr">{s.seed}</span>
        </li>
      </ul>
      {a.result.factors.length > 0 && (
        <figure className="chart" id="sensitivity-chart">
          <figcaption>
            <h3>{env.t("sensitivityTitle")}</h3>
            <p className="chart__note">{env.t("sensitivityLead")}</p>
          </figcaption>
          <DataTable
            scroll
            className="sensitivity"
            head={[env.t("sensitivityFactor"), env.t("sensitivityFirst"), env.t("sensitivityTotal")]}
          >
            {a.result.factors.map((f) => (
              <tr key={f.key}>
                <th scope="row">{factorLabel(env, f.key)}</th>
                <td>
                  <ShareBar env={env} value={f.first} kind="first" />
                </td>
                <td>
                  <ShareBar env={env} value={f.total} kind="total" />
                </td>
              </tr>
            ))}
          </DataTable>
        </figure>
      )}
      {loo.length > 0 && (
        <>
          <h3>{env.t("looTitle")}</h3>
          <p>{env.t("looLead")}</p>
          <DataTable
            scroll
            className="loo"
            head={[env.t("looItem"), { num: env.t("looMean") }, { num: env.t("looMax") }]}
          >
            {loo.map((x) => (
              <tr key={`${x.kind}:${x.item}`}>
                <th scope="row">{label(x.item, x.kind)}</th>
                <td className="num">{env.num(x.meanShift, 1)}</td>
                <td className="num">{env.num(x.maxShift, 0)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <p>
        <a href={`${env.href({ page: "downloads", lang: env.lang })}#uncertainty`}>
          {env.t("uncertaintyDownloads")}
        </a>
      </p>
    </Section>
  );
}
