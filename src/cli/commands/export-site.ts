import type { Command } from "commander";
import { closeChromium } from "../../server/reports/chromium.ts";
import { exportSite } from "../../server/site/export-site.ts";
import { startProgress } from "../progress.ts";
import { withDatabase } from "../with-database.ts";

/** `childmark export-site RELEASE DIR`: the portal of a release as static files. */
export function registerExportSite(program: Command): void {
  program
    .command("export-site")
    .argument("<release>", "release slug, e.g. cpi-demo-2025-v1 (see `childmark releases list`)")
    .argument("<dir>", "folder to write (must be empty unless --force)")
    .option("--force", "replace a folder that already holds files")
    .description(
      "Write the public portal of a release as static HTML, JSON, downloads and reports for any static host",
    )
    .action(async (slug: string, dir: string, opts: { force?: boolean }) => {
      const started = Date.now();
      await withDatabase(async ({ db }) => {
        const progress = startProgress(`Exporting ${slug}`);
        try {
          const r = await exportSite(db, { slug, dir, force: opts.force, onProgress: progress.update });
          progress.stop();
          console.log(
            `Exported ${slug} to ${r.dir}: ${r.files} files, ${(r.bytes / 1_048_576).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s. Serve the folder with any static web server.`,
          );
        } finally {
          progress.stop();
          await closeChromium();
        }
      });
    });
}
