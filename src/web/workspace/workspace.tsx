import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { compileFramework } from "../../core/index.ts";
import { useLanguage } from "../i18n/language.tsx";
import { navigate, useLocation } from "../routing/router.tsx";
import { matchRoute, paths } from "../routing/routes.ts";
import type { AnswerContent, ServerAnswer } from "./answer-saver.ts";
import { ConflictDialog } from "./conflict-dialog.tsx";
import { FILTERS, type FilterKind, Filters } from "./filters.tsx";
import { type FrameworkIndex, indexFramework } from "./framework-index.ts";
import { IndicatorList } from "./indicator-list.tsx";
import { LiveScore } from "./live-score.tsx";
import { NavTree } from "./nav-tree.tsx";
import { SectionReviewSlot, WorkspaceToolbarSlot } from "./review-slots.tsx";
import { SaveSummary } from "./save-summary.tsx";
import { previewScores, useLivePreview } from "./score-preview.ts";
import { createSaveQueue } from "./send-answer.ts";
import { pageLockReason, useLockReason } from "./use-lock-reason.ts";
import type { WorkspaceData } from "./workspace-data.ts";
import { WorkspaceHeader } from "./workspace-header.tsx";

/** The section a URL names (or the one holding `?indicator=`), else the whole framework. */
function pickSection(index: FrameworkIndex, nodeCode: string | null, indicator: string | null): string {
  if (nodeCode && index.nodes.has(nodeCode)) return nodeCode;
  const node = indicator ? index.indicatorByCode.get(indicator)?.node : undefined;
  return node && index.nodes.has(node) ? node : index.root.node.code;
}

