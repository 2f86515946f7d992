import { useId, useRef, useState } from "react";
import { addedEvidence } from "../../server/api-schemas/evidence.ts";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { refusalOf, uploadFile } from "./upload-file.ts";

const maxBytes = 20 * 1024 * 1024;
const accept = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp";

/** Uploads a file as evidence: a file picker and a drop zone, with progress and the server's refusal. */
export function EvidenceUpload({
  endpoint,
  onUploaded,
  onError,
}: {
  endpoint: string;
  onUploaded: (answerVersion: number, fileName: string) => void;
  onError: (message: string) => void;
}) {
  const { t } = useLanguage();
  const { user } = useSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [over, setOver] = useState(false);

  async function send(file: File) {
    if (file.size > maxBytes) {
      onError(t("rvTooLarge", { name: file.name }));
      return;
    }
    setProgress({ name: file.name, percent: 0 });
    try {
      const result = await uploadFile(endpoint, file, user?.csrfToken ?? "", (percent) =>
        setProgress({ name: file.name, percent }),
      );
      const parsed = addedEvidence.safeParse(result.body);
      if (result.status === 201 && parsed.success) onUploaded(parsed.data.answerVersion, file.name);
      else onError(t("rvRefused", { message: refusalOf(result) }));
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file input inside is the keyboard path.
    <div
      className={over ? "rv-drop rv-drop--over" : "rv-drop"}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file && !progress) void send(file);
      }}
    >
      <h4 className="rv-form__title">{t("rvUploadFile")}</h4>
      <p className="rv-hint" id={`${id}-hint`}>
        {t("rvUploadHint")}
      </p>
      <label htmlFor={`${id}-file`} className="rv-file-label">
        {t("rvChooseFile")}
      </label>{" "}
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        accept={accept}
        aria-describedby={`${id}-hint`}
        disabled={!!progress}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void send(file);
        }}
      />
      <span className="muted"> {t("rvDropHere")}</span>
      {progress && (
        <div className="rv-progress">
          <progress max={100} value={progress.percent} aria-labelledby={`${id}-progress`} />
          <span id={`${id}-progress`}>{t("rvUploading", progress)}</span>
        </div>
      )}
    </div>
  );
}
