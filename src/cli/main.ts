import { Command, CommanderError } from "commander";
import { DatabaseInUseError } from "../server/db/data-dir-lock.ts";
import { UserError } from "../server/errors.ts";
import { hintThroughServer } from "./database-in-use.ts";

const program = new Command();
program
  .name("childmark")
  .description("Childmark: measure how well governments protect children")
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride();

/**
 * Each command's module, loaded only when that command runs: importing them all
 * (Fastify, the portal's React pages, ExcelJS, docx …) cost ~150 MB before any
 * work, for a command that lists frameworks. Help with no command loads all.
 */
const COMMANDS: Record<string, (program: Command) => Promise<unknown>> = {
  serve: async (p) => (await import("./commands/serve.ts")).registerServe(p),
  migrate: async (p) => (await import("./commands/migrate.ts")).registerMigrate(p),
  framework: async (p) => {
    const [{ registerFramework }, { registerFrameworkValidate }] = await Promise.all([
      import("./commands/framework.ts"),
      import("./commands/framework-validate.ts"),
    ]);
    registerFrameworkValidate(registerFramework(p));
  },
  data: async (p) => (await import("./commands/data.ts")).registerData(p),
  score: async (p) => (await import("./commands/score.ts")).registerScore(p),
  backup: async (p) => (await import("./commands/backup.ts")).registerBackup(p),
  user: async (p) => (await import("./commands/user.ts")).registerUser(p),
  "notify-deadlines": async (p) =>
    (await import("./commands/notify-deadlines.ts")).registerNotifyDeadlines(p),
  recommendations: async (p) => (await import("./commands/recommendations.ts")).registerRecommendations(p),
  "export-site": async (p) => (await import("./commands/export-site.ts")).registerExportSite(p),
  publish: async (p) => (await import("./commands/publish.ts")).registerPublish(p),
};
/** Top-level names registered by a module under another name (`restore` lives beside `backup`). */
const MODULE_OF: Record<string, string> = { restore: "backup", releases: "publish" };

const named = process.argv.slice(2).find((a) => !a.startsWith("-"));
const module = named ? (MODULE_OF[named] ?? named) : undefined;
if (module && COMMANDS[module]) await COMMANDS[module](program);
else for (const register of Object.values(COMMANDS)) await register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof DatabaseInUseError) {
    const hint = hintThroughServer(process.argv.slice(2));
    console.error(`childmark: ${error.message}${hint ? `\n${hint}` : ""}`);
    process.exitCode = 1;
  } else if (error instanceof UserError) {
    console.error(`childmark: ${error.toString()}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 2;
  }
}
