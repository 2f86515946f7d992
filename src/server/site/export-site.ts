import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { ReleaseSnapshot } from "../../core/index.ts";
import { type PortalContext, portalLanguages } from "../../portal/render.tsx";
import { findPublishedAnalysis } from "../analysis/read-analysis.ts";
import { latestBudgetSnapshots } from "../budgets/publish.ts";
import { readChildrenVoices } from "../children/children-view.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { readAllAreaShapes } from "../network/area-shapes.ts";
import { readDirectory, readPublicLogos } from "../network/directory.ts";
import { findRelease, listReleases } from "../releases/read-release.ts";
import { readPortalTrackings } from "../tracking/publish-tracking.ts";
import { siteFile, siteFilePaths } from "./site-files.ts";

export interface ExportSiteOptions {
  slug: string;
  dir: string;
  /** Replace a folder that already holds files. */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSiteResult {
  files: number;
  bytes: number;
  dir: string;
}

/** Files written at once: pages are quick, reports wait for Chromium (which prints two at a time). */
const PARALLEL = 4;

/** The static portal's context for a release: every release of its framework, texts only. */
export async function staticContext(db: Db, snapshot: ReleaseSnapshot): Promise<PortalContext> {
  const releases = (await listReleases(db)).filter((r) => r.frameworkCode === snapshot.release.frameworkCode);
  const analysis = await findPublishedAnalysis(db, snapshot.release.slug);
  return {
    releases,
    languages: portalLanguages(snapshot.framework),
    mode: "static",
    childrenVoices: await readChildrenVoices(db),
    budgets: await latestBudgetSnapshots(db),
    trackings: await readPortalTrackings(db),
    analysis,
    directory: await readDirectory(db),
    directoryLogos: await readPublicLogos(db),
    areaShapes: snapshot.areas?.length ? await readAllAreaShapes(db) : undefined,
  };
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new UserError(`${dir} is a file, not a folder`);
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * Writes the whole portal of a release as static files (pages as
 * `folder/index.html`, assets, downloads, reports) that work from any static
 * host: every link is relative and every linked file is written. Files are
 * written to a temporary sibling folder first and moved into place at the end,
 * so a failed export leaves the target as it was.
 */
export async function exportSite(db: Db, options: ExportSiteOptions): Promise<ExportSiteResult> {
  const snapshot = await findRelease(db, options.slug);
  if (!snapshot) {
    const known = (await listReleases(db)).map((r) => r.slug);
    throw new UserError(
      `no release "${options.slug}"; ${known.length ? `published releases: ${known.join(", ")}` : "nothing has been published yet"}`,
      [],
      404,
    );
  }
  const dir = resolve(options.dir);
  if (!options.force && !(await isEmptyOrMissing(dir)))
    throw new UserError(`${dir} already holds files: choose an empty folder, or pass --force to replace it`);
  const ctx = await staticContext(db, snapshot);
  const paths = siteFilePaths(snapshot, ctx);
  const work = `${dir}.partial-${process.pid}-${Date.now()}`;
  await mkdir(work, { recursive: true });
  let done = 0;
  let bytes = 0;
  try {
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const file = await siteFile(snapshot, path, ctx);
        if (!file) throw new Error(`the site lists ${path} but has no file for it`);
        const target = join(work, path === "" || path.endsWith("/") ? `${path}index.html` : path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.body);
        bytes += typeof file.body === "string" ? Buffer.byteLength(file.body) : file.body.length;
        done++;
        options.onProgress?.(done, paths.length);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dirname(dir), { recursive: true });
    await rename(work, dir);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  return { files: done, bytes, dir };
}
