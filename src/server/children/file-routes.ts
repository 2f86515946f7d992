import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  audioParams,
  consultationParams,
  joinAudioParams,
  koboImportOut,
  koboPreviewOut,
  questionnaireImportOut,
} from "../api-schemas/children.ts";
import { errorBody } from "../api-schemas/index.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import { authorize, requireActor } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { consultationAudio } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readUpload, uploadLimits } from "../evidence/read-upload.ts";
import { sanitiseFileName } from "../evidence/sanitise-file-name.ts";
import { discardFile, storeFile } from "../evidence/store-file.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { loadOrganisation, organisationTarget } from "../results/load-plan.ts";
import { checkAudioContent, loadAudio, sendAudio } from "./audio.ts";
import {
  groupRefusals,
  type KoboMapping,
  previewKoboColumns,
  readKoboExport,
  readKoboRows,
} from "./kobo-import.ts";

/** The `mapping` field of a Kobo upload: a JSON object of column → question code (or "" to leave out). */
function mappingOf(field: string | undefined): KoboMapping {
  if (!field?.trim()) return {};
  const parsed = z.record(z.string(), z.string().max(60)).safeParse(
    (() => {
      try {
        return JSON.parse(field);
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success)
    throw new UserError('mapping: a JSON object of column → question code, e.g. {"Q1": "heard"}');
  return parsed.data;
}

import { loadAuthorizedConsultation } from "./load-consultation.ts";
import { consultationTarget, countryInScope, createConsultation } from "./save-consultation.ts";
import { loadSessionByCode, submitAnswers } from "./submit-answers.ts";
import { readConsultationXlsForm, writeConsultationXlsForm } from "./xlsform.ts";

const tags = ["children"];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const uploadErrors = { ...errors, 413: errorBody, 503: errorBody };

/**
 * Files of a consultation: each question's recording (uploaded by designers, played on the
 * child's page), the questionnaire as an XLSForm (export, and import as a new draft), and
 * results collected with KoboToolbox (imported into an open consultation, anonymous).
 */
export async function registerChildrenFileRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: uploadLimits() });
    const api = scope.withTypeProvider<ZodTypeProvider>();
    const inTransaction = <T>(work: (tx: Db) => Promise<T>) =>
      db.transaction((tx) => work(tx as unknown as Db));
    const upload = (request: Parameters<typeof readUpload>[0], what: string) => {
      if (!request.isMultipart())
        throw new UserError(`send ${what} as multipart/form-data with one file field`);
      return readUpload(request, what);
    };

    api.post(
      "/children/consultations/:id/audio",
      {
        schema: {
          tags,
          summary: "Upload the recording of a question (multipart: file); a question then names it by id",
          description:
            "MP3, M4A, OGG, OPUS, WAV or WEBM, checked by content, at most CHILDMARK_MAX_AUDIO_MB (5 MB; 413 above).",
          params: consultationParams,
          response: { 201: z.object({ id: z.uuid(), fileName: z.string() }), ...uploadErrors },
        },
      },
      async (request, reply) => {
        const { consultation, actor } = await loadAuthorizedConsultation(
          db,
          request,
          request.params.id,
          "consultation:design",
        );
        const stored = await withImportSlot(async () => {
          const file = await upload(request, "the recording");
          const fileName = sanitiseFileName(file.fileName || "recording");
          const { mediaType } = await checkAudioContent(file.bytes, fileName);
          return { ...(await storeFile(file.bytes)), fileName, mediaType };
        });
        try {
          const [row] = await db
            .insert(consultationAudio)
            .values({
              consultationId: consultation.id,
              filePath: stored.path,
              fileName: stored.fileName,
              mediaType: stored.mediaType,
              fileSize: stored.size,
              sha256: stored.sha256,
              createdBy: actor.userId,
            })
            .returning({ id: consultationAudio.id });
          return reply.code(201).send({ id: row!.id, fileName: stored.fileName });
        } catch (error) {
          await discardFile(stored.path);
          throw error;
        }
      },
    );

    api.get(
      "/children/consultations/:id/audio/:audioId",
      {
        schema: {
          tags,
          summary: "Play a question's recording (for the consultation's readers)",
          params: audioParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { consultation } = await loadAuthorizedConsultation(
          db,
          request,
          request.params.id,
          "consultation:read",
        );
        return sendAudio(reply, await loadAudio(db, consultation.id, request.params.audioId));
      },
    );

    api.get(
      "/children/join/:code/audio/:audioId",
      {
        schema: {
          tags,
          summary:
            "Play a question's recording on the child's page (by session code, while the consultation is open)",
          params: joinAudioParams,
          response: { 404: errorBody },
        },
      },
      async (request, reply) => {
        const { consultation } = await loadSessionByCode(db, request.params.code);
        // The same rule as the questions: nothing of a consultation before it opens or after it closes.
        if (consultation.status !== "open") throw new UserError("this consultation is not open", [], 404);
        return sendAudio(reply, await loadAudio(db, consultation.id, request.params.audioId));
      },
    );

    api.get(
      "/children/consultations/:id/xlsform",
      {
        schema: {
          tags,
          summary: "The questionnaire as an XLSForm (KoboToolbox, ODK), to run the consultation offline",
          params: consultationParams,
          response: errors,
        },
      },
      async (request, reply) => {
        const { consultation } = await loadAuthorizedConsultation(
          db,
          request,
          request.params.id,
          "consultation:read",
        );
        const formId = `childmark_${consultation.id.slice(0, 8)}`;
        const bytes = await writeConsultationXlsForm(consultation.definition, formId);
        return reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", `attachment; filename="${formId}-xlsform.xlsx"`)
          .header("cache-control", "no-store")
          .send(bytes as never);
      },
    );

    api.post(
      "/children/consultations/xlsform-imports",
      {
        schema: {
          tags,
          summary:
            "Import a questionnaire from an XLSForm as a new draft consultation (multipart: file, organisationId)",
          description:
            "201 with the new draft and the report of everything not mapped; 400 with every problem by survey row, nothing stored.",
          response: { 201: questionnaireImportOut, ...uploadErrors },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await withImportSlot(async () => {
          const file = await upload(request, "the XLSForm");
          const organisationId = z.uuid().safeParse(file.fields.organisationId);
          if (!organisationId.success) throw new UserError("organisationId: choose the organisation");
          const organisation = await loadOrganisation(db, organisationId.data);
          authorize(request, "consultation:design", organisationTarget(organisation));
          const fileName = sanitiseFileName(file.fileName || "xlsform.xlsx");
          const { definition, report } = await readConsultationXlsForm(file.bytes, fileName);
          const id = await inTransaction(async (tx) => {
            const created = await createConsultation(
              tx,
              { organisationId: organisation.id, definition },
              actor.userId,
              "imported",
            );
            await recordAudit(tx, {
              ...auditActorOf(request),
              action: "children.questionnaire-imported",
              targetType: "consultation",
              targetId: created,
              country: organisation.country,
              region: organisation.region,
              details: { fileName, questions: definition.questions.length, notMapped: report.length },
            });
            return created;
          });
          return { id, questions: definition.questions.length, report };
        });
        return reply.code(201).send(result);
      },
    );

    api.post(
      "/children/consultations/:id/kobo-imports/preview",
      {
        schema: {
          tags,
          summary:
            "The column-mapping step of a Kobo import: each column of the export with the question it is matched to (automatically, or by the optional `mapping` field), a few values, and what an import would refuse. Stores nothing.",
          params: consultationParams,
          response: { 200: koboPreviewOut, ...uploadErrors },
        },
      },
      async (request) => {
        const { consultation } = await loadAuthorizedConsultation(
          db,
          request,
          request.params.id,
          "consultation:design",
        );
        return withImportSlot(async () => {
          const file = await upload(request, "the Kobo export");
          const fileName = sanitiseFileName(file.fileName || "kobo.csv");
          const mapping = mappingOf(file.fields.mapping);
          const preview = await previewKoboColumns(file.bytes, fileName, consultation.definition, mapping);
          const empty = { ready: 0, refusedRows: 0, emptyRows: 0, needConsent: 0, refusals: [] };
          return readKoboRows(file.bytes, fileName, consultation.definition, {
            consultationId: consultation.id,
            today: new Date().toISOString().slice(0, 10),
            mapping,
          }).then(
            (read) => ({
              ...preview,
              ready: read.rows.length,
              refusedRows: new Set(read.problems.map((p) => p.line)).size,
              emptyRows: read.emptyRows,
              needConsent: read.needConsent,
              refusals: groupRefusals(read.problems),
              problems: read.problems.length
                ? [
                    `${fileName}: ${read.problems.length} problem(s) in the answers; nothing would be imported`,
                    ...read.problems.slice(0, 200).map((p) => p.text),
                  ]
                : read.rows.length
                  ? []
                  : [`${fileName}: no row holds an answer`],
            }),
            (error: unknown) => {
              if (!(error instanceof UserError)) throw error;
              return { ...preview, ...empty, problems: [error.message, ...error.problems] };
            },
          );
        });
      },
    );

    api.post(
      "/children/consultations/:id/kobo-imports",
      {
        schema: {
          tags,
          summary:
            "Import children's answers collected with KoboToolbox (multipart: file as Kobo's CSV or XLSX export; country, guardianConsentConfirmed)",
          description:
            "One transaction: every row stored, or none (400 naming each row and column at fault). Columns that are not questions or coarse facts are dropped and listed.",
          params: consultationParams,
          response: { 201: koboImportOut, ...uploadErrors },
        },
      },
      async (request, reply) => {
        const { consultation } = await loadAuthorizedConsultation(
          db,
          request,
          request.params.id,
          "consultation:design",
        );
        if (consultation.status !== "open")
          throw new UserError(
            `status: answers are imported into an open consultation; this one is ${consultation.status}`,
            [],
            409,
          );
        const result = await withImportSlot(async () => {
          const file = await upload(request, "the Kobo export");
          const fileName = sanitiseFileName(file.fileName || "kobo.csv");
          const country = file.fields.country?.trim().toUpperCase() || undefined;
          if (country && !/^[A-Z]{2}$/.test(country))
            throw new UserError("country: a two-letter country code");
          const consented = /^(true|yes|on|1)$/i.test(file.fields.guardianConsentConfirmed ?? "");
          const read = await readKoboExport(file.bytes, fileName, consultation.definition, {
            consultationId: consultation.id,
            today: new Date().toISOString().slice(0, 10),
            mapping: mappingOf(file.fields.mapping),
          });
          const needConsent = read.rows.filter(
            (r) => consultation.definition.ageBands.find((b) => b.code === r.ageBand)?.guardianConsent,
          );
          if (needConsent.length && !consented)
            throw new UserError(
              `guardianConsentConfirmed: ${needConsent.length} row(s) are of an age band that needs guardians' consent; confirm that the facilitators had it`,
            );
          return inTransaction(async (tx) => {
            const countryCode = (await countryInScope(tx, consultation, country)) ?? null;
            let stored = 0;
            for (const row of read.rows) {
              const { submittedOn, ...body } = row;
              const done = await submitAnswers(
                tx,
                { consultation, session: { id: null, countryCode } },
                { ...body, guardianConsentConfirmed: needConsent.includes(row) },
                "kobo",
                submittedOn,
              );
              if (done.stored) stored++;
            }
            await recordAudit(tx, {
              ...auditActorOf(request),
              action: "children.results-imported",
              ...consultationTarget(consultation),
              details: {
                fileName,
                stored,
                already: read.rows.length - stored,
                dropped: read.dropped.map((d) => d.column),
              },
            });
            return {
              stored,
              already: read.rows.length - stored,
              emptyRows: read.emptyRows,
              mapped: read.mapped,
              dropped: read.dropped,
            };
          });
        });
        return reply.code(201).send(result);
      },
    );
  });
}
