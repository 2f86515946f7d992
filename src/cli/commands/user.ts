import type { Command } from "commander";
import { createUser } from "../../server/users/create-user.ts";
import { generatePassword } from "../../server/users/passwords.ts";
import { withDatabase } from "../with-database.ts";

export function registerUser(program: Command): void {
  const user = program.command("user").description("Manage user accounts");
  user
    .command("create")
    .description("Create a user account (the first platform admin with --admin)")
    .requiredOption("--email <email>", "e-mail address, used to sign in")
    .option("--name <name>", "full name", "Administrator")
    .option("--password <password>", "at least 12 characters (default: a generated one, printed once)")
    .option("--admin", "platform administrator: may do everything")
    .action(async (opts: { email: string; name: string; password?: string; admin?: boolean }) => {
      const password = opts.password ?? process.env.CHILDMARK_NEW_PASSWORD ?? generatePassword();
      await withDatabase(async ({ db }) => {
        const created = await createUser(db, {
          email: opts.email,
          name: opts.name,
          password,
          isAdmin: !!opts.admin,
        });
        console.log(`Created ${opts.admin ? "platform admin" : "user"} ${created.email}.`);
        if (!opts.password && !process.env.CHILDMARK_NEW_PASSWORD)
          console.log(`Password (shown once): ${password}`);
      });
    });
}
