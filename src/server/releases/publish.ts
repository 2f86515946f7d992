import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import {
  buildReleaseSnapshot,
  defaultReleaseNotes,
  type EarlierAnswers,
  type ReleaseArea,
  type ReleaseSnapshot,
  usesPreviousCycle,
} from "../../core/index.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { assessments, cycles, frameworks, frameworkVersions, releases } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { areaCycleScores } from "../network/area-assessments.ts";
import { loadPublicAnswers, releaseCountryName } from "./public-answers.ts";

export interface PublishInput {
  cycleId: string;
  /** The assessments to publish; default: every validated assessment of the cycle. */
  assessmentIds?: readonly string[];
  /** Or the countries to publish (ISO alpha-2), as the command line names them. */
  countries?: readonly string[];
  /** The changelog entry; required for a correction (a second or later release of the cycle). */
  notes?: string;
  /** Who publishes (null from the command line). */
  userId: string | null;
  via?: "api" | "cli" | "demo";
  /** Written to the audit log in the same transaction (the demo loader passes none). */
  audit?: AuditActor;
}

export interface PublishedRelease {
  id: string;
  slug: string;
  version: number;
  supersedes: string | null;
  comparison: string | null;
  countries: string[];
}

const MAX_NOTES = 5000;

/**
 * Publishes a cycle (all or some of its validated assessments) as a new, immutable release, in
 * one transaction: the snapshot holds the framework, the public answers and evidence of the chosen
 * assessments and their scores, change since the latest release of an earlier period and the
 * trend. A second release of the same cycle is a correction: version + 1, it names the release it
 * supersedes and must say why (notes). Anything wrong: a UserError naming it, nothing written.
 */
export async function publishRelease(db: Db, input: PublishInput): Promise<PublishedRelease> {
  const notes = input.notes?.trim() ?? "";
  if (notes.length > MAX_NOTES) throw new UserError(`notes: at most ${MAX_NOTES} characters`);
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    // Locking the cycle row serialises two publications of the same cycle (versions never collide).
    const [cycle] = await tx
      .select({
        id: cycles.id,
        period: cycles.period,
        name: cycles.name,
        isDemo: cycles.isDemo,
        definition: frameworkVersions.definition,
        frameworkCode: frameworks.code,
      })
      .from(cycles)
      .innerJoin(frameworkVersions, eq(frameworkVersions.id, cycles.versionId))
      .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
      .where(eq(cycles.id, input.cycleId))
      .for("update", { of: cycles });
    if (!cycle) throw new UserError("no such cycle", [], 404);
    const rows = await tx
      .select({ id: assessments.id, country: assessments.countryCode, status: assessments.status })
      .from(assessments)
      .where(and(eq(assessments.cycleId, cycle.id), isNull(assessments.areaCode)))
      .for("share");
    const chosen = chooseAssessments(rows, input, cycle.period);

    const [previous] = await tx
      .select({
        id: releases.id,
        slug: releases.slug,
        version: releases.version,
        publishedAt: releases.publishedAt,
      })
      .from(releases)
      .where(and(eq(releases.frameworkCode, cycle.frameworkCode), eq(releases.period, cycle.period)))
      .orderBy(desc(releases.version))
      .limit(1);
    if (previous && !notes) {
      throw new UserError(
        `notes: ${previous.slug} is already published; say what this correction changes (the changelog entry)`,
      );
    }
    const [comparison] = await tx
      .select({ snapshot: releases.snapshot })
      .from(releases)
      .where(and(eq(releases.frameworkCode, cycle.frameworkCode), lt(releases.period, cycle.period)))
      .orderBy(desc(releases.period), desc(releases.version))
      .limit(1);

    const fw = cycle.definition;
    const version = (previous?.version ?? 0) + 1;
    const slug = `${cycle.frameworkCode}-${cycle.period}-v${version}`;
    const publishedAt = new Date();
    const snapshot: ReleaseSnapshot = buildReleaseSnapshot({
      release: {
        slug,
        frameworkCode: cycle.frameworkCode,
        frameworkVersion: fw.version,
        version,
        period: cycle.period,
        cycleName: cycle.name,
        publishedAt: publishedAt.toISOString(),
        notes: notes || defaultReleaseNotes(cycle.period),
        supersedes: previous
          ? {
              slug: previous.slug,
              version: previous.version,
              publishedAt: previous.publishedAt.toISOString(),
            }
          : null,
        isDemo: cycle.isDemo,
      },
      framework: fw,
      countries: chosen.map((a) => ({ code: a.country, name: releaseCountryName(a.country, fw.languages) })),
      answers: await loadPublicAnswers(
        tx,
        chosen.map((a) => a.id),
      ),
      comparison: comparison?.snapshot ?? null,
      earlier: usesPreviousCycle(fw) ? await loadEarlierAnswers(tx, cycle.frameworkCode, cycle.period) : [],
    });
    const areas = await publishedAreas(
      tx,
      cycle.id,
      chosen.map((a) => a.country),
    );
    if (areas.length) snapshot.areas = areas;
    const [row] = await tx
      .insert(releases)
      .values({
        slug,
        cycleId: cycle.id,
        frameworkCode: cycle.frameworkCode,
        period: cycle.period,
        version,
        publishedAt,
        publishedBy: input.userId,
        publishedVia: input.via ?? "api",
        notes: snapshot.release.notes,
        supersedesId: previous?.id ?? null,
        assessmentIds: chosen.map((a) => a.id),
        isDemo: cycle.isDemo,
        snapshot,
      })
      .returning({ id: releases.id });
    if (input.audit) {
      await recordAudit(tx, {
        action: "release.published",
        ...input.audit,
        targetType: "release",
        targetId: slug,
        details: { version, countries: chosen.map((a) => a.country), supersedes: previous?.slug ?? null },
      });
    }
    return {
      id: row!.id,
      slug,
      version,
      supersedes: previous?.slug ?? null,
      comparison: snapshot.release.comparison?.slug ?? null,
      countries: chosen.map((a) => a.country),
    };
  });
}

