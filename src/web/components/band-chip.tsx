import type { CSSProperties } from "react";
import type { Band } from "../../core/index.ts";
import { findBand } from "../format/score.ts";
import { useLanguage } from "../i18n/language.tsx";

/** A band's name with its colour as a dot: the words carry the meaning, the colour only helps. */
export function BandChip({
  bands,
  code,
  fallbackLanguage,
}: {
  bands: Band[];
  code: string | null;
  fallbackLanguage?: string;
}) {
  const { pick } = useLanguage();
  const band = findBand(bands, code);
  if (!band) return null;
  return (
    <span className="band-chip" style={{ "--band": band.colour } as CSSProperties}>
      <span className="band-chip__dot" aria-hidden="true" />
      {pick(band.label, fallbackLanguage)}
    </span>
  );
}

/** The framework's bands with their ranges, as a key to the coloured tables. */
export function BandLegend({
  bands,
  precision,
  fallbackLanguage,
}: {
  bands: Band[];
  precision: number;
  fallbackLanguage: string;
}) {
  const { t, pick, lang } = useLanguage();
  if (bands.length === 0) return null;
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: precision });
  return (
    <div className="band-legend">
      <span className="band-legend__title">{t("bands")}</span>
      <ul>
        {bands.map((band) => {
          const found = findBand(bands, band.code)!;
          return (
            <li key={band.code} style={{ "--band": found.colour } as CSSProperties}>
              <span className="band-legend__swatch" aria-hidden="true" />
              {pick(band.label, fallbackLanguage)}{" "}
              <span className="muted">
                {number.format(band.min)}–{number.format(band.max)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
