import type { evidenceSources } from "../db/schema.ts";
import type { EvidenceOut } from "./schemas.ts";

type EvidenceRow = typeof evidenceSources.$inferSelect;

/** The API shape of one evidence source. */
export function presentEvidence(row: EvidenceRow, indicator: string, createdBy: string | null): EvidenceOut {
  return {
    id: row.id,
    indicator,
    kind: row.kind as EvidenceOut["kind"],
    citation: row.citation,
    url: row.url,
    legalReference: row.legalReference,
    sourceDate: row.sourceDate,
    file: row.filePath
      ? {
          name: row.fileName ?? "file",
          mediaType: row.mediaType ?? "application/octet-stream",
          size: row.fileSize ?? 0,
          sha256: row.sha256 ?? "",
          downloadUrl: `/api/evidence/${row.id}/file`,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    createdBy,
  };
}

/** What answer_history keeps of a source: enough to know what was added or removed, even after it is gone. */
export function evidenceHistoryJson(row: EvidenceRow): { evidence: Record<string, unknown> } {
  return {
    evidence: {
      id: row.id,
      kind: row.kind,
      citation: row.citation,
      url: row.url,
      legalReference: row.legalReference,
      sourceDate: row.sourceDate,
      fileName: row.fileName,
      mediaType: row.mediaType,
      fileSize: row.fileSize,
      sha256: row.sha256,
    },
  };
}
