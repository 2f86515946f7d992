import type { ReactNode } from "react";
import { logoExtension } from "../../core/index.ts";
import type { DirectoryEntryOut } from "../../server/api-schemas/network.ts";
import { mapGeometry } from "../charts/map-geometry.ts";
import type { PageEnv } from "../context.ts";
import type { PortalMessageKey } from "../i18n/catalog-en.ts";
import { uiLanguageOf } from "../i18n/translate.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { Section } from "../parts.tsx";

/*
 * The public member directory: the regional network, each country's coalitions and their member
 * organisations that chose to be listed (the server's `readDirectory` already left out the
 * others, and the contacts of those that did not publish them). One page for the whole network,
 * one per country; the filters are a progressive enhancement (portal.js), the full list is there
 * without script, so the static export shows the same.
 */

const KINDS = ["regional", "coalition", "member", "partner", "donor", "other"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Where a published logo is, relative to the release's root (served live and exported alike). */
export function logoSitePath(id: string, mediaType: string): string {
  return `logos/${id}.${logoExtension(mediaType)}`;
}

/** The directory's downloads: site files (served live and exported alike) built from the listed entries only. */
export const DIRECTORY_DOWNLOADS = [
  { format: "csv", key: "membersDownloadCsv", contentType: "text/csv; charset=utf-8" },
  { format: "xlsx", key: "membersDownloadXlsx", contentType: XLSX_TYPE },
  { format: "json", key: "membersDownloadJson", contentType: "application/json; charset=utf-8" },
] as const;

/** Where a download of the directory is, relative to the release's root. */
export function directoryDownloadPath(format: (typeof DIRECTORY_DOWNLOADS)[number]["format"]): string {
  return `downloads/directory/members.${format}`;
}

/** The links to the directory's downloads (nothing when no organisation is listed). */
export function DirectoryDownloads({ env, heading = "h2" }: { env: PageEnv; heading?: "h2" | "h3" }) {
  if (!directoryOf(env).length) return null;
  const Heading = heading;
  return (
    <section className="block member-downloads" aria-labelledby="member-downloads-h">
      <Heading id="member-downloads-h">{env.t("membersDownloads")}</Heading>
      <p className="muted">{env.t("membersDownloadsLead")}</p>
      <ul className="downloads member-downloads__list">
        {DIRECTORY_DOWNLOADS.map((d) => (
          <li key={d.format}>
            <a href={env.href(directoryDownloadPath(d.format))} download data-directory-download={d.format}>
              {env.t(d.key)}
            </a>{" "}
            <span className="muted" dir="ltr">
              members.{d.format}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The directory's entries, or none. */
export function directoryOf(env: PageEnv): DirectoryEntryOut[] {
  return env.ctx.directory ?? [];
}

/** The countries that have listed organisations, as lower-case codes (for the routes). */
export function directoryCountries(entries: readonly DirectoryEntryOut[]): string[] {
  return [...new Set(entries.flatMap((e) => (e.countryCode ? [e.countryCode.toLowerCase()] : [])))].sort();
}

/** An organisation's name in the page's language where it gave one, else its own name; with its language. */
function nameOf(env: PageEnv, e: DirectoryEntryOut): { text: string; lang?: string } {
  const base = env.lang.split("-")[0]!;
  const local = e.names[env.lang] || e.names[base];
  return local ? { text: local, lang: env.lang } : { text: e.name };
}

/** Only web addresses are links: anything else (a `javascript:` text) is not shown. */
function safeWebsite(url: string | null): { href: string; label: string } | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
    const label = `${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
    return { href: parsed.href, label };
  } catch {
    return null;
  }
}

function sortByName(env: PageEnv, entries: DirectoryEntryOut[]): DirectoryEntryOut[] {
  const collator = new Intl.Collator(env.lang);
  const rank = (e: DirectoryEntryOut) => KINDS.indexOf(e.kind) + (KINDS.includes(e.kind) ? 0 : KINDS.length);
  return [...entries].sort(
    (a, b) => rank(a) - rank(b) || collator.compare(nameOf(env, a).text, nameOf(env, b).text),
  );
}

function kindLabel(env: PageEnv, kind: string): string {
  return env.t("memberKind", { kind: KINDS.includes(kind) ? kind : "other" });
}

/** The address of an organisation's profile page in the page's language. */
function profileHref(env: PageEnv, entry: DirectoryEntryOut): string {
  return env.href({ page: "member", lang: env.lang, member: entry.id });
}

/** A published logo: decorative, as the organisation's name is always beside it. */
function Logo({ env, entry, className }: { env: PageEnv; entry: DirectoryEntryOut; className: string }) {
  if (!entry.logo) return null;
  return (
    <img
      className={className}
      src={env.href(logoSitePath(entry.id, entry.logo.mediaType))}
      alt=""
      loading="lazy"
      decoding="async"
    />
  );
}

/** What the directory shows of an organisation below its name: type, its coalition, own name, description, facts. */
function MemberBody({
  env,
  entry,
  parents,
}: {
  env: PageEnv;
  entry: DirectoryEntryOut;
  parents: ReadonlyMap<string, DirectoryEntryOut>;
}) {
  const name = nameOf(env, entry);
  const parent = entry.parentId ? parents.get(entry.parentId) : undefined;
  const parentName = parent ? nameOf(env, parent) : null;
  const website = safeWebsite(entry.website);
  return (
    <>
      <p className="member-card__meta">
        <span className="tag member-card__kind">{kindLabel(env, entry.kind)}</span>
        {parent && parentName && (
          <span className="member-card__parent">
            {env.t("memberOf")}{" "}
            <a
              href={profileHref(env, parent)}
              lang={parentName.lang}
              dir={parentName.lang ? undefined : "auto"}
            >
              {parentName.text}
            </a>
          </span>
        )}
      </p>
      {name.text !== entry.name && (
        <p className="member-card__own muted">
          {env.t("memberOwnName")}{" "}
          <span dir="auto" lang="">
            {entry.name}
          </span>
        </p>
      )}
      {entry.description && (
        <p className="member-card__about" dir="auto">
          {entry.description}
        </p>
      )}
      <dl className="member-card__facts">
        {entry.themes.length > 0 && (
          <div>
            <dt className="member-card__term">{env.t("memberThemes")}</dt>
            <dd>
              <ul className="member-tags">
                {entry.themes.map((t) => (
                  <li key={t} dir="auto">
                    {t}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {entry.crcArticles.length > 0 && (
          <div>
            <dt className="member-card__term">{env.t("memberArticles")}</dt>
            <dd>
              {env.t("memberArticleList", {
                count: entry.crcArticles.length,
                list: env.list([...entry.crcArticles].sort((a, b) => a - b).map((a) => env.num(a, 0))),
              })}
            </dd>
          </div>
        )}
        {website && (
          <div>
            <dt className="member-card__term">{env.t("memberWebsite")}</dt>
            <dd>
              <a href={website.href} rel="noopener noreferrer nofollow" dir="ltr">
                {website.label}
              </a>
            </dd>
          </div>
        )}
        {entry.contactEmail && (
          <div>
            <dt className="member-card__term">{env.t("memberEmail")}</dt>
            <dd>
              <a href={`mailto:${entry.contactEmail}`} dir="ltr">
                {entry.contactEmail}
              </a>
            </dd>
          </div>
        )}
        {entry.contactPhone && (
          <div>
            <dt className="member-card__term">{env.t("memberPhone")}</dt>
            <dd>
              <a href={`tel:${entry.contactPhone.replace(/[^0-9+]/g, "")}`} dir="ltr">
                {entry.contactPhone}
              </a>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

/** One organisation in a list: its logo, its name (a link to its profile page) and what it published. */
function MemberCard({
  env,
  entry,
  parents,
  level,
}: {
  env: PageEnv;
  entry: DirectoryEntryOut;
  parents: ReadonlyMap<string, DirectoryEntryOut>;
  level: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const name = nameOf(env, entry);
  const parent = entry.parentId ? parents.get(entry.parentId) : undefined;
  const search = [
    entry.name,
    ...Object.values(entry.names),
    ...entry.themes,
    entry.description ?? "",
    parent?.name ?? "",
  ]
    .join(" ")
    .toLowerCase();
  return (
    <li
      className="member-card"
      data-member=""
      data-search={search}
      data-country={entry.countryCode?.toLowerCase() ?? ""}
      data-kind={entry.kind}
      data-themes={entry.themes.join("|")}
    >
      <Logo env={env} entry={entry} className="member-card__logo" />
      <Heading>
        <a href={profileHref(env, entry)} lang={name.lang} dir={name.lang ? undefined : "auto"}>
          {name.text}
        </a>
      </Heading>
      <MemberBody env={env} entry={entry} parents={parents} />
    </li>
  );
}

/** The count message per plural category of the page's language (`#` for the number), for the filter script. */
function countTemplates(env: PageEnv, key: PortalMessageKey): Record<string, string> {
  const rules = new Intl.PluralRules(uiLanguageOf(env.lang));
  const out: Record<string, string> = { "=0": env.t(key, { count: 0 }) };
  for (let n = 1; n <= 200; n++) {
    const category = rules.select(n);
    if (out[category]) continue;
    out[category] = env.t(key, { count: n }).replace(env.num(n, 0), "#");
  }
  return out;
}

/** The filters: words, country (on the network's page), type and area of work. Shown by the script only. */
function Filters({
  env,
  entries,
  countries,
}: {
  env: PageEnv;
  entries: DirectoryEntryOut[];
  countries: string[] | null;
}) {
  const kinds = KINDS.filter((k) => entries.some((e) => e.kind === k));
  const collator = new Intl.Collator(env.lang);
  const themes = [...new Set(entries.flatMap((e) => e.themes))].sort(collator.compare);
  return (
    <div className="search member-filters" data-member-filter="" hidden>
      <div className="member-filters__words">
        <label htmlFor="member-search">{env.t("membersFilterSearch")}</label>
        <input id="member-search" type="search" autoComplete="off" />
      </div>
      <div className="member-filters__choices">
        {countries && (
          <div>
            <label htmlFor="member-country">{env.t("country")}</label>
            <select id="member-country" data-filter="country">
              <option value="">{env.t("membersFilterAll")}</option>
              {countries.map((c) => (
                <option key={c} value={c}>
                  {env.countryName(c.toUpperCase())}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="member-kind">{env.t("membersFilterKind")}</label>
          <select id="member-kind" data-filter="kind">
            <option value="">{env.t("membersFilterAll")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(env, k)}
              </option>
            ))}
          </select>
        </div>
        {themes.length > 0 && (
          <div>
            <label htmlFor="member-theme">{env.t("membersFilterTheme")}</label>
            <select id="member-theme" data-filter="themes">
              <option value="">{env.t("membersFilterAll")}</option>
              {themes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p
        className="search__count"
        role="status"
        data-templates={JSON.stringify(countTemplates(env, "membersCount"))}
      >
        {env.t("membersCount", { count: entries.length })}
      </p>
    </div>
  );
}

function CardList({
  env,
  entries,
  parents,
  level = 3,
}: {
  env: PageEnv;
  entries: DirectoryEntryOut[];
  parents: ReadonlyMap<string, DirectoryEntryOut>;
  level?: 2 | 3;
}) {
  return (
    <ul className="member-list">
      {sortByName(env, entries).map((e) => (
        <MemberCard key={e.id} env={env} entry={e} parents={parents} level={level} />
      ))}
    </ul>
  );
}

/** A block of the network's page the filters hide when none of its organisations is shown. */
function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="block member-group" aria-labelledby={`${id}-h`} id={id} data-member-group="">
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/** Links of a country's block: its members' page (from the network's page) and its profile (when the release holds it). */
function CountryLinks({
  env,
  country,
  fromNetwork,
}: {
  env: PageEnv;
  country: string;
  fromNetwork: boolean;
}) {
  const inRelease = env.snap.countries.some((c) => c.code === country.toUpperCase());
  const name = env.countryName(country.toUpperCase());
  if (!fromNetwork && !inRelease) return null;
  return (
    <p className="member-country__links">
      {fromNetwork && (
        <a href={env.href({ page: "country-members", lang: env.lang, country })}>
          {env.t("membersCountryLink", { country: name })}
        </a>
      )}
      {fromNetwork && inRelease && " · "}
      {inRelease && (
        <a href={env.href({ page: "country", lang: env.lang, country })}>
          {env.t("membersCountryProfile", { country: name })}
        </a>
      )}
    </p>
  );
}

/**
 * Where the network's listed organisations are: each country with any, shaded by how many, a link
 * to that country's list; neighbours in grey. Countries, not addresses: an organisation's own
 * place is not published.
 */
function MembersMap({
  env,
  entries,
  countries,
}: {
  env: PageEnv;
  entries: DirectoryEntryOut[];
  countries: string[];
}) {
  const geo = mapGeometry(countries.map((c) => c.toUpperCase()));
  const count = (code: string) => entries.filter((e) => e.countryCode?.toUpperCase() === code).length;
  const most = Math.max(1, ...countries.map((c) => count(c.toUpperCase())));
  const label = (code: string) =>
    env.t("membersMapCountry", { country: env.countryName(code), count: count(code) });
  const summary = env.list(countries.map((c) => label(c.toUpperCase())));
  return (
    <figure className="block member-map">
      <svg
        className="map"
        viewBox={`0 0 ${geo.width} ${geo.height}`}
        aria-labelledby="member-map-t member-map-d"
      >
        <title id="member-map-t">{env.t("membersMapTitle")}</title>
        <desc id="member-map-d">{summary}</desc>
        <rect className="map__sea" width={geo.width} height={geo.height} />
        <g className="map__neighbours">
          {geo.shapes
            .filter((shape) => shape.code === null)
            .map((shape) => (
              <path key={shape.name} d={shape.d} />
            ))}
        </g>
        <g className="map__countries member-map__countries">
          {geo.shapes
            .filter((shape) => shape.code !== null)
            .map((shape) => (
              <a
                key={shape.code}
                href={env.href({
                  page: "country-members",
                  lang: env.lang,
                  country: shape.code!.toLowerCase(),
                })}
              >
                <title>{label(shape.code!)}</title>
                <path d={shape.d} fillOpacity={(0.35 + (0.65 * count(shape.code!)) / most).toFixed(2)} />
              </a>
            ))}
        </g>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the labels repeat the links' names */}
        <g className="map__labels" aria-hidden="true">
          {geo.shapes
            .filter((shape) => shape.code !== null)
            .map((shape) => (
              <text key={shape.code} x={shape.x} y={shape.y} textAnchor="middle">
                {env.num(count(shape.code!), 0)}
              </text>
            ))}
        </g>
      </svg>
      <figcaption className="muted">{env.t("membersMapCaption")}</figcaption>
      <nav className="member-map__list" aria-label={env.t("membersMapListTitle")}>
        <ul>
          {countries.map((c) => (
            <li key={c}>
              <a
                className="member-map__link"
                href={env.href({ page: "country-members", lang: env.lang, country: c })}
                data-map-country={c}
              >
                <span className="member-map__name">{env.countryName(c.toUpperCase())}</span>{" "}
                <span className="member-map__count">{env.num(count(c.toUpperCase()), 0)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </figure>
  );
}

/** The network's directory: the regional network, then each country's listed organisations. */
export function MembersPage({ env }: { env: PageEnv }) {
  const entries = directoryOf(env);
  const parents = new Map(entries.map((e) => [e.id, e]));
  const countries = directoryCountries(entries).sort((a, b) =>
    new Intl.Collator(env.lang).compare(env.countryName(a.toUpperCase()), env.countryName(b.toUpperCase())),
  );
  const network = entries.filter((e) => !e.countryCode && e.kind === "regional");
  const others = entries.filter((e) => !e.countryCode && e.kind !== "regional");
  return (
    <PortalDocument env={env} title={env.t("membersTitle")} description={env.t("membersLead")}>
      <Hero title={env.t("membersTitle")} lead={env.t("membersLead")}>
        {entries.length > 0 && (
          <p className="member-downloads__jump">
            <a href="#member-downloads-h">{env.t("membersDownloads")}</a>
          </p>
        )}
      </Hero>
      {countries.length > 0 && <MembersMap env={env} entries={entries} countries={countries} />}
      <Filters env={env} entries={entries} countries={countries} />
      {network.length > 0 && (
        <Group id="network" title={env.t("membersNetwork")}>
          <CardList env={env} entries={network} parents={parents} />
        </Group>
      )}
      {countries.map((c) => (
        <Group key={c} id={`members-${c}`} title={env.countryName(c.toUpperCase())}>
          <CountryLinks env={env} country={c} fromNetwork />
          <CardList
            env={env}
            entries={entries.filter((e) => e.countryCode?.toLowerCase() === c)}
            parents={parents}
          />
        </Group>
      ))}
      {others.length > 0 && (
        <Group id="others" title={env.t("membersOthers")}>
          <CardList env={env} entries={others} parents={parents} />
        </Group>
      )}
      <DirectoryDownloads env={env} />
    </PortalDocument>
  );
}

/** One country's listed organisations: its coalitions first, then their members. */
export function CountryMembersPage({ env, country }: { env: PageEnv; country: string }) {
  const all = directoryOf(env);
  const parents = new Map(all.map((e) => [e.id, e]));
  const entries = all.filter((e) => e.countryCode?.toLowerCase() === country);
  const name = env.countryName(country.toUpperCase());
  const lead = env.t("countryMembersLead", { country: name });
  const inRelease = env.snap.countries.some((c) => c.code === country.toUpperCase());
  return (
    <PortalDocument env={env} title={env.t("countryMembersTitle", { country: name })} description={lead}>
      <Hero
        back={
          inRelease
            ? {
                href: env.href({ page: "country", lang: env.lang, country }),
                label: env.t("membersCountryProfile", { country: name }),
              }
            : { href: env.href({ page: "members", lang: env.lang }), label: env.t("membersTitle") }
        }
        title={env.t("countryMembersTitle", { country: name })}
        lead={lead}
      />
      <Filters env={env} entries={entries} countries={null} />
      <div data-member-group="">
        <CardList env={env} entries={entries} parents={parents} level={2} />
      </div>
      <p>
        <a href={env.href({ page: "members", lang: env.lang })}>{env.t("membersAllLink")}</a>
      </p>
    </PortalDocument>
  );
}

/** On a country profile: how many of the network's organisations there are listed, with the link to them. */
export function CountryMembersBlock({ env, country }: { env: PageEnv; country: string }) {
  const code = country.toLowerCase();
  const entries = directoryOf(env).filter((e) => e.countryCode?.toLowerCase() === code);
  if (!entries.length) return null;
  const name = env.countryName(country);
  const coalitions = sortByName(
    env,
    entries.filter((e) => e.kind === "coalition"),
  );
  return (
    <Section
      id="members"
      title={env.t("membersSectionTitle", { country: name })}
      lead={env.t("membersSectionLead", { count: entries.length, country: name })}
    >
      {coalitions.length > 0 && (
        <ul className="member-coalitions">
          {coalitions.map((c) => {
            const n = nameOf(env, c);
            return (
              // The list item keeps the page's direction (its marker stays inside the page); the name is isolated.
              <li key={c.id}>
                <Logo env={env} entry={c} className="member-coalitions__logo" />
                <a href={profileHref(env, c)}>
                  <bdi lang={n.lang}>{n.text}</bdi>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href={env.href({ page: "country-members", lang: env.lang, country: code })}>
          {env.t("membersSectionLink", { country: name })}
        </a>
      </p>
    </Section>
  );
}

/**
 * One listed organisation's profile page: its logo, name, type and coalition, what it published,
 * and the organisations listed below it (a coalition's members, the network's coalitions).
 */
export function MemberPage({ env, id }: { env: PageEnv; id: string }) {
  const all = directoryOf(env);
  const entry = all.find((e) => e.id === id)!;
  const parents = new Map(all.map((e) => [e.id, e]));
  const name = nameOf(env, entry);
  const below = all.filter((e) => e.parentId === entry.id);
  const country = entry.countryCode?.toLowerCase();
  const back = country
    ? {
        href: env.href({ page: "country-members", lang: env.lang, country }),
        label: env.t("countryMembersTitle", { country: env.countryName(country.toUpperCase()) }),
      }
    : { href: env.href({ page: "members", lang: env.lang }), label: env.t("membersTitle") };
  return (
    <PortalDocument env={env} title={name.text} description={entry.description ?? env.t("membersLead")}>
      <Hero
        back={back}
        className="member-profile"
        title={
          <span lang={name.lang} dir={name.lang ? undefined : "auto"}>
            {name.text}
          </span>
        }
      >
        <Logo env={env} entry={entry} className="member-profile__logo" />
      </Hero>
      <section className="block member-profile__body" aria-label={name.text}>
        <MemberBody env={env} entry={entry} parents={parents} />
        {country && <CountryLinks env={env} country={country} fromNetwork />}
      </section>
      {below.length > 0 && (
        <Group id="member-below" title={env.t("memberListedBelow", { count: below.length })}>
          <CardList env={env} entries={below} parents={parents} />
        </Group>
      )}
      <p>
        <a href={env.href({ page: "members", lang: env.lang })}>{env.t("membersAllLink")}</a>
      </p>
    </PortalDocument>
  );
}
