import { randomUUID } from "node:crypto";
import multipart from "@fastify/multipart";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody } from "../api-schemas/index.ts";
import {
  followBody,
  groupBody,
  groupFileParams,
  groupMemberBody,
  groupMemberParams,
  groupOut,
  groupParams,
  groupSummaryOut,
  meetingBody,
  reviewRightBody,
  reviewRightParams,
  reviewRightsOut,
} from "../api-schemas/network.ts";
import { requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { workingGroupDocuments } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { checkFileContent } from "../evidence/check-file-content.ts";
import { downloadEvidence } from "../evidence/download-evidence.ts";
import { readUpload, uploadLimits } from "../evidence/read-upload.ts";
import { sanitiseFileName } from "../evidence/sanitise-file-name.ts";
import { discardFile, storeFile } from "../evidence/store-file.ts";
import { withImportSlot } from "../files/import-slots.ts";
import {
  addGroupMember,
  addMeeting,
  createGroup,
  followItem,
  groupTarget,
  listGroups,
  loadAuthorizedGroup,
  readGroup,
  removeGroupMember,
} from "./groups.ts";
import { loadAuthorizedOrganisation, loadNetwork } from "./load-network.ts";
import {
  changeReview,
  grantReview,
  mayGrantReview,
  readReviewRights,
  revokeReview,
} from "./review-rights.ts";

const tags = ["network"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const uploadErrors = { ...errors, 413: errorBody, 503: errorBody };
const created = z.object({ id: z.uuid() });

/** Routes of working groups: the group, its members, documents (versioned uploads), meetings and followed items. */
export async function registerGroupRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction((tx) => work(tx as unknown as Db));
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: uploadLimits() });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      "/network/groups",
      {
        schema: {
          tags,
          summary: "The working groups you may read",
          response: { 200: z.array(groupSummaryOut), 401: errorBody },
        },
      },
      async (request) => listGroups(db, await loadNetwork(db), requireActor(request)),
    );

    api.post(
      "/network/groups",
      {
        schema: {
          tags,
          summary: "Create a working group of an organisation you manage; you become its lead",
          body: groupBody,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        const { network, actor } = await loadAuthorizedOrganisation(
          db,
          request,
          request.body.organisationId,
          "group:manage",
          "organisationId",
        );
        const id = await inTransaction((tx) => createGroup(tx, network, request.body, actor.userId));
        return reply.code(201).send({ id });
      },
    );

    api.get(
      "/network/groups/:id",
      {
        schema: {
          tags,
          summary:
            "A working group's space: members and lead, organisations, documents and their versions, meetings, followed items",
          params: groupParams,
          response: { 200: groupOut, ...errors },
        },
      },
      async (request) => {
        const { group, network, actor } = await loadAuthorizedGroup(
          db,
          request,
          request.params.id,
          "group:read",
        );
        return readGroup(db, network, group, actor);
      },
    );

    api.post(
      "/network/groups/:id/members",
      {
        schema: {
          tags,
          summary:
            "Add a person (by the e-mail of their account) to a working group, as a member or its lead",
          params: groupParams,
          body: groupMemberBody,
          response: { 201: z.object({ userId: z.uuid() }), ...errors },
        },
      },
      async (request, reply) => {
        const { group } = await loadAuthorizedGroup(db, request, request.params.id, "group:manage");
        const userId = await inTransaction((tx) => addGroupMember(tx, group.id, request.body));
        return reply.code(201).send({ userId });
      },
    );

    api.delete(
      "/network/groups/:id/members/:userId",
      {
        schema: {
          tags,
          summary: "Take a person out of a working group",
          params: groupMemberParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { group } = await loadAuthorizedGroup(db, request, request.params.id, "group:manage");
        await inTransaction((tx) => removeGroupMember(tx, group.id, request.params.userId));
        return reply.code(204).send(null);
      },
    );

    api.post(
      "/network/groups/:id/documents",
      {
        schema: {
          tags,
          summary: "Upload a document to a working group, or a new version of one (field documentId)",
          description:
            "multipart/form-data: `title` and one file (at most 20 MB: PDF, DOCX, XLSX, PNG, JPEG, GIF or WEBP, checked by content); `documentId` to add a version of an existing document.",
          params: groupParams,
          response: {
            201: z.object({ documentId: z.uuid(), fileId: z.uuid(), version: z.number().int() }),
            ...uploadErrors,
          },
        },
      },
      async (request, reply) => {
        const { group, actor } = await loadAuthorizedGroup(db, request, request.params.id, "group:write");
        const stored = await withImportSlot(async () => {
          const upload = await readUpload(request);
          const fileName = sanitiseFileName(upload.fileName);
          const { mediaType } = await checkFileContent(upload.bytes, fileName);
          return { ...(await storeFile(upload.bytes)), fileName, mediaType, fields: upload.fields };
        });
        try {
          const result = await inTransaction(async (tx) => {
            if (stored.fields.documentId && !z.uuid().safeParse(stored.fields.documentId).success) {
              throw new UserError("documentId: not a document id", ["documentId: invalid"]);
            }
            const documentId = stored.fields.documentId || randomUUID();
            const [latest] = await tx
              .select({
                version: sql<number>`max(${workingGroupDocuments.version})::int`,
                title: sql<string>`max(${workingGroupDocuments.title})`,
              })
              .from(workingGroupDocuments)
              .where(
                and(
                  eq(workingGroupDocuments.groupId, group.id),
                  eq(workingGroupDocuments.documentId, documentId),
                ),
              );
            if (stored.fields.documentId && !latest?.version) {
              throw new UserError(`documentId: no document ${documentId} in this group`, [
                "documentId: unknown document",
              ]);
            }
            const title = (stored.fields.title ?? "").trim() || latest?.title || stored.fileName;
            const version = (latest?.version ?? 0) + 1;
            const [row] = await tx
              .insert(workingGroupDocuments)
              .values({
                groupId: group.id,
                documentId,
                version,
                title: title.slice(0, 200),
                filePath: stored.path,
                fileName: stored.fileName,
                mediaType: stored.mediaType,
                fileSize: stored.size,
                sha256: stored.sha256,
                uploadedBy: actor.userId,
              })
              .returning({ id: workingGroupDocuments.id });
            return { documentId, fileId: row!.id, version };
          });
          return reply.code(201).send(result);
        } catch (error) {
          await discardFile(stored.path);
          throw error;
        }
      },
    );

    api.get(
      "/network/groups/:id/files/:fileId",
      {
        schema: {
          tags,
          summary: "Download one version of a working group's document (always as an attachment)",
          params: groupFileParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { group } = await loadAuthorizedGroup(db, request, request.params.id, "group:read");
        const [file] = await db
          .select()
          .from(workingGroupDocuments)
          .where(
            and(
              eq(workingGroupDocuments.id, request.params.fileId),
              eq(workingGroupDocuments.groupId, group.id),
            ),
          );
        if (!file) throw new UserError(`no file ${request.params.fileId} in this group`, [], 404);
        return downloadEvidence(reply, file);
      },
    );

    api.post(
      "/network/groups/:id/meetings",
      {
        schema: {
          tags,
          summary: "Record a working group's meeting with its notes and decisions",
          params: groupParams,
          body: meetingBody,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        const { group, actor } = await loadAuthorizedGroup(db, request, request.params.id, "group:write");
        const id = await inTransaction((tx) => addMeeting(tx, group.id, request.body, actor.userId));
        return reply.code(201).send({ id });
      },
    );

    api.post(
      "/network/groups/:id/follows",
      {
        schema: {
          tags,
          summary: "Follow a UN recommendation (id), a framework indicator (code) or a plan's indicator (id)",
          params: groupParams,
          body: followBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { group, actor } = await loadAuthorizedGroup(db, request, request.params.id, "group:write");
        await inTransaction((tx) => followItem(tx, actor, group.id, request.body));
        return reply.code(204).send(null);
      },
    );

    /** The group if the caller may give it review rights (see `mayGrantReview`); 403 otherwise. */
    const loadGrantingGroup = async (request: Parameters<typeof requireActor>[0], id: string) => {
      const loaded = await loadAuthorizedGroup(db, request, id, "group:manage");
      const target = groupTarget(loaded.network, loaded.group);
      if (!mayGrantReview(loaded.actor, target))
        throw new UserError(
          "only a coordinator of the group's organisation, country or region gives it review rights",
          [],
          403,
        );
      return { ...loaded, target };
    };

    api.get(
      "/network/groups/:id/review-rights",
      {
        schema: {
          tags,
          summary:
            "A working group's review rights (sections of a framework, recommendations by theme or by id) and their history",
          params: groupParams,
          response: { 200: reviewRightsOut, ...errors },
        },
      },
      async (request) => {
        const { group, network, actor } = await loadAuthorizedGroup(
          db,
          request,
          request.params.id,
          "group:read",
        );
        const canManage = mayGrantReview(actor, groupTarget(network, group));
        return { ...(await readReviewRights(db, group.id)), canManage };
      },
    );

    api.post(
      "/network/groups/:id/review-rights",
      {
        schema: {
          tags,
          summary:
            "Give a working group review rights over sections of a framework and/or recommendations, in a country or the region",
          description:
            "Its members may then approve, return and comment on the answers of those sections in the assessments of that place, see them in their review queue, and read and record the coalition's view of the tracking of the matching recommendations; nothing else.",
          params: groupParams,
          body: reviewRightBody,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        const { group, target, actor } = await loadGrantingGroup(request, request.params.id);
        const id = await inTransaction((tx) => grantReview(tx, group.id, target, request.body, actor.userId));
        return reply.code(201).send({ id });
      },
    );

    api.put(
      "/network/groups/:id/review-rights/:rightId",
      {
        schema: {
          tags,
          summary: "Change a working group's review right",
          params: reviewRightParams,
          body: reviewRightBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { group, target, actor } = await loadGrantingGroup(request, request.params.id);
        await inTransaction((tx) =>
          changeReview(tx, group.id, request.params.rightId, target, request.body, actor.userId),
        );
        return reply.code(204).send(null);
      },
    );

    api.delete(
      "/network/groups/:id/review-rights/:rightId",
      {
        schema: {
          tags,
          summary: "Revoke a working group's review right (kept in its history)",
          params: reviewRightParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { group, actor } = await loadGrantingGroup(request, request.params.id);
        await inTransaction((tx) => revokeReview(tx, group.id, request.params.rightId, actor.userId));
        return reply.code(204).send(null);
      },
    );
  });
}
