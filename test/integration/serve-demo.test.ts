import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

const BIN = resolve(import.meta.dirname, "../../bin/childmark.js");

/**
 * Starts `serve --demo` on a data folder from another working folder (as an installed command
 * would be), waits for its start message, runs `whileRunning` with its address, stops it;
 * returns what it printed.
 */
async function serveDemoOnce(
  dataDir: string,
  whileRunning: (url: string) => Promise<void> = async () => {},
): Promise<string> {
  const env = { ...process.env, CHILDMARK_DATA_DIR: dataDir, DATABASE_URL: "" };
  const child = spawn(process.execPath, [BIN, "serve", "--demo", "--port", "0"], {
    env,
    stdio: "pipe",
    cwd: dataDir,
  });
  let output = "";
  try {
    await new Promise<void>((started, failed) => {
      const timer = setTimeout(() => failed(new Error(`serve did not start:\n${output}`)), 240_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Press Ctrl+C to stop.")) {
          clearTimeout(timer);
          started();
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.once("exit", (code) => failed(new Error(`serve exited with ${code}:\n${output}`)));
    });
    const url = /running at (http:\/\/\S+?)\/?\n/.exec(output)?.[1];
    if (!url) throw new Error(`no address in:\n${output}`);
    await whileRunning(url);
  } finally {
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  }
  return output;
}

describe("serve --demo on a new PGlite folder", () => {
  it("loads the demo (in a child process) and starts with its admin login, the same at a restart", {
    timeout: 600_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "childmark-serve-demo-"));
    try {
      // Pages rendered on the server (JSX) work whatever folder the command was started from.
      const first = await serveDemoOnce(dataDir, async (url) => {
        const portal = await fetch(`${url}/portal/`);
        expect(portal.status).toBe(200);
        expect(await portal.text()).toContain("<html");
        const [tracking] = (await (await fetch(`${url}/api/public/tracking`)).json()) as { slug: string }[];
        const page = await fetch(`${url}/portal/tracking/${tracking!.slug}/en/`);
        expect(page.status).toBe(200);
      });
      const password = readFileSync(join(dataDir, "demo-admin.txt"), "utf8").trim();
      expect(first).toContain(`Demo admin login: admin@childmark.local / ${password}`);
      expect(existsSync(join(dataDir, "pglite"))).toBe(true);
      const list = runCli(["framework", "list"], { CHILDMARK_DATA_DIR: dataDir, DATABASE_URL: "" });
      expect(list.code).toBe(0);
      expect(list.stdout).toContain("cpi-demo@");
      // A restart opens the loaded folder: the same login, the demo not loaded twice.
      const again = await serveDemoOnce(dataDir);
      expect(again).toContain(`Demo admin login: admin@childmark.local / ${password}`);
      const relist = runCli(["framework", "list"], { CHILDMARK_DATA_DIR: dataDir, DATABASE_URL: "" });
      expect(relist.stdout.match(/cpi-demo@/g)).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
