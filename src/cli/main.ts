import { Command, CommanderError } from "commander";
import { DatabaseInUseError } from "../server/db/data-dir-lock.ts";
import { UserError } from "../server/errors.ts";
import { registerBackup } from "./commands/backup.ts";
import { registerData } from "./commands/data.ts";
import { registerExportSite } from "./commands/export-site.ts";
import { registerFramework } from "./commands/framework.ts";
import { registerFrameworkValidate } from "./commands/framework-validate.ts";
import { registerMigrate } from "./commands/migrate.ts";
import { registerNotifyDeadlines } from "./commands/notify-deadlines.ts";
import { registerPublish } from "./commands/publish.ts";
import { registerRecommendations } from "./commands/recommendations.ts";
import { registerScore } from "./commands/score.ts";
import { registerServe } from "./commands/serve.ts";
import { registerUser } from "./commands/user.ts";
import { hintThroughServer } from "./database-in-use.ts";

const program = new Command();
program
  .name("childmark")
  .description("Childmark: measure how well governments protect children")
  .version("0.1.0")
  .showHelpAfterError()
  .exitOverride();

registerServe(program);
registerMigrate(program);
registerFrameworkValidate(registerFramework(program));
registerData(program);
registerScore(program);
registerBackup(program);
registerUser(program);
registerNotifyDeadlines(program);
registerRecommendations(program);
registerExportSite(program);
registerPublish(program);

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
