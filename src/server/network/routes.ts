import multipart from "@fastify/multipart";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../../core/index.ts";
import { errorBody } from "../api-schemas/index.ts";
import {
  applicationBody,
  applicationOut,
  applicationParams,
  areaOut,
  areaParams,
  areasBody,
  decisionBody,
  directoryEntryOut,
  historyOut,
  inviteBody,
  memberImportOut,
  organisationCreateBody,
  organisationOut,
  organisationParams,
  organisationSummaryOut,
  organisationUpdateBody,
  peopleOut,
  personParams,
  roleBody,
  statusBody,
} from "../api-schemas/network.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { membershipApplications } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { maxFileBytes } from "../files/limits.ts";
import { deliverOutbox } from "../mail/send-mail.ts";
import { applyForMembership, decideApplication, listApplications } from "./applications.ts";
import { registerAreaShapeRoutes } from "./area-shape-routes.ts";
import { readAreas, replaceAreas } from "./areas.ts";
import { authorizeCountry } from "./authorize-country.ts";
import { directoryCsv, directoryXlsx, readDirectory } from "./directory.ts";
import { readHistory } from "./history.ts";
import { importMembers } from "./import-members.ts";
import { canOnOrganisation, loadAuthorizedOrganisation, loadNetwork, networkTarget } from "./load-network.ts";
import { registerLogoRoutes } from "./logo-routes.ts";
import { changePersonRole, grantableRoles, invitePerson, listPeople, removePerson } from "./people.ts";
import { canChangeStatus, presentOrganisation, presentSummary } from "./present-organisation.ts";
import { changeStatus, createOrganisation, updateOrganisation } from "./save-organisation.ts";

