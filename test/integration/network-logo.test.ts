import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { organisationHistory, organisations } from "../../src/server/db/schema.ts";
import { uploadsDir } from "../../src/server/evidence/uploads-dir.ts";
import { CHILDPACT_REGION, seedReference } from "../../src/server/reference/countries.ts";
import { publishRelease } from "../../src/server/releases/publish.ts";
import { computeScores } from "../../src/server/scores/compute-scores.ts";
import { wrongExtensionFile } from "../support/bad-uploads.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session } from "../support/factories.ts";
import { type BuiltNetwork, buildNetwork, signInCoordinatorOf } from "../support/network-factories.ts";
import { buildPublishableCycle } from "../support/release-setup.ts";
import { multipartBody, PDF, PNG } from "./evidence-files.ts";

/** A PNG chunk with its CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** The 1×1 test PNG with a text chunk holding `secret` after its header (where cameras and editors put theirs). */
function pngWithText(secret: string): Buffer {
  const headerEnd = 8 + 25;
  return Buffer.concat([
    PNG.subarray(0, headerEnd),
    pngChunk("tEXt", Buffer.from(`Comment\0${secret}`, "latin1")),
    PNG.subarray(headerEnd),
  ]);
}

/** Files in the uploads folder, wherever they are, relative to it. */
function storedFiles(): string[] {
  const root = uploadsDir();
  try {
    return readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((path) => statSync(join(root, path)).isFile())
      .sort();
  } catch {
    return [];
  }
}

