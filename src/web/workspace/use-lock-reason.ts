import { useCallback } from "react";
import { useLanguage } from "../i18n/language.tsx";
import type { FrameworkIndex } from "./framework-index.ts";
import { EDITABLE_STATUSES, type WorkspaceData } from "./workspace-data.ts";
import { statusLabel } from "./workspace-header.tsx";

/**
 * Why the signed-in person may not change an indicator's answer (read-only
 * role, a section not theirs, a status that locks answers), or null if they may.
 */
export function useLockReason(data: WorkspaceData, index: FrameworkIndex): (code: string) => string | null {
  const { t } = useLanguage();
  const { myPermissions: perms, assessment } = data;
  return useCallback(
    (code: string) => {
      if (!perms.canWrite) return t("wsReadOnly");
      if (!EDITABLE_STATUSES.has(assessment.status)) {
        return t("wsLocked", { status: statusLabel(assessment.status, t) });
      }
      if (perms.writableSections) {
        const chain = index.ancestors.get(code) ?? [];
        if (!chain.some((node) => perms.writableSections!.includes(node))) return t("wsReadOnlySection");
      }
      return null;
    },
    [perms, assessment.status, index, t],
  );
}