/** The assessment workspace once loaded: navigation, filters, answer cards, live score and autosave. */
export function Workspace({ data, reload }: { data: WorkspaceData; reload: () => void }) {
  const { pick, t } = useLanguage();
  const { assessment, framework: fw } = data;
  const index = useMemo(() => indexFramework(fw), [fw]);
  const compiled = useMemo(() => compileFramework(fw), [fw]);
  const [queue] = useState(() => createSaveQueue(data));
  const revision = useSyncExternalStore(queue.subscribe, () => queue.revision);
  const { pathname, search: query } = useLocation();
  const route = matchRoute(pathname);
  const focus = query.get("indicator");
  const selected = pickSection(index, route.page === "assessment-section" ? route.nodeCode : null, focus);
  const setSelected = useCallback(
    (code: string) => navigate(paths.assessmentSection(assessment.id, code)),
    [assessment.id],
  );
  const underReview = assessment.status === "submitted" || assessment.status === "in_review";
  const kinds = FILTERS.filter((kind) => kind !== "toReview" || underReview);
  const [filter, setFilter] = useState<FilterKind>(() => {
    const asked = query.get("filter") as FilterKind | null;
    return asked && kinds.includes(asked) ? asked : "all";
  });
  // A link to one indicator (?indicator=) brings its card into view once the list shows it.
  useEffect(() => {
    if (focus) document.getElementById(`indicator-${focus}`)?.scrollIntoView({ block: "start" });
  }, [focus]);
  const [search, setSearch] = useState("");
  const [later, setLater] = useState<Set<string>>(new Set());
  const lockReason = useLockReason(data, index);

  useEffect(() => {
    const online = () => queue.retryAll();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [queue]);

  // A reload (after a review action, an import) brings newer answers: adopt what changed on the server.
  useEffect(() => {
    for (const a of data.answers) {
      if (a.version > (queue.serverAnswer(a.indicator)?.version ?? 0)) queue.accept(a.indicator, a);
    }
  }, [data.answers, queue]);

  const answers = useMemo(() => new Map(data.answers.map((a) => [a.indicator, a])), [data.answers]);
  const mine = useMemo(() => new Set(data.assignedToMe), [data.assignedToMe]);

  // Everything below follows the queue's revision: the values on screen are the unsent edits over the server's.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks a change inside the queue.
  const contents = useMemo(
    () => new Map(index.indicators.map((ind) => [ind.code, queue.content(ind.code)] as const)),
    [queue, index, revision],
  );
  const isAnswered = useCallback(
    (code: string) => {
      const value = contents.get(code)?.value;
      return value !== null && value !== undefined && value !== "";
    },
    [contents],
  );
  const answeredCount = useCallback((codes: string[]) => codes.filter(isAnswered).length, [isAnswered]);
  const estimate = useMemo(
    () => previewScores(fw, compiled, assessment.country.code, assessment.period, contents),
    [fw, compiled, assessment, contents],
  );
  const livePreview = useLivePreview(assessment.id, contents, estimate);
  const imputedCodes = livePreview.preview?.imputed;
  const imputed = useMemo(() => new Set(imputedCodes), [imputedCodes]);

  const matches = useMemo(() => {
    const tests: Record<FilterKind, (code: string) => boolean> = {
      all: () => true,
      unanswered: (code) => !isAnswered(code),
      noEvidence: (code) => (answers.get(code)?.evidenceCount ?? 0) === 0,
      toReview: (code) => isAnswered(code) && !answers.get(code)?.reviewState,
      returned: (code) => answers.get(code)?.reviewState === "needs_rework",
      mine: (code) => mine.has(code),
    };
    return tests;
  }, [isAnswered, answers, mine]);
  const inNode = index.nodes.get(selected)?.indicatorCodes ?? [];
  const needle = search.trim().toLowerCase();
  const searched = needle
    ? inNode.filter((code) => {
        const ind = index.indicatorByCode.get(code)!;
        return (
          code.toLowerCase().includes(needle) ||
          pick(ind.text, fw.defaultLanguage).toLowerCase().includes(needle)
        );
      })
    : inNode;
  const counts = Object.fromEntries(
    (Object.keys(matches) as FilterKind[]).map((kind) => [kind, searched.filter(matches[kind]).length]),
  ) as Record<FilterKind, number>;
  const listKey = `${selected}/${filter}/${needle}`;
  const live = searched.filter(matches[filter]);
  // The list is taken when the filter, search or node changes, not on each edit: answering an item
  // under "Unanswered" must not pull its card away mid-typing. The chip counts stay live.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed on purpose only for a new list or new server data.
  const visible = useMemo(() => live, [listKey, data.answers]);

  const onEdit = useCallback(
    (code: string, content: AnswerContent, delay: number, invalid?: string) =>
      queue.edit(code, content, delay, invalid),
    [queue],
  );
  const onResolve = useCallback((code: string) => {
    setLater((s) => {
      const next = new Set(s);
      next.delete(code);
      return next;
    });
  }, []);
  const onRestored = useCallback((code: string, answer: ServerAnswer) => queue.accept(code, answer), [queue]);

  const active = queue.activeStates();
  const conflict = active.find(([code, s]) => s.status === "conflict" && !later.has(code));
  const conflictIndicator = conflict ? index.indicatorByCode.get(conflict[0]) : undefined;
  const decideLater = (code: string) => setLater((s) => new Set(s).add(code));

  return (
    <div className="workspace">
      <WorkspaceHeader
        data={data}
        answered={answeredCount(index.root.indicatorCodes)}
        total={index.indicators.length}
      >
        <div className="ws-header__side">
          <LiveScore fw={fw} live={livePreview} />
          <SaveSummary states={active} onRetry={() => queue.retryAll()} />
        </div>
        {/* ── Review toolbar (submit, review actions, export, import): filled in by src/web/review ── */}
        <div className="ws-header__toolbar">
          <WorkspaceToolbarSlot data={data} onChanged={reload} />
        </div>
        {/* ── end of review toolbar ── */}
      </WorkspaceHeader>
      <div className="workspace__body">
        <aside className="workspace__nav">
          <NavTree
            root={index.root}
            selected={selected}
            answeredCount={answeredCount}
            onSelect={setSelected}
            fallbackLanguage={fw.defaultLanguage}
          />
        </aside>
        <section
          className="workspace__main"
          aria-label={pick(index.nodes.get(selected)?.node.label, fw.defaultLanguage)}
        >
          <SectionReviewSlot
            data={data}
            nodeCode={selected}
            sectionName={pick(index.nodes.get(selected)?.node.label, fw.defaultLanguage)}
            codes={inNode}
            answers={answers}
            onChanged={reload}
          />
          <Filters
            filter={filter}
            kinds={kinds}
            counts={counts}
            search={search}
            onFilter={setFilter}
            onSearch={setSearch}
          />
          <IndicatorList
            key={listKey}
            data={data}
            index={index}
            codes={visible}
            contents={contents}
            queue={queue}
            answers={answers}
            mine={mine}
            imputed={imputed}
            lockReason={lockReason}
            pageLock={pageLockReason(data, t)}
            onEdit={onEdit}
            onResolve={onResolve}
            onRestored={onRestored}
            onChanged={reload}
          />
        </section>
      </div>
      {conflict && conflictIndicator && (
        <ConflictDialog
          key={conflict[0]}
          indicator={conflictIndicator}
          mine={queue.content(conflict[0])}
          theirs={conflict[1].theirs!}
          onKeepMine={() => queue.keepMine(conflict[0])}
          onUseTheirs={() => queue.takeTheirs(conflict[0])}
          onLater={() => decideLater(conflict[0])}
          fallbackLanguage={fw.defaultLanguage}
        />
      )}
    </div>
  );
}
