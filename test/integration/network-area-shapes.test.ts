import { readFileSync } from "node:fs";
import { count, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app/build-app.ts";
import type { Db } from "../../src/server/db/connect.ts";
import { areaShapes, auditEvents } from "../../src/server/db/schema.ts";
import { readAllAreaShapes } from "../../src/server/network/area-shapes.ts";
import { seedReference } from "../../src/server/reference/countries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { buildUser, type Session, signInAs } from "../support/factories.ts";
import { multipartBody } from "./evidence-files.ts";

/** Moldova's demo areas: four first-level areas and six below them. */
const MD_AREAS = [
  { code: "MD-N", name: { en: "North" } },
  { code: "MD-C", name: { en: "Centre" } },
  { code: "MD-S", name: { en: "South" } },
  { code: "MD-CU", name: { en: "Chișinău" } },
  { code: "MD-BA", parent: "MD-N", name: { en: "Bălți" } },
  { code: "MD-SO", parent: "MD-N", name: { en: "Soroca" } },
  { code: "MD-OR", parent: "MD-C", name: { en: "Orhei" } },
  { code: "MD-UN", parent: "MD-C", name: { en: "Ungheni" } },
  { code: "MD-CA", parent: "MD-S", name: { en: "Cahul" } },
  { code: "MD-GA", parent: "MD-S", name: { en: "Gagauzia" } },
];
const fixture = readFileSync("test/fixtures/md-areas.geojson");

describeEachDatabase("network: the shapes of a country's areas", (database) => {
  let app: FastifyInstance;
  let db: Db;
  let mdCoordinator: Session;
  let geCoordinator: Session;

  const upload = (session: Session | undefined, name: string, content: Buffer, fields = {}) => {
    const { payload, headers } = multipartBody({ filename: name, content }, fields);
    return app.inject({
      method: "PUT",
      url: "/api/network/areas/MD/shapes",
      payload,
      headers: { ...session?.headers, ...headers },
    });
  };
  const stored = async () => (await db.select({ n: count() }).from(areaShapes))[0]!.n;

  beforeAll(async () => {
    db = database().db;
    await seedReference(db);
    app = await buildApp({ database: database() });
    const grant = (code: string) => [
      { role: "coordinator" as const, scopeType: "country" as const, scopeCode: code },
    ];
    mdCoordinator = await signInAs(app, await buildUser(db, { grants: grant("MD") }));
    geCoordinator = await signInAs(app, await buildUser(db, { grants: grant("GE") }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses shapes before the country has areas", async () => {
    const res = await upload(mdCoordinator, "md.geojson", fixture);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("MD has no areas yet: add its areas before their shapes");
  });

  it("stores a GeoJSON upload made small, serves it to anyone, and records who changed it", async () => {
    const areas = await app.inject({
      method: "PUT",
      url: "/api/network/areas/MD",
      payload: { areas: MD_AREAS },
      headers: mdCoordinator.headers,
    });
    expect(areas.statusCode, areas.body).toBe(200);
    const res = await upload(mdCoordinator, "md-areas.geojson", fixture);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().areas).toBe(10);
    expect(res.json().bytes).toBeLessThan(fixture.length);
    const read = await app.inject({ url: "/api/network/areas/MD/shapes" });
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body).toMatchObject({
      country: "MD",
      fileName: "md-areas.geojson",
      format: "GeoJSON",
      codeProperty: "code",
    });
    expect(
      body.shapes.features.map((f: { properties: { code: string } }) => f.properties.code).sort(),
    ).toEqual(MD_AREAS.map((a) => a.code).sort());
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "network.area-shapes-changed"));
    expect(event).toMatchObject({ country: "MD", targetId: "MD", details: { areas: 10, format: "GeoJSON" } });
  });

  it("names every problem of a bad file and keeps the shapes it had", async () => {
    const bad = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { iso: "MD-CA" }, geometry: { type: "Point", coordinates: [28, 46] } },
        {
          type: "Feature",
          properties: { iso: "MD-ZZ" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [3000000, 46],
                [28, 47],
                [29, 47],
                [3000000, 46],
              ],
            ],
          },
        },
      ],
    };
    const res = await upload(mdCoordinator, "bad.geojson", Buffer.from(JSON.stringify(bad)), {
      codeProperty: "iso",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe(
      "bad.geojson: the shapes were not saved: features[0].geometry: a Polygon or MultiPolygon is needed, not Point",
    );
    expect(res.json().details).toEqual([
      "features[0].geometry: a Polygon or MultiPolygon is needed, not Point",
      'features[1]: "MD-ZZ" is not one of this country\'s areas (add it to the areas first)',
      "features[1].geometry.coordinates[0][0]: [3000000,46] is not a longitude and latitude in degrees (within ±180 and ±90; projected coordinates must be converted to WGS 84 first)",
    ]);
    const notCollection = await upload(mdCoordinator, "one.json", Buffer.from('{"type":"Feature"}'));
    expect(notCollection.json().details).toEqual([
      "the file is a Feature: send a GeoJSON FeatureCollection (of Polygons or MultiPolygons) or a TopoJSON Topology",
    ]);
    const wrongKind = await upload(mdCoordinator, "areas.shp", Buffer.from("shapefile"));
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error).toBe("areas.shp: only GeoJSON or TopoJSON files are accepted");
    const big = Buffer.concat([fixture.subarray(0, -2), Buffer.from(`${" ".repeat(5 * 1048576)}}`)]);
    const tooLarge = await upload(mdCoordinator, "big.geojson", big);
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().details[0]).toMatch(
      /^the file is 5\.0 MB, over the limit of 5 MB: simplify the shapes/,
    );
    const read = await app.inject({ url: "/api/network/areas/MD/shapes" });
    expect(read.json().fileName).toBe("md-areas.geojson");
  });

  it("lets only those who manage the country's areas change them, and drops the shapes of removed areas", async () => {
    expect((await upload(geCoordinator, "md.geojson", fixture)).statusCode).toBe(403);
    expect((await upload(undefined, "md.geojson", fixture)).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: "DELETE",
          url: "/api/network/areas/MD/shapes",
          headers: geCoordinator.headers,
        })
      ).statusCode,
    ).toBe(403);
    await app.inject({
      method: "PUT",
      url: "/api/network/areas/MD",
      payload: { areas: MD_AREAS.filter((a) => a.code !== "MD-GA") },
      headers: mdCoordinator.headers,
    });
    const read = (await app.inject({ url: "/api/network/areas/MD/shapes" })).json();
    expect(read.shapes.features).toHaveLength(9);
    // What the portal's areas pages are given: the same, by country.
    const forPortal = await readAllAreaShapes(db);
    expect(Object.keys(forPortal)).toEqual(["MD"]);
    expect(forPortal.MD!.features.map((f) => f.properties.code)).not.toContain("MD-GA");
    const removed = await app.inject({
      method: "DELETE",
      url: "/api/network/areas/MD/shapes",
      headers: mdCoordinator.headers,
    });
    expect(removed.json()).toEqual({ removed: true });
    expect(await stored()).toBe(0);
    expect((await app.inject({ url: "/api/network/areas/MD/shapes" })).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: "DELETE",
          url: "/api/network/areas/MD/shapes",
          headers: mdCoordinator.headers,
        })
      ).statusCode,
    ).toBe(404);
  });
});
