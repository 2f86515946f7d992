import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { rankedCountries } from "../model/derive.ts";
import { DataTable, Section } from "../parts.tsx";
import {
  countryDownloadPath,
  downloadFormatNames,
  downloadFormats,
  releaseDownloadPath,
  reportPath,
} from "../routes.ts";
import { DirectoryDownloads } from "./members.tsx";
import { UNCERTAINTY_FORMATS } from "./uncertainty.tsx";

const FORMATS = [
  { format: "csv", key: "fmtCsv" },
  { format: "answers.csv", key: "fmtAnswersCsv" },
  { format: "xlsx", key: "fmtXlsx" },
  { format: "json", key: "fmtJson" },
  { format: "sdmx.csv", key: "fmtSdmx" },
] as const;

/** Downloads: the release files, each country's files and reports, the public API and the reuse note. */
export function DownloadsPage({ env }: { env: PageEnv }) {
  const slug = env.snap.release.slug;
  const apiBase = env.ctx.mode === "live" ? `/api/public/releases/${slug}` : null;
  return (
    <PortalDocument env={env} title={env.t("downloadsTitle")} description={env.t("downloadsLead")}>
      <Hero title={env.t("downloadsTitle")} lead={env.t("downloadsLead")} />
      <Section id="release" title={env.t("downloadRelease")}>
        <DataTable head={[env.t("format"), env.t("description")]}>
          {FORMATS.map((f) => (
            <tr key={f.format}>
              <th scope="row">
                <a href={env.href(releaseDownloadPath(slug, f.format))} download>
                  <span dir="ltr">{`${slug}.${f.format}`}</span>
                </a>
              </th>
              <td>{env.t(f.key)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
      {env.ctx.analysis && (
        <Section id="uncertainty" title={env.t("uncertaintyTitle")} lead={env.t("uncertaintyLead")}>
          <DataTable head={[env.t("format"), env.t("description")]}>
            {UNCERTAINTY_FORMATS.map((f, i) => (
              <tr key={f}>
                <th scope="row">
                  <a href={env.href(`downloads/${slug}.${f}`)} download>
                    <span dir="ltr">{`${slug}.${f}`}</span>
                  </a>
                </th>
                <td>
                  {env.t((["fmtUncertaintyCsv", "fmtUncertaintyXlsx", "fmtUncertaintyJson"] as const)[i]!)}
                </td>
              </tr>
            ))}
          </DataTable>
        </Section>
      )}
      <DirectoryDownloads env={env} />
      <Section id="reports" title={env.t("downloadReports")}>
        <ul className="downloads">
          <li>
            <a href={env.href(reportPath(env.lang, "regional", "pdf"))}>{env.t("regionalReport")} · PDF</a>
          </li>
          <li>
            <a href={env.href(reportPath(env.lang, "regional", "docx"))}>{env.t("regionalReport")} · DOCX</a>
          </li>
          <li>
            <a href={env.href({ page: "print-regional", lang: env.lang })}>
              {env.t("regionalReport")} · {env.t("printVersion")}
            </a>
          </li>
        </ul>
      </Section>
      <Section id="countries" title={env.t("downloadCountries")}>
        <DataTable scroll head={[env.t("country"), env.t("file"), env.t("countryReport")]}>
          {rankedCountries(env)
            .sort((a, b) => a.name.localeCompare(b.name, env.lang))
            .map(({ code, name }) => (
              <tr key={code}>
                <th scope="row">{name}</th>
                <td>
                  <ul className="inline-list">
                    {downloadFormats.map((f) => (
                      <li key={f}>
                        <a
                          href={env.href(countryDownloadPath(code, f))}
                          download
                          aria-label={`${name} ${downloadFormatNames[f]}`}
                        >
                          {downloadFormatNames[f]}
                        </a>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul className="inline-list">
                    <li>
                      <a href={env.href(reportPath(env.lang, code, "pdf"))} aria-label={`${name} PDF`}>
                        PDF
                      </a>
                    </li>
                    <li>
                      <a href={env.href(reportPath(env.lang, code, "docx"))} aria-label={`${name} DOCX`}>
                        DOCX
                      </a>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
        </DataTable>
      </Section>
      <Section id="api" title={env.t("apiTitle")}>
        {apiBase ? (
          <>
            <p>{env.t("apiLead")}</p>
            <ul className="plain api" dir="ltr">
              <li>
                <code>{`GET ${apiBase}`}</code>
              </li>
              <li>
                <code>{`GET ${apiBase}/countries/{cc}`}</code>
              </li>
              <li>
                <code>{`GET ${apiBase}/indicators/{code}`}</code>
              </li>
              <li>
                <code>GET /api/public/releases</code>
              </li>
            </ul>
          </>
        ) : (
          <p>{env.t("apiStatic")}</p>
        )}
      </Section>
      <Section id="licence" title={env.t("licenceTitle")}>
        <p>{env.t("footerLicence")}</p>
      </Section>
    </PortalDocument>
  );
}
