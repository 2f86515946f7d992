import { useId, useState } from "react";
import { z } from "zod";
import { MECHANISMS } from "../../core/index.ts";
import {
  type ImportPreview,
  type ImportSummaryOut,
  importPreview,
  importRecord,
  importSummary,
  mappingOut,
  PRESETS,
  type PresetName,
} from "../../server/api-schemas/recommendations.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { ScrollRegion } from "../components/scroll-region.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { formatDateTime } from "../review/format.ts";
import { uploadFile } from "../review/upload-file.ts";
import { ColumnMapping } from "./column-mapping.tsx";
import { ImportFailure, ImportResult } from "./import-result.tsx";
import { RecommendationsFrame } from "./page-frame.tsx";

const mappingList = z.array(mappingOut);
const importList = z.array(importRecord);

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "importing" }
  | { kind: "done"; summary: ImportSummaryOut }
  | { kind: "failed"; error: string; details: string[] };

/** The server's refusal of an upload: its message and per-row details. */
function refusal(body: unknown, status: number): { error: string; details: string[] } {
  const b = body as { error?: string; details?: string[] } | null;
  return { error: b?.error ?? `HTTP ${status}`, details: b?.details ?? [] };
}

/** A progress bar for the upload, then an indeterminate one while the server checks and stores. */
function Progress({ phase }: { phase: Phase }) {
  const { t } = useLanguage();
  if (phase.kind !== "uploading" && phase.kind !== "importing") return null;
  const percent = phase.kind === "uploading" ? phase.percent : undefined;
  return (
    <div className="rc-progress">
      <progress aria-label={t("rcImportProgress")} max={100} value={percent} />
      <p>{percent !== undefined ? t("rcUploading", { percent }) : t("rcImporting")}</p>
    </div>
  );
}

