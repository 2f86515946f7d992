import type { CSSProperties } from "react";
import type { ScoreRow } from "../api/endpoints.ts";
import { findBand, formatScore } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { FrameworkDetail } from "../pages/framework-data.ts";
import { ImputedTag } from "./score-source.tsx";

/** A table cell tinted by the score's band, with the score written in it so colour is never the only cue. */
export function HeatCell({ row, framework }: { row: ScoreRow | undefined; framework: FrameworkDetail }) {
  const { lang, pick } = useLanguage();
  const band = findBand(framework.bands, row?.band);
  const text = formatScore(row?.score, framework.precision, lang);
  if (!band) {
    return (
      <td className="num heat heat--empty">
        {text}
        <ImputedTag count={row?.imputed} compact />
      </td>
    );
  }
  return (
    <td
      className="num heat"
      style={{ "--band": band.colour } as CSSProperties}
      title={pick(band.label, framework.defaultLanguage)}
    >
      {text}
      <ImputedTag count={row?.imputed} compact />
    </td>
  );
}
