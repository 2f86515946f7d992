import { and, eq } from "drizzle-orm";
import {
  describeMemberProblem,
  type ImportedMember,
  type MemberImportProblem,
  memberNameKey,
  readMemberTable,
} from "../../core/index.ts";
import type { MemberImportOut } from "../api-schemas/network.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { countries, organisations } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readTable } from "../recommendations/read-table.ts";
import { recordHistory } from "./history.ts";
import type { Network, OrganisationRow } from "./load-network.ts";
import { networkTarget } from "./load-network.ts";
import { changedFields, profileOf, staleVersion } from "./save-organisation.ts";

export interface MemberImportInput {
  network: Network;
  /** The coalition (or network) whose members the file lists; the importer manages it. */
  parent: OrganisationRow;
  bytes: Buffer;
  fileName: string;
  dryRun: boolean;
  /** Confirms that rows naming an existing member update it (without, they are problems). */
  merge: boolean;
  actorId: string;
  audit: AuditActor;
  today?: string;
}

interface Planned {
  member: ImportedMember;
  existing: OrganisationRow | null;
}

/**
 * Imports a coalition's member organisations from a CSV or XLSX file (read through the guarded
 * table reader: zip bombs, huge sheets and other extensions are refused before anything is
 * read). Every row is checked first; a row naming one of the coalition's members updates it only
 * when `merge` confirms it. A dry run reports what would be added or updated and every problem;
 * otherwise any problem means nothing is written, and else one transaction writes every row,
 * each organisation's history and one audit entry.
 */
export async function importMembers(db: Db, input: MemberImportInput): Promise<MemberImportOut> {
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const table = await readTable(input.bytes, input.fileName);
  const known = new Set((await db.select({ code: countries.code }).from(countries)).map((c) => c.code));
  const { members, problems } = readMemberTable(table.columns, table.rows, {
    countries: known,
    defaultCountry: input.parent.countryCode,
    today,
  });
  const existing = new Map<string, OrganisationRow>();
  for (const row of input.network.rows.values())
    if (row.parentId === input.parent.id) existing.set(memberNameKey(row.name), row);
  const planned: Planned[] = members.map((member) => ({
    member,
    existing: existing.get(memberNameKey(member.name)) ?? null,
  }));
  if (!input.dryRun && !input.merge)
    for (const p of planned.filter((x) => x.existing))
      problems.push({
        row: p.member.row,
        column: "name",
        message: `"${p.existing!.name}" is already a member of ${input.parent.name}: confirm that the file's rows update existing members, or remove the row`,
      });
  problems.sort((a, b) => a.row - b.row);
  const report = (written: boolean): MemberImportOut => ({
    dryRun: input.dryRun,
    written,
    added: planned.filter((p) => !p.existing).length,
    updated: planned.filter((p) => p.existing).length,
    rows: planned.map((p) => ({
      row: p.member.row,
      name: p.member.name,
      action: p.existing ? "update" : "add",
      organisationId: p.existing?.id ?? null,
    })),
    problems: problems.map((p) => ({ ...p, text: describeMemberProblem(p) })),
  });
  if (input.dryRun) return report(false);
  if (problems.length) throw importRefused(input.fileName, problems);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    for (const p of planned) {
      if (p.existing) await updateMember(tx, p.existing, p.member, input.actorId);
      else await addMember(tx, input.parent, p.member, input.actorId, today);
    }
    const place = networkTarget(input.network, input.parent.id);
    await recordAudit(tx, {
      ...input.audit,
      action: "network.members-imported",
      targetType: "organisation",
      targetId: input.parent.id,
      country: place.country ?? null,
      region: place.region ?? null,
      details: {
        file: input.fileName,
        added: planned.filter((p) => !p.existing).length,
        updated: planned.filter((p) => p.existing).length,
      },
    });
  });
  return report(true);
}

function importRefused(fileName: string, problems: MemberImportProblem[]): UserError {
  return new UserError(
    `${fileName}: nothing was imported; fix ${problems.length === 1 ? "this problem" : `these ${problems.length} problems`} and import again`,
    problems.map(describeMemberProblem),
  );
}

async function addMember(
  tx: Db,
  parent: OrganisationRow,
  member: ImportedMember,
  actorId: string,
  today: string,
): Promise<void> {
  const { joinedOn, kind, ...fields } = member.fields;
  const [row] = await tx
    .insert(organisations)
    .values({
      ...fields,
      name: member.name,
      kind: kind ?? "member",
      parentId: parent.id,
      status: "member",
      joinedOn: joinedOn ?? today,
    })
    .returning();
  await recordHistory(tx, {
    organisationId: row!.id,
    change: "created",
    after: { ...profileOf(row!), status: "member", joinedOn: row!.joinedOn },
    reason: "imported",
    changedBy: actorId,
  });
}

/** Sets what the row gives on an existing member (empty cells leave values alone), if unchanged since read. */
async function updateMember(tx: Db, current: OrganisationRow, member: ImportedMember, actorId: string) {
  const { names, ...fields } = member.fields;
  const values = {
    ...fields,
    ...(names ? { names: { ...current.names, ...names } } : {}),
    name: member.name,
  };
  const [row] = await tx
    .update(organisations)
    .set({ ...values, version: current.version + 1 })
    .where(and(eq(organisations.id, current.id), eq(organisations.version, current.version)))
    .returning();
  if (!row) throw staleVersion(current.version);
  const diff = changedFields(
    { ...profileOf(current), joinedOn: current.joinedOn },
    { ...profileOf(row), joinedOn: row.joinedOn },
  );
  if (Object.keys(diff.after).length)
    await recordHistory(tx, {
      organisationId: current.id,
      change: "updated",
      ...diff,
      reason: "imported",
      changedBy: actorId,
    });
}
