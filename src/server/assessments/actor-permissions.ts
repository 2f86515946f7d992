import { type Actor, can, type Framework, reviewableSections, type Target } from "../../core/index.ts";
import type { PermissionsOut } from "./schemas.ts";

/**
 * What the actor may do on an assessment, for the web app to show only what
 * is allowed (the server checks again on every request). `writableSections`
 * lists the sections of a section-limited contributor; null means all.
 */
export function describePermissions(actor: Actor, target: Target, framework?: Framework): PermissionsOut {
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
    reviewSections: framework ? belowSections(framework, reviewableSections(actor, target)) : [],
  };
}

/** The sections and every node below them. */
function belowSections(framework: Framework, sections: readonly string[]): string[] {
  const out = new Set(sections);
  let grown = true;
  while (grown) {
    grown = false;
    for (const n of framework.nodes)
      if (n.parent && out.has(n.parent) && !out.has(n.code)) {
        out.add(n.code);
        grown = true;
      }
  }
  return [...out];
}
