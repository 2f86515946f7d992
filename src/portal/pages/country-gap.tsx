import { BarFigure, type BarRow } from "../charts/bars.tsx";
import type { PageEnv } from "../context.ts";
import { bandOfValue, gapOf, regionalGap } from "../model/derive.ts";
import { Section } from "../parts.tsx";

/** The labels of some values of a classification, as a list in the page's language ("Services, Capacity and …"). */
export function valueLabels(env: PageEnv, classification: string, values: string[]): string {
  const cls = env.fw.classifications.find((c) => c.code === classification);
  return env.list(values.map((v) => env.text(cls?.values.find((x) => x.code === v)?.label) || v));
}

/** The law-and-policy versus implementation gap of a country, when the framework defines one. */
export function GapBlock({ env, country }: { env: PageEnv; country: string }) {
  const def = env.fw.gap;
  const mine = gapOf(env, country);
  if (!def || !mine) return null;
  const region = regionalGap(env);
  const rows: BarRow[] = [
    {
      key: "policy",
      label: env.t("gapPolicy"),
      value: mine.policy,
      band: bandOfValue(env, mine.policy),
      marker: region?.policy,
    },
    {
      key: "implementation",
      label: env.t("gapImplementation"),
      value: mine.implementation,
      band: bandOfValue(env, mine.implementation),
      marker: region?.implementation,
    },
  ];
  const explain = env.t("gapExplain", {
    policy: valueLabels(env, def.classification, def.policy),
    implementation: valueLabels(env, def.classification, def.implementation),
  });
  return (
    <Section id="gap" title={env.t("gapTitle")} className="gap">
      <div className="grid grid--gap">
        <div className="gap__figure">
          <p className="gap__label">{env.t("gapValue")}</p>
          {mine.gap === null ? (
            <p>{env.t("gapUnavailable")}</p>
          ) : (
            <p className="gap__value">
              <bdi dir="ltr">{env.signed(mine.gap)}</bdi>{" "}
              <span className="gap__unit">{env.t("gapPoints", { value: "" }).trim()}</span>
            </p>
          )}
          {region?.gap !== null && region?.gap !== undefined && (
            <p className="muted">
              {env.t("regionalAverage")}: <bdi dir="ltr">{env.signed(region.gap)}</bdi>
            </p>
          )}
          <p className="gap__explain">{explain}</p>
        </div>
        <BarFigure
          env={env}
          id="gap-chart"
          svgId="gap-svg"
          title={env.t("gapTitle")}
          rows={rows}
          desc={(summary) => `${summary}. ${explain}`}
          head={env.t("gapTitle")}
        />
      </div>
    </Section>
  );
}
