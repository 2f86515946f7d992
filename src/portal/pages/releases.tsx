import { defaultReleaseNotes } from "../../core/index.ts";
import type { PageEnv, PortalReleaseItem } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { DataTable, Section } from "../parts.tsx";

/** A link to another release's same-language home: live only (a static export holds one release). */
function ReleaseName({ env, item }: { env: PageEnv; item: PortalReleaseItem }) {
  const label = `${item.period} · ${env.t("version")} ${item.version}`;
  if (item.slug === env.snap.release.slug) return <strong>{label}</strong>;
  if (env.ctx.mode !== "live") return <span>{label}</span>;
  return <a href={`${env.href("")}../${encodeURIComponent(item.slug)}/${env.lang}/`}>{label}</a>;
}

/** The releases of this framework: versions, dates, notes, what superseded what. */
export function ReleasesPage({ env }: { env: PageEnv }) {
  const own = env.snap.release;
  const list: PortalReleaseItem[] = env.ctx.releases.length
    ? [...env.ctx.releases]
    : [
        {
          slug: own.slug,
          version: own.version,
          period: own.period,
          publishedAt: own.publishedAt,
          notes: own.notes,
          supersedes: own.supersedes?.slug ?? null,
          supersededBy: null,
        },
      ];
  list.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
  const bySlug = new Map(list.map((r) => [r.slug, r]));
  return (
    <PortalDocument env={env} title={env.t("releasesTitle")} description={env.t("releasesLead")}>
      <Hero title={env.t("releasesTitle")} lead={env.t("releasesLead")} />
      <Section id="list" title={env.t("releasesTitle")}>
        <DataTable scroll head={[env.t("period"), env.t("published"), env.t("notes")]}>
          {list.map((item) => {
            const newer = item.supersededBy ? bySlug.get(item.supersededBy) : undefined;
            return (
              <tr key={item.slug} aria-current={item.slug === own.slug ? "true" : undefined}>
                <th scope="row">
                  <ReleaseName env={env} item={item} />
                  {item.slug === own.slug && <span className="tag">{env.t("current")}</span>}
                  <div className="muted code" dir="ltr">
                    {item.slug}
                  </div>
                </th>
                <td>{env.date(item.publishedAt)}</td>
                <td>
                  <span dir="auto">
                    {item.notes === defaultReleaseNotes(item.period)
                      ? env.t("firstReleaseNotes", { period: item.period })
                      : item.notes}
                  </span>
                  {item.supersededBy && (
                    <div className="muted">
                      {env.t("supersededBy", { version: newer?.version ?? item.supersededBy })}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </Section>
      <Section id="permalink" title={env.t("permalink")}>
        <p>
          <code dir="ltr">{env.ctx.baseUrl ?? `/portal/${own.slug}/`}</code>
        </p>
        {own.supersedes && (
          <p>
            {env.t("supersedes", {
              version: own.supersedes.version,
              date: env.date(own.supersedes.publishedAt),
            })}
          </p>
        )}
      </Section>
    </PortalDocument>
  );
}
