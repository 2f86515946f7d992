import type { FastifyInstance } from "fastify";
import { forgetOldAuditIps } from "../audit/forget-old-ips.ts";
import { type Database, migrateDatabase, openDatabase } from "../db/connect.ts";
import { publicUrlWarning } from "../mail/send-mail.ts";
import { startReminderJob } from "../notifications/reminder-job.ts";
import { seedReference } from "../reference/countries.ts";
import { buildApp } from "./build-app.ts";
import { type DemoLogin, loadDemo } from "./load-demo.ts";

export interface StartOptions {
  port?: number;
  host?: string;
  /**
   * PGlite folder. When given (and `databaseUrl` is not), the embedded database is used even if
   * `DATABASE_URL` is set; when absent, `DATABASE_URL` decides, else `CHILDMARK_DATA_DIR` or ./data.
   */
  dataDir?: string;
  databaseUrl?: string;
  /** Load the Child Protection Index demo (once) and make sure a demo admin exists. */
  demo?: boolean;
  logger?: boolean | { level: string };
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  demoLogin?: DemoLogin;
  /** Configuration a person starting the server should fix (printed by `childmark serve`). */
  warnings: string[];
  close(): Promise<void>;
}

/** Opens and migrates the database, optionally loads the demo, and starts listening. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  // An explicit data folder means the embedded database, whatever DATABASE_URL says (tests rely on it).
  const url = options.databaseUrl ?? (options.dataDir ? "" : undefined);
  const database = await openDatabase({ url, dataDir: options.dataDir });
  try {
    await migrateDatabase(database);
    await seedReference(database.db);
    const demoLogin = options.demo ? await loadDemo(database, options.dataDir) : undefined;
    const app = await buildApp({ database, logger: options.logger });
    const address = await app.listen({ port: options.port ?? 3000, host: options.host ?? "127.0.0.1" });
    // Deadline reminders: now, then every hour while the server runs.
    const stopReminders = startReminderJob(database.db, { log: (error) => app.log.error(error) });
    // The audit log forgets IP addresses after their retention period: now, then every hour.
    const forgetIps = () => forgetOldAuditIps(database.db).catch((error) => app.log.error(error));
    void forgetIps();
    const ipTimer = setInterval(forgetIps, 3600_000);
    ipTimer.unref();
    return {
      url: address.replace("[::1]", "localhost").replace("127.0.0.1", "localhost"),
      app,
      database,
      demoLogin,
      warnings: [publicUrlWarning(process.env.CHILDMARK_PUBLIC_URL, { demo: options.demo })].filter(
        (w): w is string => w !== undefined,
      ),
      close: async () => {
        stopReminders();
        clearInterval(ipTimer);
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
