import type { CSSProperties } from "react";
import type { Band } from "../../core/index.ts";
import { findBand, formatChange, scoreFraction } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";

/** A small bar showing a score's share of the scale; decorative, the number beside it is the value. */
export function ScoreBar({
  score,
  scale,
  bands,
  band,
}: {
  score: number | null;
  scale: number;
  bands: Band[];
  band: string | null;
}) {
  const colour = findBand(bands, band)?.colour ?? "var(--accent)";
  return (
    <span className="score-bar" aria-hidden="true">
      <span
        className="score-bar__fill"
        style={{ inlineSize: `${scoreFraction(score, scale) * 100}%`, "--band": colour } as CSSProperties}
      />
    </span>
  );
}

/** A change since the previous cycle with ▲/▼, and the direction in words for screen readers. */
export function ChangeValue({ change, precision }: { change: number | null; precision: number }) {
  const { t, lang } = useLanguage();
  const formatted = formatChange(change, precision, lang);
  if (!formatted) return <span className="muted">–</span>;
  const arrow = { up: "▲", down: "▼", same: "■" }[formatted.direction];
  const words = { up: t("increase"), down: t("decrease"), same: t("unchanged") }[formatted.direction];
  return (
    <span className={`change change--${formatted.direction}`}>
      <span aria-hidden="true" className="change__arrow">
        {arrow}
      </span>
      <span className="visually-hidden">{words} </span>
      {formatted.text}
    </span>
  );
}
