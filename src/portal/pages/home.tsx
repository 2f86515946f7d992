import { BandStrip } from "../charts/band-strip.tsx";
import { BarFigure, type BarRow } from "../charts/bars.tsx";
import { bandColorOf, Figure } from "../charts/figure.tsx";
import { ChoroplethMap, MapLegend } from "../charts/map.tsx";
import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { bandOfValue, largestChanges, rankedCountries, sectionNodes } from "../model/derive.ts";
import { BandBadge, BigScore, Change, CountryLink, DataTable, Local, Section } from "../parts.tsx";
import { RankInterval, RankIntervalNote } from "./uncertainty.tsx";

/** The ranking table: rank, country (link to profile), score, band, change since the comparison release. */
export function RankingTable({ env, linkTarget }: { env: PageEnv; linkTarget?: "_top" }) {
  const comparison = env.snap.release.comparison;
  return (
    <DataTable
      className="ranking"
      caption={env.t("rankingCaption", { period: env.snap.release.period })}
      head={[
        { num: env.t("rank") },
        env.t("country"),
        { num: env.t("score") },
        env.t("band"),
        comparison && { num: env.t("changeSince", { period: comparison.period }) },
        env.ctx.analysis && env.t("rankInterval"),
      ]}
    >
      {rankedCountries(env).map(({ code, name, row }) => (
        <tr key={code}>
          <td className="num">{row?.rank ?? "–"}</td>
          <th scope="row">
            <CountryLink env={env} code={code} name={name} target={linkTarget} />
          </th>
          <td className="num">
            <span className="scorebar">
              <span className="scorebar__track" aria-hidden="true">
                <span
                  className="scorebar__fill"
                  style={{
                    inlineSize: `${((row?.score ?? 0) / env.fw.scoreScale) * 100}%`,
                    background: bandColorOf(env, row?.band),
                  }}
                />
              </span>
              <span className="scorebar__value">{env.score(row?.score)}</span>
            </span>
          </td>
          <td>
            <BandBadge env={env} band={row?.band} />
          </td>
          {comparison && (
            <td className="num">
              <Change env={env} value={row?.change} />
            </td>
          )}
          {env.ctx.analysis && (
            <td>
              <RankInterval env={env} code={code} />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

/** Regional averages of the sections as bar rows. */
export function sectionAverageRows(env: PageEnv): BarRow[] {
  return sectionNodes(env).map((n) => {
    const average = env.idx.regional(n.code);
    return { key: n.code, label: env.text(n.label), value: average, band: bandOfValue(env, average) };
  });
}

function Changes({ env }: { env: PageEnv }) {
  const comparison = env.snap.release.comparison;
  if (!comparison) return null;
  const { improvements, declines } = largestChanges(env);
  const list = (rows: typeof improvements, none: string) =>
    rows.length ? (
      <ol className="changes">
        {rows.map((r) => (
          <li key={r.code}>
            <CountryLink env={env} code={r.code} name={r.name} /> <Change env={env} value={r.change} />
            <span className="changes__score">
              {" "}
              {env.t("scoreOutOf", { score: env.score(r.score), scale: env.num(env.fw.scoreScale, 0) })}
            </span>
          </li>
        ))}
      </ol>
    ) : (
      <p>{none}</p>
    );
  return (
    <Section id="changes" title={env.t("changesTitle", { period: comparison.period })}>
      <div className="grid grid--2">
        <div className="card">
          <h3>{env.t("improvements")}</h3>
          {list(improvements, env.t("noImprovements"))}
        </div>
        <div className="card">
          <h3>{env.t("declines")}</h3>
          {list(declines, env.t("noDeclines"))}
        </div>
      </div>
    </Section>
  );
}

/** How many countries are in each band, and the regional average of each section (home page and regional report). */
export function BandsAndSections({ env }: { env: PageEnv }) {
  const rows = sectionAverageRows(env);
  return (
    <>
      <Section id="bands" title={env.t("bandsTitle")}>
        <BandStrip env={env} id="bands-svg" />
      </Section>
      <Section id="sections" title={env.t("sectionsAverageTitle")}>
        <BarFigure
          env={env}
          id="sections-chart"
          svgId="sections-svg"
          title={env.t("sectionsAverageTitle")}
          rows={rows}
          desc={(summary) => env.t("sectionsAverageDesc", { summary })}
          head={env.t("section")}
        />
      </Section>
    </>
  );
}

function Ranking({ env }: { env: PageEnv }) {
  return (
    <Section id="ranking" title={env.t("rankingTitle")}>
      <div className="table-scroll">
        <RankingTable env={env} />
      </div>
      <RankIntervalNote env={env} />
      <p className="embed-link">
        <a href={env.href({ page: "embed-ranking", lang: env.lang })}>{env.t("embed")}</a>
      </p>
    </Section>
  );
}

/** The home page: the regional picture. */
export function HomePage({ env }: { env: PageEnv }) {
  const r = env.snap.release;
  const average = env.idx.regional(env.rootNode);
  const avgBand = bandOfValue(env, average);
  const lead = env.t("homeLead", { count: env.snap.countries.length });
  return (
    <PortalDocument env={env} title={env.t("navHome")} description={lead}>
      <Hero title={<Local env={env} value={env.fw.title} />} lead={lead}>
        {env.fw.description && (
          <p className="hero__about">
            <Local env={env} value={env.fw.description} />
          </p>
        )}
      </Hero>
      <section aria-labelledby="figures-h" className="figures">
        <h2 id="figures-h" className="visually-hidden">
          {env.t("keyFigures")}
        </h2>
        <dl className="figures__list">
          <div>
            <dt>{env.t("figureAverage")}</dt>
            <dd>
              <BigScore env={env} value={average} />
              {avgBand && <BandBadge env={env} band={avgBand} />}
            </dd>
          </div>
          <div>
            <dt>{env.t("figureCountries")}</dt>
            <dd className="figures__big">{env.num(env.snap.countries.length, 0)}</dd>
          </div>
          <div>
            <dt>{env.t("figureIndicators")}</dt>
            <dd className="figures__big">{env.num(env.fw.indicators.length, 0)}</dd>
          </div>
          <div>
            <dt>{env.t("figurePeriod")}</dt>
            <dd className="figures__big">{r.period}</dd>
          </div>
        </dl>
      </section>
      <Figure
        env={env}
        id="map"
        title={env.t("mapTitle")}
        legend={
          <>
            <MapLegend env={env} />
            <p className="chart__note">{env.t("mapDisclaimer")}</p>
          </>
        }
        embed={{ page: "embed-map", lang: env.lang }}
        embedHeight={560}
      >
        <ChoroplethMap env={env} id="map-svg" />
      </Figure>
      {env.ctx.analysis ? (
        // With rank ranges the ranking needs the page's whole width; bands and sections go below it.
        <>
          <Ranking env={env} />
          <div className="grid grid--2">
            <BandsAndSections env={env} />
          </div>
        </>
      ) : (
        <div className="grid grid--map">
          <Ranking env={env} />
          <div>
            <BandsAndSections env={env} />
          </div>
        </div>
      )}
      <Changes env={env} />
    </PortalDocument>
  );
}
