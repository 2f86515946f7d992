import { useState } from "react";
import { z } from "zod";
import { type EvidenceOut, evidenceOut } from "../../server/api-schemas/evidence.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { ConfirmDialog } from "./dialog.tsx";
import { EvidenceForm } from "./evidence-form.tsx";
import { EvidenceList } from "./evidence-list.tsx";
import { EvidenceUpload } from "./evidence-upload.tsx";
import { LiveNotice, useNotice } from "./live-notice.tsx";

/** The Evidence tab: the sources of one answer, and (when writable) forms to add and remove them. */
export function EvidencePanel({
  answerPath,
  writable,
  required,
  onChanged,
}: {
  /** `/api/assessments/:id/answers/:code` */
  answerPath: string;
  writable: boolean;
  required: boolean;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const endpoint = `${answerPath}/evidence`;
  const list = useApi(endpoint, z.array(evidenceOut));
  const { notice, say } = useNotice();
  const [removing, setRemoving] = useState<EvidenceOut | null>(null);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const changed = (message: string) => {
    say(message);
    list.reload();
    onChanged();
  };

  async function remove(item: EvidenceOut) {
    setBusy(true);
    setRemoveError(null);
    try {
      await sendApi("DELETE", `/api/evidence/${item.id}`, undefined, z.null());
      setRemoving(null);
      changed(t("rvRemoved"));
    } catch (error) {
      setRemoveError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rv-panel">
      {required && <p className="rv-required">{t("rvEvidenceRequired")}</p>}
      <Loaded states={[list]}>
        {(items) => <EvidenceList items={items} onRemove={writable ? setRemoving : undefined} />}
      </Loaded>
      <LiveNotice notice={notice} />
      {writable && (
        <div className="rv-add">
          <EvidenceForm
            endpoint={endpoint}
            onAdded={() => changed(t("rvAdded"))}
            onError={(message) => say(message, "error")}
          />
          <EvidenceUpload
            endpoint={endpoint}
            onUploaded={(_, name) => changed(t("rvUploaded", { name }))}
            onError={(message) => say(message, "error")}
          />
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={t("rvRemoveTitle")}
          confirmLabel={t("rvRemove")}
          busy={busy}
          error={removeError}
          onConfirm={() => void remove(removing)}
          onClose={() => {
            setRemoving(null);
            setRemoveError(null);
          }}
        >
          <p>{t("rvRemoveBody")}</p>
          <p className="rv-text rv-quote">
            {removing.file?.name ?? removing.citation ?? removing.url ?? removing.legalReference}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
