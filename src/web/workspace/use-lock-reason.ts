import { useCallback } from "react";
import { useLanguage } from "../i18n/language.tsx";
import type { FrameworkIndex } from "./framework-index.ts";
import { EDITABLE_STATUSES, type WorkspaceData } from "./workspace-data.ts";
import { statusLabel } from "./workspace-header.tsx";

/**
 * Why the signed-in person may change no answer at all on this page (a
 * read-only role, a status that locks answers), or null. Shown once, above the
 * list, rather than on every card.
 */
export function pageLockReason(data: WorkspaceData, t: ReturnType<typeof useLanguage>["t"]): string | null {
  if (!data.myPermissions.canWrite) return t("wsReadOnly");
  if (!EDITABLE_STATUSES.has(data.assessment.status)) {
    return t("wsLocked", { status: statusLabel(data.assessment.status, t) });
  }
  return null;
}

/**
 * Why the signed-in person may not change an indicator's answer (read-only
 * role, a section not theirs, a status that locks answers), or null if they may.
 */
export function useLockReason(data: WorkspaceData, index: FrameworkIndex): (code: string) => string | null {
  const { t } = useLanguage();
  const { myPermissions: perms } = data;
  return useCallback(
    (code: string) => {
      const wholePage = pageLockReason(data, t);
      if (wholePage) return wholePage;
      if (perms.writableSections) {
        const chain = index.ancestors.get(code) ?? [];
        if (!chain.some((node) => perms.writableSections!.includes(node))) return t("wsReadOnlySection");
      }
      return null;
    },
    [data, perms, index, t],
  );
}