const tags = ["network"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const created = z.object({ id: z.uuid() });
const versioned = z.object({ version: z.number().int() });
const importFields = z.object({
  dryRun: z.enum(["true", "false"]).default("false"),
  merge: z.enum(["true", "false"]).default("false"),
});

/** Routes of the network: organisations, their people and history, membership applications. */
export async function registerNetworkRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));

  api.get(
    "/network/organisations",
    {
      schema: {
        tags,
        summary:
          "The organisations of the network you may read (your scope), with whether you may manage each",
        response: { 200: z.array(organisationSummaryOut), 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const network = await loadNetwork(db);
      return [...network.rows.values()]
        .filter((row) => canOnOrganisation(actor, "network:read", network, row.id))
        .map((row) => presentSummary(network, row, actor));
    },
  );

  api.post(
    "/network/organisations",
    {
      schema: {
        tags,
        summary: "Add an organisation as a member of a coalition or network you manage",
        body: organisationCreateBody,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const { actor } = await loadAuthorizedOrganisation(
        db,
        request,
        request.body.parentId,
        "network:manage",
        "parentId",
      );
      const id = await inTransaction((tx) => createOrganisation(tx, request.body, actor.userId));
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/network/organisations/:id",
    {
      schema: {
        tags,
        summary: "An organisation: profile, contacts, membership status and dates, its members",
        params: organisationParams,
        response: { 200: organisationOut, ...errors },
      },
    },
    async (request) => {
      const { network, organisation, actor } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        "network:read",
      );
      return presentOrganisation(network, organisation, actor);
    },
  );

  api.put(
    "/network/organisations/:id",
    {
      schema: {
        tags,
        summary:
          "Change an organisation's profile and what the public directory shows of it (409 on a stale version)",
        params: organisationParams,
        body: organisationUpdateBody,
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
      const version = await inTransaction((tx) =>
        updateOrganisation(tx, organisation, request.body, actor.userId),
      );
      return { version };
    },
  );

  api.post(
    "/network/organisations/:id/status",
    {
      schema: {
        tags,
        summary:
          "Change a member's membership (member, suspended, left …), with a reason when suspending or ending it; decided by the coalition it is a member of",
        params: organisationParams,
        body: statusBody,
        response: { 200: versioned, ...errors, 409: errorBody },
      },
    },
    async (request) => {
      const { network, organisation, actor } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        "network:read",
      );
      if (!canChangeStatus(actor, network, organisation)) {
        throw new UserError(
          "only the coalition or network it is a member of decides its membership",
          [],
          403,
        );
      }
      const version = await inTransaction(async (tx) => {
        const next = await changeStatus(tx, organisation, request.body, actor.userId);
        const place = networkTarget(network, organisation.id);
        await recordAudit(tx, {
          action: "network.membership-changed",
          ...auditActorOf(request),
          targetType: "organisation",
          targetId: organisation.id,
          country: place.country ?? null,
          region: place.region ?? null,
          details: {
            name: organisation.name,
            from: organisation.status,
            to: request.body.status,
            reason: request.body.reason,
          },
        });
        return next;
      });
      return { version };
    },
  );

  api.get(
    "/network/organisations/:id/history",
    {
      schema: {
        tags,
        summary: "Every change to an organisation: who, when, before and after, why",
        params: organisationParams,
        response: { 200: z.array(historyOut), ...errors },
      },
    },
    async (request) => {
      const { organisation } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        "network:read",
      );
      return readHistory(db, organisation.id);
    },
  );

  api.get(
    "/network/organisations/:id/people",
    {
      schema: {
        tags,
        summary:
          "The people of an organisation with their roles in it, open invitations, and the roles you may give",
        params: organisationParams,
        response: { 200: peopleOut, ...errors },
      },
    },
    async (request) => {
      const { network, organisation, actor } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        "network:read",
      );
      const people = await listPeople(db, organisation.id);
      return {
        ...people,
        grantableRoles: grantableRoles(actor, organisation.id, networkTarget(network, organisation.id)),
      };
    },
  );

  api.post(
    "/network/organisations/:id/people",
    {
      schema: {
        tags,
        summary: "Invite someone by e-mail into an organisation with a role you may give there",
        params: organisationParams,
        body: inviteBody,
        response: { 201: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request, reply) => {
      const { network, organisation, actor } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        "network:manage",
      );
      const target = networkTarget(network, organisation.id);
      const id = await inTransaction(async (tx) => {
        const messageId = await invitePerson(tx, actor, organisation, target, request.body);
        await recordAudit(tx, {
          action: "user.invited",
          ...auditActorOf(request),
          targetType: "invitation",
          targetId: request.body.email,
          country: target.country ?? null,
          region: target.region ?? null,
          details: { email: request.body.email, organisation: organisation.name, role: request.body.role },
        });
        return messageId;
      });
      await deliverOutbox(db, [id]);
      return reply.code(201).send({ ok: true as const });
    },
  );

  api.put(
    "/network/organisations/:id/people/:userId",
    {
      schema: {
        tags,
        summary: "Give a person of the organisation another role in it",
        params: personParams,
        body: roleBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { network, organisation, actor } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        "network:manage",
      );
      const target = networkTarget(network, organisation.id);
      await inTransaction((tx) =>
        changePersonRole(tx, actor, organisation, target, request.params.userId, request.body.role),
      );
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/network/organisations/:id/people/:userId",
    {
      schema: {
        tags,
        summary:
          "Take a person out of an organisation (their roles in it end); anyone may leave by themselves",
        params: personParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const leaving = request.params.userId === actor.userId;
      const { network, organisation } = await loadAuthorizedOrganisation(
        db,
        request,
        request.params.id,
        leaving ? "network:read" : "network:manage",
      ).catch(async (error) => {
        // Leaving needs no right over the organisation: only that one belongs to it.
        if (!leaving) throw error;
        const network = await loadNetwork(db);
        const organisation = network.rows.get(request.params.id);
        if (!organisation) throw error;
        return { network, organisation };
      });
      const target = networkTarget(network, organisation.id);
      await inTransaction((tx) => removePerson(tx, actor, organisation, target, request.params.userId, null));
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/network/applications",
    {
      schema: {
        tags,
        summary: "Apply for an organisation to join a coalition (or the network); its coordinators are told",
        body: applicationBody,
        response: { 201: created, 400: errorBody, 401: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const network = await loadNetwork(db);
      const { id, outbox } = await inTransaction((tx) =>
        applyForMembership(tx, network, actor, request.body),
      );
      await deliverOutbox(db, outbox);
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/network/applications",
    {
      schema: {
        tags,
        summary: "Membership applications you may decide, and those you filed",
        response: { 200: z.array(applicationOut), 401: errorBody },
      },
    },
    async (request) => listApplications(db, await loadNetwork(db), requireActor(request)),
  );

  api.post(
    "/network/applications/:id/decision",
    {
      schema: {
        tags,
        summary: "Approve a membership application, or refuse it with a reason; the applicant is told",
        params: applicationParams,
        body: decisionBody,
        response: { 200: z.object({ organisationId: z.uuid().nullable() }), ...errors, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [application] = await db
        .select()
        .from(membershipApplications)
        .where(eq(membershipApplications.id, request.params.id));
      const network = await loadNetwork(db);
      if (!application || !can(actor, "network:manage", networkTarget(network, application.parentId))) {
        throw new UserError(`no application ${request.params.id}`, [], 404);
      }
      const parentName = network.rows.get(application.parentId)?.name ?? "";
      const outbox = await inTransaction(async (tx) => {
        const ids = await decideApplication(tx, application, parentName, actor, request.body);
        const place = networkTarget(network, application.parentId);
        await recordAudit(tx, {
          action: "network.membership-changed",
          ...auditActorOf(request),
          targetType: "application",
          targetId: application.id,
          country: place.country ?? null,
          region: place.region ?? null,
          details: { name: application.name, decision: request.body.decision, reason: request.body.reason },
        });
        return ids;
      });
      await deliverOutbox(db, outbox);
      const [decided] = await db
        .select({ organisationId: membershipApplications.organisationId })
        .from(membershipApplications)
        .where(eq(membershipApplications.id, application.id));
      return { organisationId: decided?.organisationId ?? null };
    },
  );

  api.get(
    "/network/areas/:country",
    {
      schema: {
        tags,
        summary:
          "A country's areas below the country (regions, districts …), depth first, each with its level and parent",
        params: areaParams,
        response: { 200: z.array(areaOut), 400: errorBody, 404: errorBody },
      },
    },
    async (request) => readAreas(db, request.params.country),
  );

  api.put(
    "/network/areas/:country",
    {
      schema: {
        tags,
        summary:
          "Replace a country's areas with a tree sent as a list (code, parent, name); all problems named, nothing half-changed",
        params: areaParams,
        body: areasBody,
        response: { 200: z.object({ count: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      await authorizeCountry(db, request, request.params.country, "network:manage");
      const count = await inTransaction((tx) => replaceAreas(tx, request.params.country, request.body.areas));
      return { count };
    },
  );

  api.get(
    "/public/directory",
    {
      schema: {
        tags: ["public"],
        summary:
          "The public member directory: organisations that chose to be listed, with only what they chose to publish",
        response: { 200: z.array(directoryEntryOut) },
      },
    },
    async () => readDirectory(db),
  );

  api.get(
    "/public/directory.csv",
    {
      schema: { tags: ["public"], summary: "The public member directory as CSV" },
    },
    async (_request, reply) => {
      reply.header("content-type", "text/csv; charset=utf-8");
      reply.header("content-disposition", 'attachment; filename="directory.csv"');
      return directoryCsv(await readDirectory(db));
    },
  );

  api.get(
    "/public/directory.xlsx",
    {
      schema: {
        tags: ["public"],
        summary: "The public member directory as an XLSX workbook (the CSV's columns)",
      },
    },
    async (_request, reply) => {
      reply.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      reply.header("content-disposition", 'attachment; filename="directory.xlsx"');
      return directoryXlsx(await readDirectory(db));
    },
  );

  await registerLogoRoutes(app, db);
  await registerAreaShapeRoutes(app, db);

  // Importing a coalition's members from a table: multipart (file, dryRun, merge), in its own
  // scope for the upload limits; the file is read through the guarded table reader.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxFileBytes(), files: 1, fields: 3, fieldSize: 100, parts: 4 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/network/organisations/:id/member-imports",
      {
        schema: {
          tags,
          summary:
            "Import the member organisations of a coalition you manage from a CSV or XLSX table (multipart: file, dryRun, merge)",
          description:
            "Columns: name (required), kind, country, name_fr/name_ar…, description, themes (;), crc_articles, website, contact_email, contact_phone, listed, publishes_contacts, joined_on. dryRun=true: 200 with each row's action (add or update) and every problem by row and column, nothing written. Otherwise 200 with what was written, or 400 naming every problem and nothing written; a row naming an existing member updates it only with merge=true.",
          params: organisationParams,
          response: { 200: memberImportOut, ...errors, 409: errorBody },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const network = await loadNetwork(db);
        const parent = network.rows.get(request.params.id);
        if (!parent) throw new UserError(`no organisation ${request.params.id}`, [], 404);
        if (!canOnOrganisation(actor, "network:manage", network, parent.id))
          throw new UserError("you may not import the members of this organisation", [], 403);
        if (!request.isMultipart())
          throw new UserError("send the file as multipart/form-data (fields file, dryRun, merge)");
        return withImportSlot(async () => {
          const file = await readUpload(request, "the member list");
          const fields = importFields.safeParse(file.fields);
          if (!fields.success) throw new UserError("dryRun, merge: use true or false");
          return importMembers(db, {
            network,
            parent,
            bytes: file.bytes,
            fileName: file.fileName,
            dryRun: fields.data.dryRun === "true",
            merge: fields.data.merge === "true",
            actorId: actor.userId,
            audit: auditActorOf(request),
          });
        });
      },
    );
  });
}
