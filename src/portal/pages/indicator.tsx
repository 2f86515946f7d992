import type { Indicator } from "../../core/index.ts";
import { BarFigure, type BarRow } from "../charts/bars.tsx";
import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { describeAnswer, scoringRule } from "../model/answers.ts";
import { nodePath, rankedCountries } from "../model/derive.ts";
import { BandBadge, CountryLink, DataTable, ImputedMark, Local, Section } from "../parts.tsx";
import { ChildrenCell, IndicatorChildrenSaid, voicesOf } from "./children-said.tsx";
import { IndicatorInvestment } from "./country-budgets.tsx";
import { Sources } from "./evidence.tsx";

function Facts({ env, ind }: { env: PageEnv; ind: Indicator }) {
  const unit = ind.type === "number" ? ind.unit : undefined;
  return (
    <dl className="facts">
      <div>
        <dt>{env.t("code")}</dt>
        <dd className="code">{ind.code}</dd>
      </div>
      <div>
        <dt>{env.t("sectionPath")}</dt>
        <dd>
          {nodePath(env, ind.node)
            .map((n) => env.text(n.label))
            .join(" › ")}
        </dd>
      </div>
      <div>
        <dt>{env.t("type")}</dt>
        <dd>{env.t(`type_${ind.type}`)}</dd>
      </div>
      {unit && (
        <div>
          <dt>{env.t("unit")}</dt>
          <dd>
            <bdi dir="ltr">{unit}</bdi>
          </dd>
        </div>
      )}
      <div>
        <dt>{env.t("weight")}</dt>
        <dd>{env.num(ind.weight, 0)}</dd>
      </div>
      <div>
        <dt>{env.t("scoring")}</dt>
        <dd>{scoringRule(env, ind)}</dd>
      </div>
      {Object.keys(ind.classifications).length > 0 && (
        <div>
          <dt>{env.t("classifications")}</dt>
          <dd>
            <ul className="plain">
              {Object.entries(ind.classifications).map(([code, values]) => {
                const cls = env.fw.classifications.find((c) => c.code === code);
                return (
                  <li key={code}>
                    <strong>{cls ? env.text(cls.label) : code}:</strong>{" "}
                    {values
                      .map((v) => env.text(cls?.values.find((x) => x.code === v)?.label) || v)
                      .join("; ")}
                  </li>
                );
              })}
            </ul>
          </dd>
        </div>
      )}
      {ind.evidence.required && (
        <div>
          <dt>{env.t("sources")}</dt>
          <dd>{env.t("evidenceRequired", { description: env.text(ind.evidence.description) })}</dd>
        </div>
      )}
    </dl>
  );
}

/** One indicator: what it asks, how it is scored, every country's answer, score and sources. */
export function IndicatorPage({ env, ind }: { env: PageEnv; ind: Indicator }) {
  const countries = rankedCountries(env);
  const rows: BarRow[] = countries.map(({ code, name }) => {
    const row = env.idx.score(code, ind.code);
    return { key: code, label: name, value: row?.score ?? null, band: row?.band ?? null };
  });
  const title = env.text(ind.text);
  const heard = voicesOf(env, ind.code).length > 0;
  return (
    <PortalDocument env={env} title={`${ind.code} ${title}`} description={title}>
      <Hero
        back={{ href: env.href({ page: "indicators", lang: env.lang }), label: env.t("indicatorsTitle") }}
        title={
          <>
            <span className="code">{ind.code}</span> <Local env={env} value={ind.text} />
          </>
        }
      >
        {ind.guidance && (
          <p className="hero__about">
            <strong>{env.t("guidance")}:</strong> <Local env={env} value={ind.guidance} />
          </p>
        )}
      </Hero>
      <Facts env={env} ind={ind} />
      <Section id="answers" title={env.t("indicatorAnswersTitle")}>
        <DataTable
          scroll
          head={[
            env.t("country"),
            env.t("answer"),
            { num: env.t("score") },
            env.t("band"),
            env.t("sources"),
            heard && env.t("childrenColumn"),
          ]}
          foot={
            <tr>
              <th scope="row">{env.t("regionalAverage")}</th>
              <td />
              <td className="num">{env.score(env.idx.regional(ind.code))}</td>
              <td colSpan={heard ? 3 : 2} />
            </tr>
          }
        >
          {countries.map(({ code, name }) => {
            const answer = env.idx.answer(code, ind.code);
            const row = env.idx.score(code, ind.code);
            return (
              <tr key={code}>
                <th scope="row">
                  <CountryLink env={env} code={code} name={name} />
                </th>
                <td>{describeAnswer(env, ind, answer)}</td>
                <td className="num">
                  {env.score(row?.score)}
                  <ImputedMark env={env} imputed={row?.imputed === true} />
                </td>
                <td>
                  <BandBadge env={env} band={row?.band} />
                </td>
                <td>
                  <Sources env={env} answer={answer} />
                </td>
                {heard && (
                  <td>
                    <ChildrenCell env={env} ind={ind} country={code} />
                  </td>
                )}
              </tr>
            );
          })}
        </DataTable>
      </Section>
      <IndicatorInvestment env={env} indicator={ind.code} node={ind.node} />
      <IndicatorChildrenSaid env={env} ind={ind} />
      <Section id="scores" title={env.t("indicatorScoresTitle")}>
        <BarFigure
          env={env}
          id="scores-chart"
          svgId="scores-svg"
          title={env.t("indicatorScoresTitle")}
          rows={rows}
          desc={(summary) => env.t("indicatorScoresDesc", { summary })}
        />
      </Section>
    </PortalDocument>
  );
}
