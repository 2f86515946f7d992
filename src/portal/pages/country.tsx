import { isMethodologyChange } from "../../core/index.ts";
import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { describeAnswer } from "../model/answers.ts";
import {
  answerCounts,
  type CountryArea,
  countryAreas,
  indicatorsUnder,
  isImputed,
  sectionNodes,
} from "../model/derive.ts";
import { BandBadge, BigScore, Change, DataTable, ImputedMark, IndicatorLink, Section } from "../parts.tsx";
import { countryDownloadPath, downloadFormatNames, downloadFormats, reportPath } from "../routes.ts";
import { CountryChildrenSaid } from "./children-said.tsx";
import { CountryAreasBlock } from "./country-areas.tsx";
import { CountryBudgets } from "./country-budgets.tsx";
import { ClassificationFigure, SectionsFigure, TrendFigure } from "./country-charts.tsx";
import { GapBlock } from "./country-gap.tsx";
import { CountryFollowUp, CountryTrackingSeries } from "./country-tracking.tsx";
import { Sources } from "./evidence.tsx";
import { CountryMembersBlock } from "./members.tsx";
import { RobustnessSentence } from "./uncertainty.tsx";

function Summary({ env, country }: { env: PageEnv; country: string }) {
  const row = env.idx.score(country, env.rootNode);
  const comparison = env.snap.release.comparison;
  const counts = answerCounts(env, country);
  return (
    <dl className="figures__list">
      <div>
        <dt>{env.t("overallScore")}</dt>
        <dd>
          <BigScore env={env} value={row?.score} />
          <BandBadge env={env} band={row?.band} />
        </dd>
      </div>
      <div>
        <dt>{env.t("rank")}</dt>
        <dd className="figures__big">
          {row?.rank ? env.t("rankOf", { rank: row.rank, total: env.snap.countries.length }) : "–"}
        </dd>
      </div>
      <div>
        <dt>{comparison ? env.t("changeSince", { period: comparison.period }) : env.t("change")}</dt>
        <dd className="figures__big">
          {comparison ? (
            <Change env={env} value={row?.change} />
          ) : (
            <span className="muted">{env.t("noChange")}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{env.t("coverage")}</dt>
        <dd className="figures__big">
          {row?.coverage === null || row?.coverage === undefined ? "–" : env.pct(row.coverage)}
          <span className="figures__note">
            {env.t("answered")}: {counts.answered} / {counts.total}
          </span>
        </dd>
      </div>
    </dl>
  );
}

function Areas({ env, country }: { env: PageEnv; country: string }) {
  const { strengths, weakest } = countryAreas(env, country);
  if (!strengths.length) return null;
  const list = (rows: CountryArea[]) => (
    <ol className="areas">
      {rows.map((a) => (
        <li key={a.code}>
          <span className="areas__label">
            {a.label}
            <span className="muted"> · {a.context}</span>
          </span>
          <span className="areas__score">{env.score(a.score)}</span>
          <BandBadge env={env} band={a.band} />
        </li>
      ))}
    </ol>
  );
  return (
    <div className="grid grid--2">
      <Section id="strengths" title={env.t("strengthsTitle")} className="card">
        {list(strengths)}
      </Section>
      <Section id="weakest" title={env.t("weaknessesTitle")} className="card">
        {list(weakest)}
      </Section>
    </div>
  );
}

function ChangeTable({ env, country }: { env: PageEnv; country: string }) {
  const comparison = env.snap.release.comparison;
  if (!comparison) return null;
  const before = env.snap.trend.find((p) => p.period === comparison.period);
  // Items whose measure the framework changed since the comparison (split, merged, rescored): marked.
  const crosswalk = env.snap.crosswalk;
  const methodologyChanges = new Set(
    (crosswalk?.items ?? []).filter((x) => isMethodologyChange(x.change)).map((x) => x.item),
  );
  const items = [
    { code: env.rootNode, label: env.t("overallScore") },
    ...sectionNodes(env).map((n) => ({ code: n.code, label: env.text(n.label) })),
  ];
  return (
    <Section id="change" title={env.t("changeTitle")}>
      <DataTable
        scroll
        head={[
          env.t("section"),
          { num: comparison.period },
          { num: env.snap.release.period },
          { num: env.t("change") },
        ]}
      >
        {items.map((item) => {
          const now = env.idx.score(country, item.code);
          const then = before?.scores.find((s) => s.country === country && s.item === item.code);
          const method = methodologyChanges.has(item.code);
          return (
            <tr key={item.code}>
              <th scope="row">{item.label}</th>
              <td className="num">{env.score(then?.score)}</td>
              <td className="num">{env.score(now?.score)}</td>
              <td className="num">
                <Change env={env} value={now?.change} />
                {method && (
                  <span className="methodology-mark" title={env.t("methodologyChanged")}>
                    <span aria-hidden="true">*</span>
                    <span className="visually-hidden"> ({env.t("methodologyChanged")})</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {crosswalk && (
        <p className="chart__note" id="crosswalk-note">
          {env.t("crosswalkNote", {
            from: crosswalk.fromVersion,
            to: crosswalk.toVersion,
            period: comparison.period,
          })}
          {items.some((item) => methodologyChanges.has(item.code)) && ` ${env.t("crosswalkMarked")}`}
        </p>
      )}
    </Section>
  );
}

function CountryDownloads({ env, country }: { env: PageEnv; country: string }) {
  return (
    <Section id="downloads" title={env.t("countryDownloads", { country: env.countryName(country) })}>
      <ul className="downloads">
        {downloadFormats.map((f) => (
          <li key={f}>
            <a href={env.href(countryDownloadPath(country, f))} download>
              {downloadFormatNames[f]}
            </a>
          </li>
        ))}
        <li>
          <a href={env.href(reportPath(env.lang, country, "pdf"))}>{env.t("reportPdf")}</a>
        </li>
        <li>
          <a href={env.href(reportPath(env.lang, country, "docx"))}>{env.t("reportDocx")}</a>
        </li>
        <li>
          <a href={env.href({ page: "print-country", lang: env.lang, country: country.toLowerCase() })}>
            {env.t("printVersion")}
          </a>
        </li>
      </ul>
    </Section>
  );
}

/** Every answer of the country, one disclosure per section. */
function Answers({ env, country }: { env: PageEnv; country: string }) {
  const name = env.countryName(country);
  return (
    <Section id="answers" title={env.t("answersTitle", { country: name })} lead={env.t("answersLead")}>
      {sectionNodes(env).map((section) => {
        const indicators = indicatorsUnder(env, section.code, true);
        if (!indicators.length) return null;
        return (
          <details key={section.code} className="answers">
            <summary>
              {env.text(section.label)}{" "}
              <span className="muted">({env.t("indicatorsCount", { count: indicators.length })})</span>
            </summary>
            <DataTable
              scroll
              head={[env.t("indicator"), env.t("answer"), { num: env.t("score") }, env.t("sources")]}
            >
              {indicators.map((ind) => {
                const answer = env.idx.answer(country, ind.code);
                return (
                  <tr key={ind.code}>
                    <th scope="row">
                      <IndicatorLink env={env} ind={ind} />
                    </th>
                    <td>{describeAnswer(env, ind, answer)}</td>
                    <td className="num">
                      {env.score(env.idx.score(country, ind.code)?.score)}
                      <ImputedMark env={env} imputed={isImputed(env, country, ind.code)} />
                    </td>
                    <td>
                      <Sources env={env} answer={answer} />
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </details>
        );
      })}
    </Section>
  );
}

/** The content of a country profile, shared by the profile page and its print version. */
export function CountryBody({
  env,
  country,
  print = false,
}: {
  env: PageEnv;
  country: string;
  print?: boolean;
}) {
  return (
    <>
      <section aria-label={env.t("overallScore")} className="figures">
        <Summary env={env} country={country} />
      </section>
      <RobustnessSentence env={env} country={country} />
      <div className="grid grid--2">
        <SectionsFigure env={env} country={country} embed={!print} />
        <TrendFigure env={env} country={country} embed={!print} />
      </div>
      <GapBlock env={env} country={country} />
      <Areas env={env} country={country} />
      <ChangeTable env={env} country={country} />
      {!print && <CountryAreasBlock env={env} country={country} />}
      <div className="grid grid--2">
        {env.fw.classifications.map((c) => (
          <ClassificationFigure key={c.code} env={env} country={country} code={c.code} />
        ))}
      </div>
      <CountryChildrenSaid env={env} country={country} />
      <CountryBudgets env={env} country={country} />
      <CountryFollowUp env={env} country={country} />
      <CountryTrackingSeries env={env} country={country} />
      {!print && <CountryMembersBlock env={env} country={country} />}
      {!print && <CountryDownloads env={env} country={country} />}
      {!print && <Answers env={env} country={country} />}
    </>
  );
}

/** A country profile. */
export function CountryPage({ env, country }: { env: PageEnv; country: string }) {
  const name = env.countryName(country);
  const row = env.idx.score(country, env.rootNode);
  const lead = env.t("countryLead", {
    country: name,
    score: env.score(row?.score),
    scale: env.num(env.fw.scoreScale, 0),
    band: env.text(env.band(row?.band)?.label) || "–",
    rank: row?.rank ?? "–",
    total: env.snap.countries.length,
    period: env.snap.release.period,
  });
  return (
    <PortalDocument env={env} title={name} description={lead}>
      <Hero
        className="hero--country"
        back={{ href: env.href({ page: "home", lang: env.lang }), label: env.t("navHome") }}
        title={env.t("countryTitle", { country: name })}
        lead={lead}
      />
      <CountryBody env={env} country={country} />
    </PortalDocument>
  );
}
