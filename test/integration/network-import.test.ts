import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { auditEvents, organisationHistory, organisations } from "../../src/server/db/schema.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session } from "../support/factories.ts";
import { type BuiltNetwork, buildNetwork, signInCoordinatorOf } from "../support/network-factories.ts";
import { multipartBody } from "./evidence-files.ts";

/*
 * A coalition's coordinator imports her members from a CSV or XLSX list: a dry run shows each
 * row's action and every problem by row and column; one bad row and nothing is written; a row
 * naming an existing member updates it only when she confirms; another coalition's coordinator
 * is refused (403) and changes nothing.
 */

const HEADER = "name,kind,country,name_fr,themes,crc_articles,website,contact_email,listed,joined_on";
const GOOD = [
  HEADER,
  "Chisinau Legal Clinic,member,,Clinique juridique de Chișinău,justice; violence,19;37,https://clinic.example.org,office@clinic.example.org,yes,2019-05-01",
  "Donor Trust,donor,MD,,,,,,no,",
].join("\n");

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("members");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describeEachDatabase("network: importing a coalition's members from a table", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let net: BuiltNetwork;
  let coordinator: Session;
  let other: Session;

  const upload = (
    session: Session,
    name: string,
    content: Buffer | string,
    fields: Record<string, string>,
  ) => {
    const { payload, headers } = multipartBody(
      { filename: name, content: Buffer.isBuffer(content) ? content : Buffer.from(content) },
      fields,
    );
    return app.inject({
      method: "POST",
      url: `/api/network/organisations/${net.coalitionId}/member-imports`,
      headers: { ...session.headers, ...headers },
      payload,
    });
  };
  const members = async () =>
    (
      await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.parentId, net.coalitionId))
        .orderBy(asc(organisations.name))
    ).map((r) => r.name);
  const audits = async () =>
    (
      await db
        .select({ n: count() })
        .from(auditEvents)
        .where(eq(auditEvents.action, "network.members-imported"))
    )[0]!.n;

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-network-import-"));
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const someone = await buildUser(db);
    net = await buildNetwork(db, { country: "MD", region: CHILDPACT_REGION.code, applicantId: someone.id });
    coordinator = await signInCoordinatorOf(app, db, net.coalitionId);
    const ge = await buildNetwork(db, {
      country: "GE",
      region: CHILDPACT_REGION.code,
      applicantId: someone.id,
    });
    other = await signInCoordinatorOf(app, db, ge.coalitionId);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("previews a dry run, then imports in one go with each organisation's history and one audit entry", async () => {
    const before = await members();
    const dry = await upload(coordinator, "members.csv", GOOD, { dryRun: "true" });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      written: false,
      added: 2,
      updated: 0,
      problems: [],
      rows: [
        { row: 2, name: "Chisinau Legal Clinic", action: "add" },
        { row: 3, name: "Donor Trust", action: "add" },
      ],
    });
    expect(await members()).toEqual(before);
    const done = await upload(coordinator, "members.csv", GOOD, {});
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ written: true, added: 2, updated: 0 });
    const [clinic] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Chisinau Legal Clinic"));
    expect(clinic).toMatchObject({
      kind: "member",
      countryCode: "MD",
      names: { fr: "Clinique juridique de Chișinău" },
      themes: ["justice", "violence"],
      crcArticles: [19, 37],
      website: "https://clinic.example.org",
      listedInDirectory: true,
      publishesContacts: false,
      status: "member",
      joinedOn: "2019-05-01",
    });
    const history = await db
      .select()
      .from(organisationHistory)
      .where(eq(organisationHistory.organisationId, clinic!.id));
    expect(history.map((h) => `${h.change}:${h.reason}`)).toEqual(["created:imported"]);
    expect(await audits()).toBe(1);
  });

  it("refuses a file with one bad row, naming the row and the column, and writes nothing", async () => {
    const before = await members();
    const historyBefore = (await db.select({ n: count() }).from(organisationHistory))[0]!.n;
    const bad = [
      HEADER,
      "Balti Youth Centre,member,,,participation,12,https://youth.example.org,,yes,",
      "Cahul Family Help,member,,,,,ftp://family.example.org,,yes,",
      "Orhei Shelter,charity,,,,60,,not-an-email,maybe,2019-02-30",
    ].join("\n");
    const dry = await upload(coordinator, "bad.csv", bad, { dryRun: "true" });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().problems.map((p: { text: string }) => p.text)).toEqual([
      'row 3, column website: "ftp://family.example.org" is not a web address starting with https:// or http://',
      'row 4, column kind: "charity" is not a kind; use member, partner, donor, other',
      'row 4, column crc_articles: "60": articles are numbers from 1 to 54',
      'row 4, column contact_email: "not-an-email" is not an e-mail address',
      'row 4, column listed: "maybe": write yes or no',
      'row 4, column joined_on: "2019-02-30" is not a date written YYYY-MM-DD',
    ]);
    const res = await upload(coordinator, "bad.csv", bad, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("bad.csv: nothing was imported; fix these 6 problems and import again");
    expect(res.json().details[0]).toBe(
      'row 3, column website: "ftp://family.example.org" is not a web address starting with https:// or http://',
    );
    expect(await members()).toEqual(before);
    expect((await db.select({ n: count() }).from(organisationHistory))[0]!.n).toBe(historyBefore);
    expect(await audits()).toBe(1);
  });

  it("reads XLSX too; a row naming a member updates it only once she confirms", async () => {
    const rows = [
      ["name", "themes", "contact_phone", "joined_on"],
      ["Member NGO MD", "child protection", "+373 22 111 111", "2015-01-10"],
      ["Soroca Mothers' Association", "family", "", ""],
    ];
    const file = await workbook(rows);
    const dry = (await upload(coordinator, "members.xlsx", file, { dryRun: "true" })).json();
    expect(dry.rows).toEqual([
      { row: 2, name: "Member NGO MD", action: "update", organisationId: net.memberId },
      { row: 3, name: "Soroca Mothers' Association", action: "add", organisationId: null },
    ]);
    const unconfirmed = await upload(coordinator, "members.xlsx", file, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().details).toEqual([
      'row 2, column name: "Member NGO MD" is already a member of Coalition MD: confirm that the file\'s rows update existing members, or remove the row',
    ]);
    expect(await members()).not.toContain("Soroca Mothers' Association");
    const merged = await upload(coordinator, "members.xlsx", file, { merge: "true" });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ written: true, added: 1, updated: 1 });
    const [member] = await db.select().from(organisations).where(eq(organisations.id, net.memberId));
    expect(member).toMatchObject({
      themes: ["child protection"],
      contactPhone: "+373 22 111 111",
      joinedOn: "2015-01-10",
      // Cells the file leaves empty or has no column for keep their values.
      contactEmail: "director@member.example.org",
      listedInDirectory: true,
      version: 2,
    });
    const [update] = await db
      .select()
      .from(organisationHistory)
      .where(
        and(eq(organisationHistory.organisationId, net.memberId), eq(organisationHistory.change, "updated")),
      );
    expect(Object.keys(update!.after ?? {}).sort()).toEqual(["contactPhone", "joinedOn", "themes"]);
  });

  it("refuses another coalition's coordinator (403), an unknown coalition (404), and bad files (400)", async () => {
    const before = await members();
    const refused = await upload(other, "members.csv", GOOD.replaceAll("Chisinau", "Other"), {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe("you may not import the members of this organisation");
    expect(await members()).toEqual(before);
    const { payload, headers } = multipartBody({ filename: "m.csv", content: Buffer.from(GOOD) }, {});
    const unknown = await app.inject({
      method: "POST",
      url: "/api/network/organisations/00000000-0000-4000-8000-000000000000/member-imports",
      headers: { ...coordinator.headers, ...headers },
      payload,
    });
    expect(unknown.statusCode).toBe(404);
    const ods = await upload(coordinator, "members.ods", "x", {});
    expect(ods.statusCode).toBe(400);
    expect(ods.json().error).toMatch(/only CSV or XLSX/);
    const noName = await upload(coordinator, "members.csv", "title,kind\nX,member\n", { dryRun: "true" });
    expect(noName.json().problems.map((p: { text: string }) => p.text)).toEqual([
      "row 1, column title: unknown column; the columns are name, kind, country, description, themes, crc_articles, website, contact_email, contact_phone, listed, publishes_contacts, joined_on and name_fr, name_ar… for the name in another language",
      "row 1, column name: the file has no name column",
    ]);
    const duplicate = await upload(coordinator, "members.csv", "name\nA Centre\na  centre\n", {
      dryRun: "true",
    });
    expect(duplicate.json().problems[0].text).toBe(
      'row 3, column name: "a  centre" is also on row 2: keep one row per organisation',
    );
    expect(await members()).toEqual(before);
  });
});
