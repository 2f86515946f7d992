import { readFile } from "node:fs/promises";
import { type ReleaseSnapshot, trackingSeriesCsv } from "../../core/index.ts";
import { parseDownloadFileName } from "../../core/publishing/downloads.ts";
import type { PortalContext } from "../../portal/context.ts";
import { trackingSeriesPath } from "../../portal/pages/country-tracking.tsx";
import { DIRECTORY_DOWNLOADS, directoryDownloadPath, logoSitePath } from "../../portal/pages/members.tsx";
import { portalRoutes, renderPortalPage } from "../../portal/render.tsx";
import {
  assetPaths,
  countryDownloadPath,
  downloadFormats,
  parsePortalPath,
  releaseDownloadPath,
  reportPath,
  routePath,
} from "../../portal/routes.ts";
import { uncertaintyDownload, uncertaintyDownloadFormat } from "../analysis/downloads.ts";
import { resolveStoredFile } from "../evidence/store-file.ts";
import { directoryCsv, directoryXlsx } from "../network/directory.ts";
import { releaseDownload } from "../releases/downloads.ts";
import { PORTAL_ASSETS_DIR } from "../reports/portal-css.ts";
import { reportFile } from "../reports/release-reports.ts";

/** One file of a release's site: a page, an asset, a download or a report. */
export interface SiteFile {
  body: string | Buffer;
  contentType: string;
}

const HTML = "text/html; charset=utf-8";
const ASSET_TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
};

/**
 * Every path of a release's site, relative to its root: pages (as folders
 * ending in `/`), assets, downloads and reports. The static export writes
 * exactly these; the live portal serves the same paths.
 */
export function siteFilePaths(snapshot: ReleaseSnapshot, ctx: PortalContext): string[] {
  const paths = portalRoutes(snapshot, ctx).map(routePath);
  paths.push(...Object.values(assetPaths));
  for (const format of downloadFormats) {
    paths.push(releaseDownloadPath(snapshot.release.slug, format));
    for (const c of snapshot.countries) paths.push(countryDownloadPath(c.code, format));
  }
  for (const t of ctx.trackings ?? [])
    if (snapshot.countries.some((c) => c.code === t.country)) paths.push(trackingSeriesPath(t.country));
  for (const entry of ctx.directory ?? [])
    if (entry.logo) paths.push(logoSitePath(entry.id, entry.logo.mediaType));
  if (ctx.directory?.length) for (const d of DIRECTORY_DOWNLOADS) paths.push(directoryDownloadPath(d.format));
  if (ctx.analysis)
    for (const format of ["csv", "xlsx", "json"])
      paths.push(`downloads/${snapshot.release.slug}.uncertainty.${format}`);
  for (const lang of ctx.languages)
    for (const format of ["pdf", "docx"] as const) {
      paths.push(reportPath(lang, "regional", format));
      for (const c of snapshot.countries) paths.push(reportPath(lang, c.code, format));
    }
  return paths;
}

const LOGO = /^logos\/([0-9a-f-]{36})\.[a-z]+$/;
const DOWNLOAD = /^downloads\/(countries\/)?([^/]+)$/;
const REPORT = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\/reports\/([a-z]{2}|regional)\.(pdf|docx)$/;

/**
 * The file at a path of a release's site, or null when there is none. Pages
 * are rendered, downloads and reports built, all from the snapshot only.
 */
export async function siteFile(
  snapshot: ReleaseSnapshot,
  path: string,
  ctx: PortalContext,
): Promise<SiteFile | null> {
  const clean = path.replace(/^\/+/, "");
  const asset = Object.values(assetPaths).find((p) => p === clean);
  if (asset) {
    const ext = asset.slice(asset.lastIndexOf(".") + 1);
    return {
      body: await readFile(`${PORTAL_ASSETS_DIR}${asset.slice("assets/".length)}`),
      contentType: ASSET_TYPES[ext]!,
    };
  }
  const series = ctx.trackings?.find(
    (t) => trackingSeriesPath(t.country) === clean && snapshot.countries.some((c) => c.code === t.country),
  );
  if (series)
    return {
      body: trackingSeriesCsv(series.country, series.series),
      contentType: "text/csv; charset=utf-8",
    };
  const logo = LOGO.exec(clean);
  if (logo) {
    const file = ctx.directoryLogos?.[logo[1]!];
    if (!file || logoSitePath(logo[1]!, file.logoMediaType) !== clean) return null;
    const body = await Promise.resolve()
      .then(() => readFile(resolveStoredFile(file.logoPath)))
      .catch(() => null);
    return body ? { body, contentType: file.logoMediaType } : null;
  }
  const directory = DIRECTORY_DOWNLOADS.find((d) => directoryDownloadPath(d.format) === clean);
  if (directory) {
    // The directory as the portal shows it: only listed organisations and what each published.
    const entries = ctx.directory ?? [];
    if (!entries.length) return null;
    const body =
      directory.format === "csv"
        ? directoryCsv(entries)
        : directory.format === "xlsx"
          ? await directoryXlsx(entries)
          : `${JSON.stringify(entries, null, 2)}\n`;
    return { body, contentType: directory.contentType };
  }
  const uncertainty = uncertaintyDownloadFormat(clean, snapshot.release.slug);
  if (uncertainty) return ctx.analysis ? uncertaintyDownload(snapshot, ctx.analysis, uncertainty) : null;
  const download = DOWNLOAD.exec(clean);
  if (download) {
    const wanted = parseDownloadFileName(download[2]!, snapshot.release.slug, Boolean(download[1]));
    if (!wanted) return null;
    if (wanted.country && !snapshot.countries.some((c) => c.code === wanted.country)) return null;
    const file = await releaseDownload(snapshot, wanted);
    return { body: file.body, contentType: file.contentType };
  }
  const report = REPORT.exec(clean);
  if (report) {
    const [, lang, target, format] = report;
    if (!ctx.languages.includes(lang!)) return null;
    if (target !== "regional" && !snapshot.countries.some((c) => c.code === target!.toUpperCase()))
      return null;
    return reportFile(snapshot, {
      lang: lang!,
      country: target === "regional" ? undefined : target!.toUpperCase(),
      format: format as "pdf" | "docx",
      ctx,
    });
  }
  const route = parsePortalPath(clean);
  if (!route) return null;
  if ("lang" in route && !ctx.languages.includes(route.lang)) return null;
  const html = renderPortalPage(snapshot, route, ctx);
  return html === null ? null : { body: html, contentType: HTML };
}
