import { useId, useState } from "react";
import { z } from "zod";
import { type ResultFileOut, resultFileOut } from "../../../server/api-schemas/evaluations.ts";
import { sendApi } from "../../api/send-api.ts";
import { useApi } from "../../api/use-api.ts";
import { useSession } from "../../auth/session.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { refusalOf, uploadFile } from "../../review/upload-file.ts";

export const resultFileList = z.array(resultFileOut);

/** The evidence files of a plan's findings and outcomes, read once per section. */
export function usePlanFiles(planId: string) {
  return useApi(`/api/results/plans/${planId}/files`, resultFileList);
}

/**
 * The files of one finding or outcome: download links for readers; for editors, a file
 * input that uploads at once (checked by the server like answer evidence) and remove buttons.
 */
export function AttachedFiles({
  planId,
  files,
  uploadUrl,
  canEdit,
  onChanged,
}: {
  planId: string;
  files: ResultFileOut[];
  uploadUrl: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const { user } = useSession();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    const result = await uploadFile(uploadUrl, file, user?.csrfToken ?? "", () => {});
    setBusy(false);
    if (result.status === 201) onChanged();
    else setError(refusalOf(result));
  };
  const remove = (fileId: string) =>
    sendApi("DELETE", `/api/results/plans/${planId}/files/${fileId}`, undefined, z.null()).then(
      onChanged,
      (e: Error) => setError(e.message),
    );
  if (files.length === 0 && !canEdit) return null;
  return (
    <div className="ev-files">
      {files.length > 0 && (
        <ul className="ev-files__list" aria-label={t("rdFiles")}>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/api/results/plans/${planId}/files/${f.id}`} download>
                <bdi>{f.fileName}</bdi>
              </a>{" "}
              <span className="ev-muted">({Math.max(1, Math.round(f.fileSize / 1024))} KB)</span>
              {canEdit && (
                <button
                  type="button"
                  className="ev-link-button"
                  aria-label={t("rdRemoveFile", { name: f.fileName })}
                  onClick={() => void remove(f.id)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <p className="ev-files__add">
          <label htmlFor={id}>{busy ? t("rdUploading") : t("rdAttach")}</label>{" "}
          <input
            id={id}
            type="file"
            disabled={busy}
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void upload(file);
            }}
          />{" "}
          <span className="ev-muted">{t("rdAttachHint")}</span>
        </p>
      )}
      {error && (
        <p role="alert" className="rs-error">
          {error}
        </p>
      )}
    </div>
  );
}
