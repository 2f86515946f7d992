import type { Command } from "commander";
import { and, eq } from "drizzle-orm";
import { CLI_ACTOR } from "../../server/audit/record-audit.ts";
import type { Db } from "../../server/db/connect.ts";
import { cycles, frameworks, frameworkVersions, users } from "../../server/db/schema.ts";
import { UserError } from "../../server/errors.ts";
import { publishRelease } from "../../server/releases/publish.ts";
import { listReleases } from "../../server/releases/read-release.ts";
import { withDatabase } from "../with-database.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cycle named by its id or as `frameworkCode:period` (e.g. `cpi-demo:2025`). */
async function findCycle(db: Db, name: string): Promise<string> {
  if (UUID.test(name)) return name;
  const at = name.lastIndexOf(":");
  if (at <= 0)
    throw new UserError(`CYCLE: give a cycle id or frameworkCode:period (e.g. cpi-demo:2025), not "${name}"`);
  const [code, period] = [name.slice(0, at), name.slice(at + 1)];
  const rows = await db
    .select({ id: cycles.id, version: frameworkVersions.version })
    .from(cycles)
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycles.versionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(eq(frameworks.code, code), eq(cycles.period, period)));
  if (!rows.length) throw new UserError(`CYCLE: no ${period} cycle of framework ${code}`);
  if (rows.length > 1) {
    throw new UserError(
      `CYCLE: framework ${code} has a ${period} cycle in several versions; give the cycle id`,
      rows.map((r) => `${r.id} (version ${r.version})`),
    );
  }
  return rows[0]!.id;
}

export function registerPublish(program: Command): void {
  program
    .command("publish")
    .argument("<cycle>", "cycle id, or frameworkCode:period (e.g. cpi-demo:2025)")
    .description(
      "Publish the validated assessments of a cycle as an immutable public release (again: a correction, which needs --notes)",
    )
    .option("--notes <text>", "the changelog entry: what this release is, or what the correction changes")
    .option(
      "--country <code>",
      "publish only this country (repeat for several); default: every validated assessment",
      (value: string, list: string[] = []) => [...list, value],
    )
    .option("--by <email>", "record this user as the publisher (default: the command line)")
    .action(async (name: string, opts: { notes?: string; country?: string[]; by?: string }) => {
      await withDatabase(async ({ db }) => {
        let userId: string | null = null;
        if (opts.by) {
          const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, opts.by));
          if (!user) throw new UserError(`--by: no user ${opts.by}`);
          userId = user.id;
        }
        const published = await publishRelease(db, {
          cycleId: await findCycle(db, name),
          countries: opts.country,
          notes: opts.notes,
          userId,
          via: "cli",
          audit: { ...CLI_ACTOR, actorId: userId, actorEmail: opts.by ?? CLI_ACTOR.actorEmail },
        });
        console.log(
          `Published ${published.slug}: ${published.countries.length} ${published.countries.length === 1 ? "country" : "countries"} (${published.countries.join(", ")})` +
            (published.supersedes ? `; corrects ${published.supersedes}` : "") +
            (published.comparison ? `; change since ${published.comparison}` : "") +
            ".",
        );
      });
    });

  program
    .command("releases")
    .description("Published releases")
    .command("list")
    .description("List every release, newest first")
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const list = await listReleases(db);
        if (!list.length) {
          console.log("No release yet: publish one with `childmark publish CYCLE`.");
          return;
        }
        for (const r of list) {
          const state = r.supersededBy ? `corrected by ${r.supersededBy}` : "current";
          console.log(
            `${r.slug.padEnd(28)} ${r.publishedAt.slice(0, 16).replace("T", " ")}  ${state}${r.isDemo ? "  (demo)" : ""}  ${r.notes}`,
          );
        }
      });
    });
}
