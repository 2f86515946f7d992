import { useEffect, useState } from "react";
import { someQuotes } from "../../core/index.ts";
import type { ChildrenVoiceOut } from "../../server/api-schemas/children.ts";
import { useLanguage } from "../i18n/language.tsx";
import { loadChildrenVoices } from "./children-voices.ts";

/**
 * "What children said" beside the indicator being answered: evidence of another kind for the
 * country team, from consultations a coalition closed and published. Aggregates only: the
 * country's own group when it may be shown, else every country together.
 */
export function ChildrenSaidPanel({ indicatorCode, country }: { indicatorCode: string; country: string }) {
  const { t, pick, lang } = useLanguage();
  const [voices, setVoices] = useState<ChildrenVoiceOut[]>([]);
  useEffect(() => {
    let live = true;
    loadChildrenVoices().then((all) => {
      if (live) setVoices(all.filter((v) => v.indicator === indicatorCode));
    });
    return () => {
      live = false;
    };
  }, [indicatorCode]);
  if (!voices.length) return null;
  const pct = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "long" });
  return (
    <aside className="children-said" aria-label={t("cvTitle")}>
      <p className="children-said__title">{t("cvTitle")}</p>
      {voices.map((v) => {
        const own = v.countries.find((c) => c.key === country);
        const shown = own ?? v;
        const share = shown.agreeing === null ? "–" : pct.format(shown.agreeing);
        const words = v.question.type === "short-text";
        const quotes = someQuotes(v.quotes);
        return (
          <div key={`${v.consultationId}-${v.question.code}`} className="children-said__item">
            <p className="children-said__question">{pick(v.question.text, "en")}</p>
            <p className="children-said__figure">
              {words
                ? t("cvWrote", { count: v.children })
                : own
                  ? t("cvLine", { share, count: shown.children })
                  : t("cvLineAll", { share, count: shown.children })}
            </p>
            {quotes.length > 0 && (
              <figure className="children-said__quotes">
                <figcaption className="muted">{t("cvQuotes")}</figcaption>
                <ul className="children-said__list">
                  {quotes.map((q) => (
                    <li key={q} dir="auto">
                      {q}
                    </li>
                  ))}
                </ul>
              </figure>
            )}
            <p className="children-said__source muted">
              {t("cvSource", {
                title: pick(v.title, "en"),
                organisation: v.organisation,
                date: v.closedAt ? date.format(new Date(v.closedAt)) : "–",
                bands: v.bands.map((b) => pick(b.label, "en")).join(", "),
                threshold: v.threshold,
              })}
            </p>
          </div>
        );
      })}
    </aside>
  );
}
