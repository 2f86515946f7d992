import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { areaParams, areaShapesFields, areaShapesOut } from "../api-schemas/network.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { maxFileBytes } from "../files/limits.ts";
import { readAreaShapesOf, removeAreaShapes, replaceAreaShapes } from "./area-shapes.ts";
import { authorizeCountry } from "./authorize-country.ts";

const tags = ["network"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/**
 * The shapes of a country's areas, for maps: uploaded (GeoJSON or TopoJSON, multipart, in its own
 * scope for the upload limits) and removed by those who manage the country's areas, read by all.
 */
export async function registerAreaShapeRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxFileBytes(), files: 1, fields: 2, fieldSize: 100, parts: 3 },
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      "/network/areas/:country/shapes",
      {
        schema: {
          tags,
          summary: "The shapes of a country's areas for maps (GeoJSON, one MultiPolygon per area code)",
          params: areaParams,
          response: { 200: areaShapesOut, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const stored = await readAreaShapesOf(db, request.params.country);
        if (!stored) throw new UserError(`${request.params.country} has no area shapes`, [], 404);
        return stored;
      },
    );

    api.put(
      "/network/areas/:country/shapes",
      {
        schema: {
          tags,
          summary:
            "Replace the shapes of a country's areas with a GeoJSON or TopoJSON file; every problem named, nothing stored on any",
          description:
            "multipart/form-data: `file` (a GeoJSON FeatureCollection of Polygons and MultiPolygons, or a TopoJSON Topology, at most 5 MB, longitude and latitude in degrees) and `codeProperty` (the feature property holding the area's code, `code` by default). Every code must be one of the country's areas. Coordinates are rounded and simplified before they are stored.",
          params: areaParams,
          response: {
            200: z.object({ areas: z.number().int(), bytes: z.number().int() }),
            ...errors,
            413: errorBody,
            503: errorBody,
          },
        },
      },
      async (request) => {
        await authorizeCountry(db, request, request.params.country, "network:manage");
        if (!request.isMultipart())
          throw new UserError("send the shapes as multipart/form-data (fields file, codeProperty)");
        return withImportSlot(async () => {
          const upload = await readUpload(request, "the shapes file");
          if (!/\.(geo|topo)?json$/i.test(upload.fileName)) {
            throw new UserError(`${upload.fileName}: only GeoJSON or TopoJSON files are accepted`, [
              "send a .geojson, .topojson or .json file",
            ]);
          }
          const fields = areaShapesFields.safeParse(upload.fields);
          if (!fields.success) throw new UserError("codeProperty: at most 80 characters");
          return inTransaction((tx) =>
            replaceAreaShapes(
              tx,
              request.params.country,
              { bytes: upload.bytes, fileName: upload.fileName, codeProperty: fields.data.codeProperty },
              auditActorOf(request),
            ),
          );
        });
      },
    );

    api.delete(
      "/network/areas/:country/shapes",
      {
        schema: {
          tags,
          summary:
            "Remove the shapes of a country's areas (its portal pages then list the areas without a map)",
          params: areaParams,
          response: { 200: z.object({ removed: z.literal(true) }), ...errors },
        },
      },
      async (request) => {
        await authorizeCountry(db, request, request.params.country, "network:manage");
        await inTransaction((tx) => removeAreaShapes(tx, request.params.country, auditActorOf(request)));
        return { removed: true as const };
      },
    );
  });
}
