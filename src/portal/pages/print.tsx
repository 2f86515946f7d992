import { BandLegend, Figure } from "../charts/figure.tsx";
import { ChoroplethMap } from "../charts/map.tsx";
import type { PageEnv } from "../context.ts";
import { BareDocument } from "../layout.tsx";
import { Section } from "../parts.tsx";
import { CountryBody } from "./country.tsx";
import { BandsAndSections, RankingTable } from "./home.tsx";

function PrintHeader({ env, title }: { env: PageEnv; title: string }) {
  const r = env.snap.release;
  return (
    <header className="print-header">
      <p className="print-header__index">{env.text(env.fw.title)}</p>
      <h1>{title}</h1>
      <p className="muted">
        {env.t("releaseLine", { period: r.period, version: r.version, date: env.date(r.publishedAt) })}
      </p>
      {r.isDemo && (
        <p className="demo-ribbon demo-ribbon--print">
          <strong>{env.t("demoRibbon")}</strong> {env.t("demoNotice")}
        </p>
      )}
    </header>
  );
}

function PrintFooter({ env }: { env: PageEnv }) {
  const r = env.snap.release;
  return (
    <footer className="print-footer">
      <p>{env.t("printGenerated", { slug: r.slug, date: env.date(r.publishedAt) })}</p>
      <p>{env.t("footerLicence")}</p>
    </footer>
  );
}

/** A country report laid out for printing (A4), charts included: the source of the PDF report. */
export function PrintCountryPage({ env, country }: { env: PageEnv; country: string }) {
  const title = env.t("printTitleCountry", { country: env.countryName(country) });
  return (
    <BareDocument env={env} title={title} description={title} className="print">
      <PrintHeader env={env} title={title} />
      <CountryBody env={env} country={country} print />
      <PrintFooter env={env} />
    </BareDocument>
  );
}

/** The regional report laid out for printing: map, ranking, bands, section averages. */
export function PrintRegionalPage({ env }: { env: PageEnv }) {
  const title = env.t("printTitleRegional");
  return (
    <BareDocument env={env} title={title} description={title} className="print">
      <PrintHeader env={env} title={title} />
      <Figure env={env} id="map" title={env.t("mapTitle")} legend={<BandLegend env={env} />}>
        <ChoroplethMap env={env} id="map-svg" />
      </Figure>
      <p className="chart__note">{env.t("mapDisclaimer")}</p>
      <Section id="ranking" title={env.t("rankingTitle")}>
        <div className="table-scroll">
          <RankingTable env={env} />
        </div>
      </Section>
      <BandsAndSections env={env} />
      <PrintFooter env={env} />
    </BareDocument>
  );
}
