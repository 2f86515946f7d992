import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on a narrow screen: a labelled region that takes keyboard focus,
 * so its hidden columns can be reached with the arrow keys.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
