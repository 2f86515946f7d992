import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { loadDemo } from "../../server/app/load-demo.ts";
import { startServer } from "../../server/app/start.ts";
import { UserError } from "../../server/errors.ts";
import { withDatabase } from "../with-database.ts";

/**
 * On the first start of `serve --demo` on PGlite, the demo is loaded by a
 * short-lived child process (`serve --load-demo-only`): creating the database
 * (initdb in a second PGlite) and loading the demo grow PGlite's WASM memory,
 * which never shrinks while the process lives, but is returned to the system
 * when the child exits. The server then opens the loaded folder (~150 MB less
 * resident than loading in-process). Returns false when not needed.
 */
async function loadDemoInChild(): Promise<boolean> {
  const dataDir = process.env.CHILDMARK_DATA_DIR ?? "./data";
  if (process.env.DATABASE_URL || dataDir === "memory" || existsSync(resolve(dataDir, "pglite"))) {
    return false;
  }
  const args = [...process.execArgv, process.argv[1]!, "serve", "--load-demo-only"];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: "inherit" });
    child.once("error", fail);
    child.once("exit", done);
  });
  if (code !== 0) throw new UserError(`loading the demo failed (exit code ${code})`);
  return true;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Start Childmark: the web app and the API (PGlite in ./data, or DATABASE_URL)")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--demo", "load the Child Protection Index demo (ten countries, two cycles) on first start")
    .addOption(new Option("--load-demo-only", "load the demo into the database and exit").hideHelp())
    .action(async (opts: { port: string; host: string; demo?: boolean; loadDemoOnly?: boolean }) => {
      if (opts.loadDemoOnly) {
        await withDatabase((database) => loadDemo(database));
        return;
      }
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port must be a port number (got ${opts.port})`);
      if (opts.demo) await loadDemoInChild();
      // Errors (a 500's cause) and warnings go to standard output as JSON lines.
      const logger = { level: process.env.CHILDMARK_LOG_LEVEL || "warn" };
      const server = await startServer({ port, host: opts.host, demo: opts.demo, logger });
      console.log(`\nChildmark is running at ${server.url}/`);
      console.log(`  Public portal: ${server.url}/portal/`);
      console.log(`  API documentation: ${server.url}/api/docs`);
      console.log(`  Database: ${server.database.kind} (${server.database.location})`);
      if (server.demoLogin) {
        console.log(`  Demo admin login: ${server.demoLogin.email} / ${server.demoLogin.password}`);
        console.log("  The demo's answers are illustrative values, not findings.");
      }
      for (const warning of server.warnings) console.warn(`Warning: ${warning}`);
      console.log("Press Ctrl+C to stop.\n");
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
