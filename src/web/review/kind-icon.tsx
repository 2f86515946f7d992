import type { EvidenceOut } from "../../server/api-schemas/evidence.ts";

/* Simple line icons per kind of source (no emoji: not every system has an emoji font). */
const shapes: Record<EvidenceOut["kind"], string> = {
  citation: "M7 7h4v4H8.5c0 2 1 3 2.5 3.5V16c-3 0-4-3-4-5V7zm6 0h4v4h-2.5c0 2 1 3 2.5 3.5V16c-3 0-4-3-4-5V7z",
  url: "M10 14a4 4 0 0 0 5.7 0l2.6-2.6a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-2.6 2.6a4 4 0 0 0 5.7 5.7l1-1",
  legal: "M12 4v16M7 20h10M5 8h14M5 8l-2 6h4l-2-6m14 0l-2 6h4l-2-6",
  file: "M7 3h7l4 4v14H7zM14 3v4h4M9.5 12h6M9.5 15h6M9.5 18h4",
};

/** The icon of a kind of evidence source; decorative, the kind is also written out. */
export function KindIcon({ kind }: { kind: EvidenceOut["kind"] }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d={shapes[kind]}
        fill={kind === "citation" ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth={kind === "citation" ? 0 : 1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
