import multipart from "@fastify/multipart";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Framework } from "../../core/index.ts";
import { frameworkCheck, importedFramework } from "../api-schemas/framework-files.ts";
import { errorBody, frameworkParams } from "../api-schemas/index.ts";
import { auditActorOf } from "../audit/record-audit.ts";
import { authorize } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { frameworks, frameworkVersions } from "../db/schema.ts";
import { UserError } from "../errors.ts";
import { readUpload } from "../evidence/read-upload.ts";
import { workbookUploadLimits } from "../exchange/read-workbook-upload.ts";
import { withImportSlot } from "../files/import-slots.ts";
import { safeFileName } from "../recommendations/preview-table.ts";
import {
  checkFrameworkBytes,
  type FrameworkFileCheck,
  problemLines,
  reportHeading,
  reportLine,
  summariseFramework,
} from "./check-framework-file.ts";
import { findFrameworkVersion } from "./find-framework.ts";
import { importFramework } from "./import-framework.ts";
import { writeFrameworkXlsForm, xlsFormName } from "./xlsx/write-xlsform.ts";

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody, 503: errorBody };
const PREVIEWED_INDICATORS = 50;

async function versionExists(db: Db, fw: Framework): Promise<boolean> {
  const [row] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(eq(frameworks.code, fw.code), eq(frameworkVersions.version, fw.version)));
  return Boolean(row);
}

/** The tree's nodes below the root, depth first, with how many indicators each holds (deep). */
function previewSections(fw: Framework) {
  const text = (t: Record<string, string>) => t[fw.defaultLanguage] ?? Object.values(t)[0] ?? "";
  const children = new Map<string | null, Framework["nodes"]>();
  for (const n of fw.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const direct = new Map<string, number>();
  for (const i of fw.indicators) direct.set(i.node, (direct.get(i.node) ?? 0) + 1);
  const deep = (code: string): number =>
    (direct.get(code) ?? 0) + (children.get(code) ?? []).reduce((s, c) => s + deep(c.code), 0);
  const out: { code: string; label: string; depth: number; indicators: number }[] = [];
  const walk = (parent: string, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      out.push({ code: n.code, label: text(n.label), depth, indicators: deep(n.code) });
      walk(n.code, depth + 1);
    }
  };
  for (const root of children.get(null) ?? []) walk(root.code, 0);
  return { sections: out, text };
}

async function presentCheck(
  db: Db,
  fileName: string,
  check: FrameworkFileCheck,
): Promise<z.infer<typeof frameworkCheck>> {
  const fw = check.framework;
  let preview: z.infer<typeof frameworkCheck>["preview"] = null;
  if (fw) {
    const { sections, text } = previewSections(fw);
    preview = {
      code: fw.code,
      version: fw.version,
      title: text(fw.title),
      defaultLanguage: fw.defaultLanguage,
      languages: fw.languages,
      versionExists: await versionExists(db, fw),
      sections,
      indicators: fw.indicators
        .slice(0, PREVIEWED_INDICATORS)
        .map((i) => ({ code: i.code, node: i.node, type: i.type, text: text(i.text) })),
      indicatorCount: fw.indicators.length,
    };
  }
  return {
    fileName,
    valid: Boolean(fw),
    summary: fw ? summariseFramework(fw) : null,
    problems: problemLines(check),
    reportHeading: check.report.length ? reportHeading(check.report) : null,
    report: check.report.map(reportLine),
    preview,
  };
}

/**
 * Framework files in the web app: check and preview an upload, import it (the same check and
 * messages as `childmark framework validate|import`), and export a version as an XLSForm.
 */
export function registerFrameworkFileRoutes(app: FastifyInstance, db: Db): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: workbookUploadLimits() });
    registerRoutes(scope, db);
  });
}

function registerRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["frameworks"];

  const readChecked = async (request: Parameters<typeof readUpload>[0]) => {
    if (!request.isMultipart())
      throw new UserError("send the framework as multipart/form-data with one file field");
    const upload = await readUpload(request, "the framework file");
    const fileName = safeFileName(upload.fileName || "framework");
    return { fileName, check: await checkFrameworkBytes(upload.bytes, fileName) };
  };

  api.post(
    "/frameworks/checks",
    {
      schema: {
        tags,
        summary:
          "Check and preview a framework file (.json, .xlsx template or XLSForm; multipart: file); nothing is stored",
        description:
          "200 with every problem located, the XLSForm import report and a preview of the tree when valid: the same lines as `childmark framework validate`.",
        response: { 200: frameworkCheck, ...errors },
      },
    },
    async (request) => {
      authorize(request, "framework:manage");
      return withImportSlot(async () => {
        const { fileName, check } = await readChecked(request);
        return presentCheck(db, fileName, check);
      });
    },
  );

  api.post(
    "/frameworks/imports",
    {
      schema: {
        tags,
        summary: "Import a framework file as a new framework version (multipart: file)",
        description:
          "201 with the new version; 400 listing every problem (as `childmark framework import` does) and nothing stored; a code and version that exist already are refused.",
        response: { 201: importedFramework, ...errors },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, "framework:manage");
      const imported = await withImportSlot(async () => {
        const { fileName, check } = await readChecked(request);
        const fw = check.framework;
        if (!fw)
          throw new UserError(
            `${fileName} is not a valid framework (${check.issues.length} problem(s))`,
            problemLines(check),
          );
        const stored = await importFramework(db, fw, actor.userId, auditActorOf(request));
        return {
          versionId: stored.versionId,
          code: fw.code,
          version: fw.version,
          summary: summariseFramework(fw),
        };
      });
      request.log.info({ framework: imported.code, version: imported.version }, "framework imported");
      return reply.code(201).send(imported);
    },
  );

  api.get(
    "/frameworks/:id/xlsform",
    {
      schema: {
        tags,
        summary:
          "A framework version as an XLSForm (survey, choices, settings) for offline collection in KoboToolbox or ODK",
        params: frameworkParams,
        response: { 200: z.any().describe("The XLSX file"), 404: errorBody },
      },
    },
    async (request, reply) => {
      const { definition } = await findFrameworkVersion(db, request.params.id);
      const body = await writeFrameworkXlsForm(definition);
      const name = `${xlsFormName(definition.code)}-${definition.version.replace(/[^\w.-]+/g, "_")}-xlsform.xlsx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(body);
    },
  );
}
