import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ReleaseSnapshot } from "../src/core/index.ts";
import { type PortalContext, portalLanguages, portalRoutes, routePath } from "../src/portal/render.tsx";
import { assetPaths } from "../src/portal/routes.ts";
import { siteFile } from "../src/server/site/site-files.ts";
import { buildDemoReleases } from "../test/support/release-fixture.ts";

/**
 * The demo's two releases (ten countries in 2023, the 2025 release compared
 * with it) built without a database, and the static portal context of the
 * newer one, as `childmark export-site` would use it.
 */
export async function demoPortal(): Promise<{ snapshot: ReleaseSnapshot; ctx: PortalContext }> {
  const { first, second } = await buildDemoReleases();
  const ctx: PortalContext = {
    releases: [second, first].map(({ release: r }) => ({
      slug: r.slug,
      version: r.version,
      period: r.period,
      publishedAt: r.publishedAt,
      notes: r.notes,
      isDemo: r.isDemo,
    })),
    languages: portalLanguages(second.framework),
    mode: "static",
  };
  return { snapshot: second, ctx };
}

/**
 * Writes every page and asset of a release's static site into `dir` with
 * `siteFile`, the function `exportSite` writes its files with. Downloads and
 * reports are left out: no page loads them (they are links to click).
 */
export async function writePortalPages(
  dir: string,
  snapshot: ReleaseSnapshot,
  ctx: PortalContext,
): Promise<number> {
  const paths = [...portalRoutes(snapshot, ctx).map(routePath), ...Object.values(assetPaths)];
  for (const path of paths) {
    const file = await siteFile(snapshot, path, ctx);
    if (!file) throw new Error(`the site lists ${path} but has no file for it`);
    const target = join(dir, path === "" || path.endsWith("/") ? `${path}index.html` : path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  return paths.length;
}
