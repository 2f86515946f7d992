import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Builds the web app once, as shipped, into a folder of this test run, and
 * points every server the tests start at it (`CHILDMARK_WEB_DIST`), so test
 * files running in parallel never rebuild files another one is serving.
 * A separate process, because Vitest's NODE_ENV=test would bundle React's development build.
 */
export default function buildWebOnce(): () => void {
  const root = resolve(import.meta.dirname, "../..");
  const outDir = mkdtempSync(join(tmpdir(), "childmark-test-web-"));
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules/vite/bin/vite.js"),
      "build",
      "--logLevel",
      "error",
      "--outDir",
      outDir,
      "--emptyOutDir",
    ],
    { cwd: root, env: { ...process.env, NODE_ENV: "production" }, stdio: "inherit" },
  );
  process.env.CHILDMARK_WEB_DIST = outDir;
  return () => rmSync(outDir, { recursive: true, force: true });
}
