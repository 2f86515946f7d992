import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import { logoFields, logoQuery, organisationParams } from "../api-schemas/network.ts";
import type { Db } from "../db/connect.ts";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { maxLogoBytes } from "../files/limits.ts";
import { readPublicLogos } from "./directory.ts";
import { loadAuthorizedOrganisation } from "./load-network.ts";
import { discardLogo, saveLogo, sendLogo, storeLogo } from "./logo.ts";

const tags = ["network"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const versioned = z.object({ version: z.number().int() });

/**
 * An organisation's logo: uploaded and removed by those who manage it, shown to those who may
 * read it, and to everyone only when the organisation is listed in the directory and chose to
 * publish its logo. Multipart in its own scope, for the logo's size limit.
 */
export async function registerLogoRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxLogoBytes(), files: 1, fields: 2, fieldSize: 100, parts: 3 },
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.put(
      "/network/organisations/:id/logo",
      {
        schema: {
          tags,
          summary: "Upload an organisation's logo, replacing the one it had (409 on a stale version)",
          description:
            "multipart/form-data: one image file (PNG, JPEG, GIF or WEBP, checked by content, at most CHILDMARK_MAX_LOGO_KB, 1024 KB by default; its metadata is taken out) and `expectedVersion`. The public directory shows it only when the organisation is listed and publishes its logo (`publishesLogo`).",
          params: organisationParams,
          response: { 200: versioned, ...errors, 409: errorBody, 413: errorBody, 503: errorBody },
        },
      },
      async (request) => {
        const { organisation, actor } = await loadAuthorizedOrganisation(
          db,
          request,
          request.params.id,
          "network:manage",
        );
        if (!request.isMultipart())
          throw new UserError("send the logo as multipart/form-data (fields file, expectedVersion)");
        const stored = await withImportSlot(async () => {
          const upload = await readUpload(request, "the logo", {
            bytes: maxLogoBytes(),
            variable: "CHILDMARK_MAX_LOGO_KB",
          });
          const fields = logoFields.safeParse(upload.fields);
          if (!fields.success)
            throw new UserError("expectedVersion: the version of the organisation you are changing", [
              "expectedVersion: required",
            ]);
          return { ...(await storeLogo(upload)), expectedVersion: fields.data.expectedVersion };
        });
        try {
          const saved = await inTransaction((tx) =>
            saveLogo(tx, organisation, stored, stored.expectedVersion, actor.userId),
          );
          await discardLogo(saved.oldPath);
          return { version: saved.version };
        } catch (error) {
          await discardLogo(stored.path);
          throw error;
        }
      },
    );

    api.delete(
      "/network/organisations/:id/logo",
      {
        schema: {
          tags,
          summary: "Remove an organisation's logo (409 on a stale version)",
          params: organisationParams,
          querystring: logoQuery,
          response: { 200: versioned, ...errors, 409: errorBody },
        },
      },
      async (request) => {
        const { organisation, actor } = await loadAuthorizedOrganisation(
          db,
          request,
          request.params.id,
          "network:manage",
        );
        if (!organisation.logoPath) throw new UserError("this organisation has no logo", [], 404);
        const saved = await inTransaction((tx) =>
          saveLogo(tx, organisation, null, request.query.expectedVersion, actor.userId),
        );
        await discardLogo(saved.oldPath);
        return { version: saved.version };
      },
    );

    api.get(
      "/network/organisations/:id/logo",
      {
        schema: {
          tags,
          summary: "An organisation's logo, as an image, for those who may read the organisation",
          params: organisationParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { organisation } = await loadAuthorizedOrganisation(
          db,
          request,
          request.params.id,
          "network:read",
        );
        return sendLogo(reply, organisation, "private, no-cache");
      },
    );

    api.get(
      "/public/directory/:id/logo",
      {
        schema: {
          tags: ["public"],
          summary:
            "A listed organisation's logo, as an image, when it chose to publish it (404 for any other)",
          params: organisationParams,
          response: { 404: errorBody },
        },
      },
      async (request, reply) => {
        const logo = (await readPublicLogos(db))[request.params.id];
        if (!logo) throw new UserError("no published logo", [], 404);
        return sendLogo(reply, logo, "public, max-age=300");
      },
    );
  });
}