type AssessmentRow = { id: string; country: string; status: string };

/** The scores of the validated area assessments of the published countries (see `scoreAreas`). */
async function publishedAreas(tx: Db, cycleId: string, countries: readonly string[]): Promise<ReleaseArea[]> {
  const withAreas = await tx
    .selectDistinct({ country: assessments.countryCode })
    .from(assessments)
    .where(
      and(
        eq(assessments.cycleId, cycleId),
        isNotNull(assessments.areaCode),
        eq(assessments.status, "validated"),
        inArray(assessments.countryCode, [...countries]),
      ),
    )
    .orderBy(assessments.countryCode);
  const out: ReleaseArea[] = [];
  for (const { country } of withAreas)
    out.push(...(await areaCycleScores(tx, country, cycleId, ["validated"])));
  return out;
}

/** The assessments to publish: the named ones (each in the cycle and validated), or every validated one. */
function chooseAssessments(rows: AssessmentRow[], input: PublishInput, period: string): AssessmentRow[] {
  let chosen: AssessmentRow[];
  if (input.assessmentIds || input.countries) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byCountry = new Map(rows.map((r) => [r.country, r]));
    const wanted = input.assessmentIds
      ? input.assessmentIds.map((id) => [id, byId.get(id)] as const)
      : input.countries!.map((c) => [c.toUpperCase(), byCountry.get(c.toUpperCase())] as const);
    if (!wanted.length) throw new UserError("choose at least one assessment to publish");
    const absent = wanted.filter(([, row]) => !row).map(([key]) => key);
    if (absent.length) {
      throw new UserError(
        `${input.assessmentIds ? "assessmentIds" : "countries"}: not in the ${period} cycle: ${absent.join(", ")}`,
      );
    }
    chosen = [...new Map(wanted.map(([, row]) => [row!.id, row!])).values()];
    const open = chosen.filter((r) => r.status !== "validated");
    if (open.length) {
      throw new UserError(
        "only validated assessments can be published; validate these first or leave them out",
        open.map((r) => `${r.country}: ${r.status.replace("_", " ")}`),
      );
    }
  } else {
    chosen = rows.filter((r) => r.status === "validated");
    if (!chosen.length) {
      throw new UserError(
        `nothing to publish: no assessment of the ${period} cycle is validated yet; validate at least one first`,
      );
    }
  }
  return chosen.sort((a, b) => (a.country < b.country ? -1 : 1));
}

/**
 * The published answers of every earlier period of a framework (the latest release of each), for
 * the "country's previous cycle" imputation: a release reads only what was published before it.
 */
export async function loadEarlierAnswers(
  tx: Db,
  frameworkCode: string,
  period: string,
  /** Only the releases published by then (a release's own time: what it was scored with). */
  publishedBy?: Date,
): Promise<EarlierAnswers[]> {
  const rows = await tx
    .selectDistinctOn([releases.period], {
      period: releases.period,
      frameworkVersion: sql<string>`${releases.snapshot} -> 'release' ->> 'frameworkVersion'`,
      answers: sql<EarlierAnswers["answers"]>`${releases.snapshot} -> 'answers'`,
    })
    .from(releases)
    .where(
      and(
        eq(releases.frameworkCode, frameworkCode),
        lt(releases.period, period),
        publishedBy ? lte(releases.publishedAt, publishedBy) : undefined,
      ),
    )
    .orderBy(releases.period, desc(releases.version));
  return rows.map((r) => ({
    period: r.period,
    frameworkVersion: r.frameworkVersion,
    answers: r.answers ?? [],
  }));
}
