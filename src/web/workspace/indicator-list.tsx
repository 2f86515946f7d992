import { Fragment, useEffect, useState } from "react";
import type { AnswerOut } from "../../server/api-schemas/assessments.ts";
import { useLanguage } from "../i18n/language.tsx";
import { AnswerCard, type AnswerCardProps } from "./answer-card.tsx";
import type { AnswerContent } from "./answer-saver.ts";
import type { FrameworkIndex } from "./framework-index.ts";
import type { SaveQueue } from "./save-queue.ts";
import type { WorkspaceData } from "./workspace-data.ts";

/** Cards drawn in the first frame; the rest follow a batch per frame so the page is usable at once. */
const FIRST_BATCH = 24;
const NEXT_BATCH = 60;

/**
 * The answer cards of the selected node, under a heading for each node they
 * belong to. Long lists (a 626-indicator framework) render progressively.
 */
export function IndicatorList({
  data,
  index,
  codes,
  contents,
  queue,
  answers,
  mine,
  imputed,
  lockReason,
  pageLock,
  ...handlers
}: {
  data: WorkspaceData;
  index: FrameworkIndex;
  codes: string[];
  contents: Map<string, AnswerContent>;
  queue: SaveQueue;
  answers: Map<string, AnswerOut>;
  mine: Set<string>;
  /** Unanswered indicators the live score fills in by the framework's missing-data rule. */
  imputed: Set<string>;
  lockReason: (code: string) => string | null;
  /** The reason no answer on the page may change, shown once above the list; null if some may. */
  pageLock: string | null;
} & Pick<AnswerCardProps, "onEdit" | "onResolve" | "onRestored" | "onChanged">) {
  const { t, pick } = useLanguage();
  const [shown, setShown] = useState(FIRST_BATCH);
  useEffect(() => {
    if (shown >= codes.length) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + NEXT_BATCH));
    return () => cancelAnimationFrame(frame);
  }, [shown, codes.length]);

  const list = codes.slice(0, shown);
  let lastNode = "";
  return (
    <div className="indicator-list">
      {pageLock && (
        <p className="indicator-list__lock" role="note">
          {pageLock}
        </p>
      )}
      <p className="indicator-list__count muted" aria-live="polite">
        {t("wsShowing", { count: codes.length })}
      </p>
      {list.map((code) => {
        const indicator = index.indicatorByCode.get(code)!;
        const heading = indicator.node !== lastNode;
        lastNode = indicator.node;
        const trail = (index.ancestors.get(code) ?? []).slice(0, -1).reverse();
        return (
          <Fragment key={code}>
            {heading && (
              <h2 className="indicator-list__heading">
                {trail.map((node, i) => (
                  <span key={node} className={i < trail.length - 1 ? "muted" : undefined}>
                    {pick(index.nodes.get(node)?.node.label, data.framework.defaultLanguage)}
                    {i < trail.length - 1 ? " › " : ""}
                  </span>
                ))}
              </h2>
            )}
            <AnswerCard
              data={data}
              indicator={indicator}
              content={contents.get(code)!}
              state={queue.state(code)}
              answer={answers.get(code)}
              serverVersion={queue.serverAnswer(code)?.version ?? 0}
              lockReason={lockReason(code)}
              isLockShownAbove={pageLock !== null}
              assignedToMe={mine.has(code)}
              imputed={imputed.has(code)}
              {...handlers}
            />
          </Fragment>
        );
      })}
      {shown < codes.length && (
        <p className="muted" role="status">
          {t("wsLoadingMore", { shown, total: codes.length })}
        </p>
      )}
    </div>
  );
}