/** Past imports, newest first. */
function RecentImports({ reloadKey }: { reloadKey: number }) {
  const { t, lang } = useLanguage();
  const list = useApi(`/api/recommendations/imports?v=${reloadKey}`, importList);
  if (list.status !== "ok") return null;
  return (
    <section className="section rc-panel">
      <h2>{t("rcRecentImports")}</h2>
      {list.data.length === 0 ? (
        <p className="muted">{t("rcNoImports")}</p>
      ) : (
        <ScrollRegion label={t("rcRecentImports")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("rcFile")}</th>
                <th scope="col">{t("rcPreset")}</th>
                <th scope="col" className="num">
                  {t("rcRowsRead")}
                </th>
                <th scope="col" className="num">
                  {t("rcAdded")}
                </th>
                <th scope="col" className="num">
                  {t("rcDuplicatesInFile")}
                </th>
                <th scope="col">{t("rcImportedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td dir="auto">{r.fileName}</td>
                  <td>{r.mappingName ? `${r.preset} · ${r.mappingName}` : r.preset}</td>
                  <td className="num">{r.rowsRead}</td>
                  <td className="num">{r.added}</td>
                  <td className="num">{r.duplicates}</td>
                  <td>{formatDateTime(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/**
 * /recommendations/import — a CSV or XLSX file is read as soon as it is chosen: a preview of its
 * first rows shows the field each column was matched to by name. With a built-in layout it imports
 * as is; with any other file the person changes any column's field, picks the mechanism when no
 * column gives it, and imports (saving the mapping by name is optional). Then the result, or the
 * problems grouped by kind.
 */
export function RecommendationImportPage() {
  const { t } = useLanguage();
  const { user, may } = useSession();
  const id = useId();
  const allowed = may("recommendation:import");
  const saved = useApi(allowed ? "/api/recommendations/mappings" : null, mappingList);
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState<PresetName>("generic");
  const [state, setState] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mappingName, setMappingName] = useState("");
  const [mechanism, setMechanism] = useState("upr");
  const [mappingNote, setMappingNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [imports, setImports] = useState(0);
  const csrf = user?.csrfToken ?? "";
  const busy = phase.kind === "uploading" || phase.kind === "importing";
  const columns = Object.fromEntries(Object.entries(mapping).filter(([, f]) => f));
  const hasText = Object.values(columns).includes("text");
  const hasMechanism = Object.values(columns).includes("mechanism");

  async function readColumns(chosen: File | null = file) {
    if (!chosen) return;
    setPhase({ kind: "uploading", percent: 0 });
    const result = await uploadFile("/api/recommendations/imports/preview", chosen, csrf, (percent) =>
      setPhase(percent < 100 ? { kind: "uploading", percent } : { kind: "importing" }),
    ).catch((e: Error) => ({ status: 0, body: { error: e.message } }));
    const parsed = importPreview.safeParse(result.body);
    if (result.status !== 200 || !parsed.success)
      return setPhase({ kind: "failed", ...refusal(result.body, result.status) });
    setPreview(parsed.data);
    setMapping(parsed.data.mapping);
    setPhase({ kind: "idle" });
  }

  async function saveMapping(): Promise<boolean> {
    setMappingNote(null);
    try {
      await sendApi(
        "PUT",
        `/api/recommendations/mappings/${encodeURIComponent(mappingName.trim())}`,
        { columns },
        mappingOut,
      );
      setMappingNote({ ok: true, text: t("rcMappingSaved", { name: mappingName.trim() }) });
      saved.reload();
      return true;
    } catch (error) {
      setMappingNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  async function runImport() {
    if (!file) return;
    if (preset === "generic" && mappingName.trim() && !(await saveMapping())) return;
    const fields: Record<string, string> = { preset };
    if (preset === "generic") {
      fields.columns = JSON.stringify(columns);
      if (mappingName.trim()) fields.mapping = mappingName.trim();
      if (!hasMechanism) fields.mechanism = mechanism;
    }
    if (state.trim()) fields.state = state.trim();
    setPhase({ kind: "uploading", percent: 0 });
    const result = await uploadFile(
      "/api/recommendations/imports",
      file,
      csrf,
      (percent) => setPhase(percent < 100 ? { kind: "uploading", percent } : { kind: "importing" }),
      fields,
    ).catch((e: Error) => ({ status: 0, body: { error: e.message } }));
    const parsed = importSummary.safeParse(result.body);
    if (result.status !== 201 || !parsed.success)
      return setPhase({ kind: "failed", ...refusal(result.body, result.status) });
    setPhase({ kind: "done", summary: parsed.data });
    setImports((n) => n + 1);
  }

  const canImport = !!file && !busy && (preset !== "generic" || (!!preview && hasText));

  return (
    <RecommendationsFrame title={t("rcImportTitle")} current="import" lead={t("rcImportLead")}>
      {!allowed ? (
        <p className="rv-notice">{t("rcImportNotAllowed")}</p>
      ) : (
        <>
          <form
            className="rv-form rc-import-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!preview) void readColumns();
              else void runImport();
            }}
          >
            <div className="rv-field">
              <label htmlFor={`${id}-file`}>{t("rcFile")}</label>
              <input
                id={`${id}-file`}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const chosen = e.target.files?.[0] ?? null;
                  setFile(chosen);
                  setPreview(null);
                  setPhase({ kind: "idle" });
                  // Read the columns at once: the preview shows how they were matched.
                  if (chosen) void readColumns(chosen);
                }}
              />
            </div>
            <div className="rc-inline">
              <div className="rv-field">
                <label htmlFor={`${id}-preset`}>{t("rcPreset")}</label>
                <select
                  id={`${id}-preset`}
                  value={preset}
                  onChange={(e) => setPreset(e.target.value as PresetName)}
                >
                  {PRESETS.map((p) => (
                    <option key={p} value={p}>
                      {t(`rcPreset_${p.replace("-", "_")}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="rv-field">
                <label htmlFor={`${id}-state`}>{t("rcStateField")}</label>
                <input
                  id={`${id}-state`}
                  value={state}
                  onChange={(e) => setState(e.target.value)}
                  dir="auto"
                />
              </div>
            </div>
            {!preview && (
              <button type="submit" className="button button--primary" disabled={!file || busy}>
                {busy ? t("rcReading") : t("rcReadColumns")}
              </button>
            )}
            {preset !== "generic" && preview && (
              <button type="submit" className="button button--primary" disabled={!canImport}>
                {t("rcImport")}
              </button>
            )}
          </form>
          {preview && preset !== "generic" && (
            <ColumnMapping
              preview={preview}
              mapping={preview.mapping}
              onChange={() => {}}
              saved={[]}
              onLoad={() => {}}
              editable={false}
            />
          )}
          {preset === "generic" && preview && (
            <>
              <ColumnMapping
                editable
                preview={preview}
                mapping={mapping}
                onChange={setMapping}
                saved={saved.status === "ok" ? saved.data : []}
                onLoad={(name) => {
                  const found = saved.status === "ok" ? saved.data.find((m) => m.name === name) : undefined;
                  if (!found) return;
                  setMapping(Object.fromEntries(preview.columns.map((c) => [c, found.columns[c] ?? ""])));
                  setMappingName(found.name);
                }}
              />
              <form
                className="rv-form rc-import-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void runImport();
                }}
              >
                {!hasMechanism && (
                  <div className="rv-field rc-narrow">
                    <label htmlFor={`${id}-mechanism`}>{t("rcDefaultMechanism")}</label>
                    <select
                      id={`${id}-mechanism`}
                      value={mechanism}
                      onChange={(e) => setMechanism(e.target.value)}
                    >
                      {MECHANISMS.map((m) => (
                        <option key={m} value={m}>
                          {t(`rcMechanism_${m}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="rc-inline">
                  <div className="rv-field">
                    <label htmlFor={`${id}-mapping-name`}>{t("rcMappingName")}</label>
                    <input
                      id={`${id}-mapping-name`}
                      value={mappingName}
                      maxLength={100}
                      onChange={(e) => setMappingName(e.target.value)}
                      aria-describedby={`${id}-mapping-hint`}
                      dir="auto"
                    />
                  </div>
                  <button
                    type="button"
                    className="button"
                    disabled={!hasText || !mappingName.trim()}
                    onClick={() => void saveMapping()}
                  >
                    {t("rcSaveMapping")}
                  </button>
                  <button type="submit" className="button button--primary" disabled={!canImport}>
                    {t("rcImport")}
                  </button>
                </div>
                <p className="rv-hint" id={`${id}-mapping-hint`}>
                  {!hasText ? t("rcNeedText") : t("rcMappingOptional")}
                </p>
                <div role="status" className="rv-live">
                  {mappingNote && (
                    <p className={mappingNote.ok ? "rv-notice" : "rv-notice rv-notice--error"}>
                      {mappingNote.text}
                    </p>
                  )}
                </div>
              </form>
            </>
          )}
          <div role="status" className="rc-import-status">
            <Progress phase={phase} />
            {phase.kind === "done" && <ImportResult summary={phase.summary} />}
          </div>
          {phase.kind === "failed" && <ImportFailure error={phase.error} details={phase.details} />}
          <RecentImports reloadKey={imports} />
        </>
      )}
    </RecommendationsFrame>
  );
}
