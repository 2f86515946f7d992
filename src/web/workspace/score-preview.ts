import { useEffect, useMemo, useRef, useState } from "react";
import {
  type CompiledFramework,
  type Framework,
  type ScorePreview,
  scoreAnswers,
  scorePreview,
} from "../../core/index.ts";
import { scorePreviewOut } from "../../server/api-schemas/assessments.ts";
import { sendApi } from "../api/send-api.ts";
import type { AnswerContent } from "./answer-saver.ts";

export type { ScorePreview };

/** Waiting after the last edit before asking the server again (typing a number is several edits). */
const SERVER_DELAY_MS = 400;

/**
 * Scores this country's current answers in the browser, with this country's answers only: data
 * goalposts, cycle means and previous cycles are not known here. Shown only while the server's
 * preview cannot be had (offline), marked as an estimate.
 */
export function previewScores(
  fw: Framework,
  compiled: CompiledFramework,
  country: string,
  period: string,
  answers: Iterable<[string, AnswerContent]>,
): ScorePreview {
  const list = [];
  for (const [indicator, { value }] of answers) {
    if (value !== null && value !== "") list.push({ entity: country, period, indicator, value });
  }
  return scorePreview(fw, scoreAnswers(compiled, list), country, period);
}

/** The values on screen, as the score-preview route takes them. */
export function valuesOf(
  contents: Iterable<[string, AnswerContent]>,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [code, { value }] of contents) out[code] = value;
  return out;
}

/** What the live score shows: the server's preview (as the stored score), or the browser's estimate. */
export interface LivePreview {
  /** Null until the server's first answer (or its failure): nothing is shown rather than a figure that jumps. */
  preview: ScorePreview | null;
  /** True when the figures are the browser's estimate: the server could not be reached for the values on screen. */
  estimate: boolean;
  /** True while a newer server preview is on its way. */
  pending: boolean;
}

/**
 * The live score of an assessment: the server scores the values on screen with the cycle's other
 * data exactly as the stored scores are (its imputation policies included), a moment after the
 * last edit. Until its first answer nothing shows; while a newer one is on its way the last one
 * stays; when it cannot be reached, the browser's estimate shows (marked as such).
 */
export function useLivePreview(
  assessmentId: string,
  contents: Map<string, AnswerContent>,
  local: ScorePreview,
): LivePreview {
  // A save changes the queue's revision but not the values: only new values are sent.
  const body = useMemo(() => JSON.stringify({ answers: valuesOf(contents) }), [contents]);
  const [server, setServer] = useState<{ for: string; preview: ScorePreview } | null>(null);
  const [failed, setFailed] = useState(false);
  const first = useRef(true);
  useEffect(() => {
    let cancelled = false;
    const delay = first.current ? 0 : SERVER_DELAY_MS;
    first.current = false;
    const timer = setTimeout(() => {
      sendApi(
        "POST",
        `/api/assessments/${assessmentId}/score-preview`,
        JSON.parse(body),
        scorePreviewOut,
      ).then(
        (preview) => {
          if (cancelled) return;
          setServer({ for: body, preview });
          setFailed(false);
        },
        () => {
          if (!cancelled) setFailed(true);
        },
      );
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [assessmentId, body]);
  const current = server?.for === body;
  if (server && (current || !failed)) return { preview: server.preview, estimate: false, pending: !current };
  if (!failed) return { preview: null, estimate: false, pending: true };
  return { preview: local, estimate: true, pending: false };
}
