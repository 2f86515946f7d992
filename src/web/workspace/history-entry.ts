import type { Indicator } from "../../core/index.ts";
import type { HistoryEntry } from "../../server/api-schemas/assessments.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { describeValue } from "./describe-value.ts";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface HistoryLine {
  /** "Version 3", or "Version 2, value unchanged" for evidence added to version 2. */
  heading: string;
  author: string;
  /** The value before and after, or null when the value did not change. */
  change: { before: string; after: string } | null;
  /** What happened instead of a value change: evidence added or removed, the answer opened empty. */
  note: string | null;
}

/**
 * One history row in words. Evidence rows and the row that opens an empty
 * answer (for a comment or evidence before a value) keep the version they
 * applied to, so they say "value unchanged" rather than repeat "Version N".
 * A change with no person is an import or Childmark itself, never "someone".
 */
export function describeHistoryEntry(
  entry: HistoryEntry,
  indicator: Indicator,
  t: Translate,
  lang: string,
): HistoryLine {
  const author = entry.changedBy ?? (entry.source === "import" ? t("wsAuthorImport") : t("wsAuthorSystem"));
  if (entry.evidence) {
    const e = entry.evidence;
    const what = e.citation ?? e.legalReference ?? e.fileName ?? e.url ?? e.kind ?? "";
    return {
      heading: t("wsHistoryUnchanged", { version: entry.version }),
      author,
      change: null,
      note: t(`wsHistoryEvidence_${e.action}` as MessageKey, { what }),
    };
  }
  const before = describeValue(indicator, entry.before, t, lang);
  const after = describeValue(indicator, entry.after, t, lang);
  if (before === after && (entry.before?.justification ?? null) === (entry.after?.justification ?? null)) {
    return {
      heading: t("wsHistoryVersion", { version: entry.version }),
      author,
      change: null,
      note: entry.before ? null : t("wsHistoryOpened"),
    };
  }
  return {
    heading: t("wsHistoryVersion", { version: entry.version }),
    author,
    change: { before, after },
    note: null,
  };
}
