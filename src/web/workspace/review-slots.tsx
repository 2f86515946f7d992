import type { ReactNode } from "react";
import type { AnswerOut } from "../../server/api-schemas/assessments.ts";
import { AnswerExtras } from "../review/answer-extras.tsx";
import { AssessmentToolbar } from "../review/assessment-toolbar.tsx";
import { SectionReview } from "../review/section-review.tsx";
import type { WorkspaceData } from "./workspace-data.ts";

/*
 * Extension points for the review features (src/web/review): the workspace
 * renders these in each answer card and in the page header, filled with the
 * review components (evidence, comments, review flag; submit, review actions,
 * export and import, links to progress, changes and timeline).
 */

/** Props every per-answer review panel receives. */
export interface AnswerReviewSlotProps {
  data: WorkspaceData;
  indicatorCode: string;
  /** The server's answer, undefined when never answered. */
  answer: AnswerOut | undefined;
  /** Whether this person may change this answer now. */
  canWrite: boolean;
  /** Reloads the assessment after a change made here (evidence added, flag cleared). */
  onChanged: () => void;
}

/** Per-answer review panel: evidence, comments, review flag. */
export function AnswerReviewSlot(props: AnswerReviewSlotProps): ReactNode {
  const { data, indicatorCode } = props;
  const indicator = data.framework.indicators.find((i) => i.code === indicatorCode);
  if (!indicator) return null;
  return (
    <AnswerExtras
      assessmentId={data.assessment.id}
      indicatorCode={indicatorCode}
      indicator={indicator}
      answer={props.answer}
      permissions={data.myPermissions}
      status={data.assessment.status}
      canWrite={props.canWrite}
      onAnswerChanged={props.onChanged}
    />
  );
}

/** Props the header toolbar receives. */
export interface WorkspaceToolbarSlotProps {
  data: WorkspaceData;
  onChanged: () => void;
}

/** Header toolbar: submit, review actions, export and import. */
export function WorkspaceToolbarSlot(props: WorkspaceToolbarSlotProps): ReactNode {
  const { data } = props;
  return (
    <AssessmentToolbar
      assessment={data.assessment}
      permissions={data.myPermissions}
      answers={data.answers}
      showStatus={false}
      onChanged={props.onChanged}
    />
  );
}

/** A reviewer's approve/return of the section on screen; nothing for others or outside a review. */
export function SectionReviewSlot(props: {
  data: WorkspaceData;
  nodeCode: string;
  sectionName: string;
  codes: readonly string[];
  answers: ReadonlyMap<string, AnswerOut>;
  onChanged: () => void;
}): ReactNode {
  const { data, ...rest } = props;
  const mine = data.myPermissions.canReview || data.myPermissions.reviewSections.includes(props.nodeCode);
  if (!mine || data.assessment.status !== "in_review") return null;
  return <SectionReview assessmentId={data.assessment.id} {...rest} />;
}
