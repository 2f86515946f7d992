import { useEffect, useState } from "react";
import { pickText } from "../../core/index.ts";
import { type KidsResultsOut, kidsResultsOut } from "../../server/api-schemas/children.ts";
import { isRightToLeft } from "./child-texts.ts";
import { resultsTexts } from "./results-texts.ts";

const FACES_5: Record<string, string> = { "5": "😄", "4": "🙂", "3": "😐", "2": "🙁", "1": "😢" };
const FACES_3: Record<string, string> = { "3": "🙂", "2": "😐", "1": "🙁" };
const YES_NO: Record<string, string> = { yes: "👍", no: "👎", "not-sure": "🤔" };

/** The answers of a question in the order children saw them, each with its picture and words. */
function answersOf(q: KidsResultsOut["questions"][number], lang: string, t: ReturnType<typeof resultsTexts>) {
  if (q.type === "yes-no")
    return (["yes", "no", "not-sure"] as const).map((v) => ({ value: v, picture: YES_NO[v]!, label: t(v) }));
  if (q.type === "smiley-5" || q.type === "smiley-3")
    return Object.entries(q.type === "smiley-5" ? FACES_5 : FACES_3)
      .sort((a, b) => Number(b[0]) - Number(a[0]))
      .map(([value, picture]) => ({ value, picture, label: "" }));
  return q.options.map((o) => ({ value: o.value, picture: o.picture ?? "", label: pickText(o.label, lang) }));
}

/**
 * The results a coalition shares back with the children who took part: simple words, a picture
 * and a big bar per answer, large text, in the children's languages (right to left too). Reached
 * with the same code the children answered with, once the consultation is closed and published.
 */
export function ChildResultsPage({ code }: { code: string }) {
  const [data, setData] = useState<KidsResultsOut | null | "missing">(null);
  const [lang, setLang] = useState<string>(() => navigator.language.slice(0, 2));
  useEffect(() => {
    fetch(`/api/children/join/${encodeURIComponent(code)}/results`, { credentials: "omit" })
      .then(async (r) => (r.ok ? kidsResultsOut.parse(await r.json()) : "missing"))
      .then(setData)
      .catch(() => setData("missing"));
  }, [code]);
  const shown = data && data !== "missing" && !data.languages.includes(lang) ? data.languages[0]! : lang;
  const t = resultsTexts(shown);
  const dir = isRightToLeft(shown) ? "rtl" : "ltr";
  useEffect(() => {
    document.documentElement.lang = shown;
    document.documentElement.dir = dir;
    if (data && data !== "missing") document.title = `${t("heading")} · ${pickText(data.title, shown)}`;
  }, [shown, dir, data, t]);
  if (data === null) return <main className="ch-child" aria-busy="true" />;
  if (data === "missing")
    return (
      <main className="ch-child ch-results" lang={shown} dir={dir}>
        <h1 className="ch-big">{t("notShared")}</h1>
      </main>
    );
  const pct = new Intl.NumberFormat(shown, { style: "percent", maximumFractionDigits: 0 });
  return (
    <main className="ch-child ch-results" lang={shown} dir={dir}>
      <header className="ch-child-head">
        <p className="ch-results__eyebrow">{pickText(data.title, shown)}</p>
        <h1 className="ch-results__title">{t("heading")}</h1>
        {data.languages.length > 1 && (
          <label className="ch-lang">
            {t("language")}
            <select value={shown} onChange={(e) => setLang(e.target.value)}>
              {data.languages.map((l) => (
                <option key={l} value={l}>
                  {new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <p className="ch-results__thanks">
        {data.children === null ? t("under") : t("thanks", { count: data.children })}
      </p>
      {data.questions.map((q) => (
        <section key={q.code} className="ch-card ch-results__question" aria-labelledby={`q-${q.code}`}>
          <h2 id={`q-${q.code}`}>{pickText(q.text, shown)}</h2>
          <ul className="ch-results__answers">
            {answersOf(q, shown, t).map((a) => {
              const count = q.counts[a.value] ?? 0;
              const share = q.children ? count / q.children : 0;
              return (
                <li key={a.value}>
                  <span className="ch-results__picture" aria-hidden="true">
                    {a.picture}
                  </span>
                  <span className="ch-results__answer">
                    {a.label && <span className="ch-results__label">{a.label}</span>}
                    <span className="ch-results__bar" aria-hidden="true">
                      <span style={{ inlineSize: `${Math.round(share * 100)}%` }} />
                    </span>
                    <span className="ch-results__share">
                      <strong>{pct.format(share)}</strong>{" "}
                      <span className="ch-results__count">{t("of", { count, total: q.children })}</span>
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {data.quotes.length > 0 && (
        <section className="ch-card" aria-labelledby="ch-words">
          <h2 id="ch-words">{t("words")}</h2>
          <ul className="ch-results__quotes">
            {[...new Set(data.quotes)].map((q) => (
              <li key={q}>
                <span aria-hidden="true">💬 </span>
                {q}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="ch-results__safe">
        <span aria-hidden="true">🔒 </span>
        {t("safe")}
      </p>
      <p className="ch-results__next">{t("next")}</p>
    </main>
  );
}
