import { type Actor, can, type Target } from "../../core/index.ts";
import type { PermissionsOut } from "./schemas.ts";

/**
 * What the actor may do on an assessment, for the web app to show only what
 * is allowed (the server checks again on every request). `writableSections`
 * lists the sections of a section-limited contributor; null means all.
 */
export function describePermissions(actor: Actor, target: Target): PermissionsOut {
  const writing = actor.isAdmin
    ? []
    : actor.grants.filter((g) => can({ ...actor, grants: [g] }, "answer:write", target));
  const limited = writing.length > 0 && writing.every((g) => g.role === "contributor" && g.sections?.length);
  return {
    canWrite: can(actor, "answer:write", target),
    canAssign: can(actor, "assessment:assign", target),
    canSubmit: can(actor, "assessment:submit", target),
    canReview: can(actor, "assessment:review", target),
    canReopen: can(actor, "assessment:reopen", target),
    writableSections: limited ? [...new Set(writing.flatMap((g) => g.sections ?? []))] : null,
  };
}
