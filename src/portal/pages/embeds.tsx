import { ChoroplethMap, MapLegend } from "../charts/map.tsx";
import type { PageEnv } from "../context.ts";
import { BareDocument, SourceLine } from "../layout.tsx";
import { SectionsFigure, TrendFigure } from "./country-charts.tsx";
import { RankingTable } from "./home.tsx";

/** An iframe-able page: one chart, its title and a source line linking to the full portal. */
function Embed({
  env,
  title,
  children,
  full,
}: {
  env: PageEnv;
  title: string;
  children: React.ReactNode;
  full: Parameters<typeof SourceLine>[0]["full"];
}) {
  return (
    <BareDocument env={env} title={title} description={title} className="embed">
      <h1 className="embed__title">{title}</h1>
      {children}
      <SourceLine env={env} full={full} />
    </BareDocument>
  );
}

export function EmbedMapPage({ env }: { env: PageEnv }) {
  return (
    <Embed env={env} title={env.t("mapTitle")} full={{ page: "home", lang: env.lang }}>
      <ChoroplethMap env={env} id="map-svg" linkTarget="_top" />
      <MapLegend env={env} />
      <p className="chart__note">{env.t("mapDisclaimer")}</p>
    </Embed>
  );
}

export function EmbedRankingPage({ env }: { env: PageEnv }) {
  return (
    <Embed env={env} title={env.t("rankingTitle")} full={{ page: "home", lang: env.lang }}>
      {/* With rank intervals the table is wider than a phone: it scrolls in its own box. */}
      <div className="table-scroll">
        <RankingTable env={env} linkTarget="_top" />
      </div>
    </Embed>
  );
}

export function EmbedSectionsPage({ env, country }: { env: PageEnv; country: string }) {
  const full = { page: "country", lang: env.lang, country: country.toLowerCase() } as const;
  return (
    <Embed env={env} title={`${env.countryName(country)}: ${env.t("sectionsTitle")}`} full={full}>
      <SectionsFigure env={env} country={country} embed={false} />
    </Embed>
  );
}

export function EmbedTrendPage({ env, country }: { env: PageEnv; country: string }) {
  const full = { page: "country", lang: env.lang, country: country.toLowerCase() } as const;
  return (
    <Embed env={env} title={`${env.countryName(country)}: ${env.t("trendTitle")}`} full={full}>
      <TrendFigure env={env} country={country} embed={false} />
    </Embed>
  );
}