describeEachDatabase("network: an organisation's logo", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let net: BuiltNetwork;
  let coordinator: Session;
  let other: Session;
  /** A published release of Moldova: its portal shows the directory. */
  let slug: string;

  const version = async (id: string) =>
    (await db.select({ v: organisations.version }).from(organisations).where(eq(organisations.id, id)))[0]!.v;
  const upload = (session: Session, id: string, name: string, content: Buffer, expected?: number) => {
    const { payload, headers } = multipartBody(
      { filename: name, content },
      expected === undefined ? {} : { expectedVersion: String(expected) },
    );
    return app.inject({
      method: "PUT",
      url: `/api/network/organisations/${id}/logo`,
      payload,
      headers: { ...session.headers, ...headers },
    });
  };
  const get = (url: string, session?: Session) => app.inject({ url, headers: session?.headers });

  beforeAll(async () => {
    process.env.CHILDMARK_DATA_DIR = mkdtempSync(join(tmpdir(), "childmark-network-logo-"));
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const someone = await buildUser(db);
    net = await buildNetwork(db, {
      country: "MD",
      region: CHILDPACT_REGION.code,
      applicantId: someone.id,
      writeFile: false,
    });
    coordinator = await signInCoordinatorOf(app, db, net.coalitionId);
    const ge = await buildNetwork(db, {
      country: "GE",
      region: CHILDPACT_REGION.code,
      applicantId: someone.id,
      writeFile: false,
    });
    const cycle = await buildPublishableCycle(db, { countries: ["MD"], validated: ["MD"] });
    await computeScores(db, cycle.versionId);
    const publisher = await buildUser(db, { isAdmin: true });
    ({ slug } = await publishRelease(db, {
      cycleId: cycle.cycleId,
      assessmentIds: [cycle.assessments.MD!],
      userId: publisher.id,
    }));
    other = await signInCoordinatorOf(app, db, ge.coalitionId);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("stores a member's logo without its metadata, shows it to the coalition, and keeps the change in the history", async () => {
    const before = await version(net.memberId);
    const res = await upload(coordinator, net.memberId, "logo.png", pngWithText("SECRET-author"), before);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ version: before + 1 });
    const shown = await get(`/api/network/organisations/${net.memberId}/logo`, coordinator);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers["content-type"]).toBe("image/png");
    expect(shown.headers["x-content-type-options"]).toBe("nosniff");
    expect(shown.headers["content-security-policy"]).toContain("sandbox");
    // The text chunk is gone; what is left is the original image, byte for byte.
    expect(shown.rawPayload.includes("SECRET")).toBe(false);
    expect(shown.rawPayload.equals(PNG)).toBe(true);
    const organisation = (await get(`/api/network/organisations/${net.memberId}`, coordinator)).json();
    expect(organisation.logo).toMatchObject({ mediaType: "image/png", size: PNG.length });
    expect(organisation.publishesLogo).toBe(false);
    const history = await db
      .select()
      .from(organisationHistory)
      .where(eq(organisationHistory.organisationId, net.memberId));
    // It replaced the factory's (unpublished) logo.
    expect(history.find((h) => h.change === "logo")).toMatchObject({
      before: { logo: "PNG, 1 KB" },
      after: { logo: "PNG, 1 KB" },
    });
    // Another coalition's coordinator neither sees it nor changes it.
    expect((await get(`/api/network/organisations/${net.memberId}/logo`, other)).statusCode).toBe(404);
    expect((await upload(other, net.memberId, "logo.png", PNG, await version(net.memberId))).statusCode).toBe(
      404,
    );
  });

  it("shows the logo publicly only when the organisation is listed and publishes it", async () => {
    const url = `/api/public/directory/${net.memberId}/logo`;
    const entry = async () =>
      ((await get("/api/public/directory")).json() as { id: string; logo: unknown }[]).find(
        (e) => e.id === net.memberId,
      );
    expect((await get(url)).statusCode).toBe(404);
    expect((await entry())!.logo).toBeNull();
    const profile = (await get(`/api/network/organisations/${net.memberId}`, coordinator)).json();
    const put = (changes: object) =>
      app.inject({
        method: "PUT",
        url: `/api/network/organisations/${net.memberId}`,
        headers: coordinator.headers,
        payload: {
          name: profile.name,
          kind: profile.kind,
          countryCode: profile.countryCode,
          listedInDirectory: true,
          publishesLogo: true,
          ...changes,
        },
      });
    expect((await put({ expectedVersion: profile.version })).statusCode).toBe(200);
    const shown = await get(url);
    expect(shown.statusCode).toBe(200);
    expect(shown.rawPayload.equals(PNG)).toBe(true);
    expect(shown.headers["cache-control"]).toContain("public");
    expect((await entry())!.logo).toMatchObject({ url, mediaType: "image/png" });
    // The portal shows it on the member's card and serves it from the release's site.
    const portalLogo = `/portal/${slug}/logos/${net.memberId}.png`;
    const page = await get(`/portal/${slug}/en/countries/md/members/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`src="../../../../logos/${net.memberId}.png"`);
    const served = await get(portalLogo);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload.equals(PNG)).toBe(true);
    // Taken out of the directory, its logo goes with it, even though it still "publishes" it.
    expect((await put({ listedInDirectory: false, expectedVersion: profile.version + 1 })).statusCode).toBe(
      200,
    );
    expect((await get(url)).statusCode).toBe(404);
    expect(await entry()).toBeUndefined();
    expect((await get(portalLogo)).statusCode).toBe(404);
    expect((await get(`/portal/${slug}/en/countries/md/members/`)).body).not.toContain("logos/");
  });

  it("refuses files that are not images, lie about their kind, are cut short or too large, and keeps nothing", async () => {
    const files = storedFiles();
    const v = await version(net.coalitionId);
    const cases: [string, Buffer, number, RegExp][] = [
      [
        "logo.svg",
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        400,
        /PNG, JPEG, GIF or WEBP/,
      ],
      [wrongExtensionFile().name, wrongExtensionFile().bytes, 400, /PNG, JPEG, GIF or WEBP/],
      ["logo.pdf", PDF, 400, /PNG, JPEG, GIF or WEBP/],
      ["logo.png", PDF, 400, /content is PDF, not a PNG/],
      ["logo.png", PNG.subarray(0, PNG.length - 8), 400, /not a readable PNG image/],
      [
        "logo.jpg",
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00]), Buffer.alloc(20)]),
        400,
        /not a readable JPEG/,
      ],
      [
        "big.png",
        Buffer.concat([PNG, Buffer.alloc(1100 * 1024)]),
        413,
        /over the limit of 1 MB .*CHILDMARK_MAX_LOGO_KB/,
      ],
      ["empty.png", Buffer.alloc(0), 400, /empty/],
    ];
    for (const [name, content, status, says] of cases) {
      const res = await upload(coordinator, net.coalitionId, name, content, v);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error, name).toMatch(says);
    }
    // Without the version, and with a stale one: refused, nothing stored.
    expect((await upload(coordinator, net.coalitionId, "logo.png", PNG)).statusCode).toBe(400);
    expect((await upload(coordinator, net.coalitionId, "logo.png", PNG, v - 1 || 99)).statusCode).toBe(409);
    expect(await version(net.coalitionId)).toBe(v);
    expect(storedFiles()).toEqual(files);
  });

  it("replaces and removes a logo, deleting the file it no longer uses", async () => {
    const v = await version(net.coalitionId);
    expect((await upload(coordinator, net.coalitionId, "first.png", PNG, v)).statusCode).toBe(200);
    const [first] = await db
      .select({ path: organisations.logoPath })
      .from(organisations)
      .where(eq(organisations.id, net.coalitionId));
    const afterFirst = storedFiles();
    expect(afterFirst.some((f) => f.endsWith(first!.path!))).toBe(true);
    expect((await upload(coordinator, net.coalitionId, "second.png", PNG, v + 1)).statusCode).toBe(200);
    expect(storedFiles().some((f) => f.endsWith(first!.path!))).toBe(false);
    expect(storedFiles()).toHaveLength(afterFirst.length);
    const stale = await app.inject({
      method: "DELETE",
      url: `/api/network/organisations/${net.coalitionId}/logo?expectedVersion=${v}`,
      headers: coordinator.headers,
    });
    expect(stale.statusCode).toBe(409);
    const removed = await app.inject({
      method: "DELETE",
      url: `/api/network/organisations/${net.coalitionId}/logo?expectedVersion=${v + 2}`,
      headers: coordinator.headers,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await get(`/api/network/organisations/${net.coalitionId}/logo`, coordinator)).statusCode).toBe(
      404,
    );
    expect(storedFiles()).toHaveLength(afterFirst.length - 1);
    const changes = await db
      .select({ change: organisationHistory.change, after: organisationHistory.after })
      .from(organisationHistory)
      .where(eq(organisationHistory.organisationId, net.coalitionId));
    expect(changes.filter((c) => c.change === "logo").map((c) => c.after)).toEqual([
      { logo: "PNG, 1 KB" },
      { logo: "PNG, 1 KB" },
      { logo: null },
    ]);
  });
});
