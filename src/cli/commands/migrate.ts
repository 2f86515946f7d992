import type { Command } from "commander";
import { withDatabase } from "../with-database.ts";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("Create or update the database schema (PGlite in ./data, or DATABASE_URL)")
    .action(async () => {
      await withDatabase(async (database) => {
        console.log(`Database up to date (${database.kind}: ${database.location}).`);
      });
    });
}
