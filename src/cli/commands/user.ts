import type { Command } from "commander";
import { resetTwoFactorByEmail } from "../../server/auth/two-factor/manage.ts";
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
    .option(
      "--password <password>",
      "at least 12 characters, not a common password (default: a generated one, printed once)",
    )
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
  user
    .command("reset-two-factor")
    .description(
      "Remove someone's authenticator and recovery codes (lost phone): they sign in with the password and enrol again",
    )
    .requiredOption("--email <email>", "e-mail address of the account")
    .action(async (opts: { email: string }) => {
      await withDatabase(async ({ db }) => {
        const done = await db.transaction((tx) =>
          resetTwoFactorByEmail(tx as unknown as typeof db, opts.email),
        );
        console.log(
          done ? `Two-factor sign-in removed for ${opts.email}.` : `${opts.email} has no two-factor sign-in.`,
        );
        if (!done) process.exitCode = 1;
      });
    });
}
