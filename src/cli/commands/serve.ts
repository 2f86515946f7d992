import type { Command } from "commander";
import { startServer } from "../../server/app/start.ts";
import { UserError } from "../../server/errors.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Start Childmark: the web app and the API (PGlite in ./data, or DATABASE_URL)")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--demo", "load the Child Protection Index demo (ten countries, two cycles) on first start")
    .action(async (opts: { port: string; host: string; demo?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port must be a port number (got ${opts.port})`);
      const server = await startServer({ port, host: opts.host, demo: opts.demo });
      console.log(`\nChildmark is running at ${server.url}/`);
      console.log(`  Public portal: ${server.url}/portal/`);
      console.log(`  API documentation: ${server.url}/api/docs`);
      console.log(`  Database: ${server.database.kind} (${server.database.location})`);
      if (server.demoLogin) {
        console.log(`  Demo admin login: ${server.demoLogin.email} / ${server.demoLogin.password}`);
        console.log("  The demo's answers are illustrative values, not findings.");
      }
      console.log("Press Ctrl+C to stop.\n");
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
