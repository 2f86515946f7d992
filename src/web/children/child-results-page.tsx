import { useEffect, useState } from "react";
import { pickText, someQuotes } from "../../core/index.ts";
import { type KidsResultsOut, kidsResultsOut } from "../../server/api-schemas/children.ts";
import { ChildProblemPage } from "./child-problem.tsx";
import "./children.css";
import {
  type ChildProblem,
  type ChildWords,
  FIXED_ANSWERS,
  firstLanguage,
  problemOf,
  useChildWords,
} from "./child-words.ts";

/** The answers of a question with their pictures and words: choices as children saw them, faces happiest first. */
function answersOf(q: KidsResultsOut["questions"][number], lang: string, t: ChildWords) {
  const fixed = FIXED_ANSWERS[q.type];
  // Faces are read happiest first, as results are.
  const order = fixed && q.type.startsWith("smiley") ? [...fixed].reverse() : fixed;
  if (order) return order.map(([value, picture, words]) => ({ value, picture, label: t(words) }));
  return q.options.map((o) => ({ value: o.value, picture: o.picture ?? "", label: pickText(o.label, lang) }));
}

/**
 * The results a coalition shares back with the children who took part: simple words, a picture
 * and a big bar per answer, large text, in the children's languages (right to left too). Reached
 * with the same code the children answered with, once the consultation is closed and published.
 */
export function ChildResultsPage({ code }: { code: string }) {
  const [data, setData] = useState<KidsResultsOut | null | { problem: ChildProblem }>(null);
  const [lang, setLang] = useState<string>(firstLanguage);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is listed so that "Try again" re-runs the request.
  useEffect(() => {
    fetch(`/api/children/join/${encodeURIComponent(code)}/results`, { credentials: "omit" })
      .then(async (r) =>
        r.ok ? kidsResultsOut.parse(await r.json()) : { problem: await problemOf(r, "not-shared") },
      )
      .then(setData)
      .catch(() => setData({ problem: "offline" }));
  }, [code, attempt]);
  const results = data && !("problem" in data) ? data : null;
  const shown = results && !results.languages.includes(lang) ? results.languages[0]! : lang;
  const { t, dir, ready, wordsLang } = useChildWords(shown);
  const heading = t("kidResHeading");
  useEffect(() => {
    if (!ready) return;
    document.documentElement.lang = results ? shown : wordsLang;
    document.documentElement.dir = dir;
    if (results) document.title = `${heading} · ${pickText(results.title, shown)}`;
  }, [ready, shown, wordsLang, dir, results, heading]);
  if (data === null || !ready) return <main className="ch-child" aria-busy="true" />;
  if ("problem" in data)
    return (
      <ChildProblemPage
        problem={data.problem}
        t={t}
        lang={wordsLang}
        dir={dir}
        className="ch-child ch-results"
        onRetry={() => {
          setData(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  const pct = new Intl.NumberFormat(shown, { style: "percent", maximumFractionDigits: 0 });
  return (
    <main className="ch-child ch-results" lang={shown} dir={dir}>
      <header className="ch-child-head">
        <p className="ch-results__eyebrow">{pickText(data.title, shown)}</p>
        <h1 className="ch-results__title">{heading}</h1>
        {data.languages.length > 1 && (
          <label className="ch-lang">
            {t("kidLanguage")}
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
        {data.children === null ? t("kidResUnder") : t("kidResThanks", { count: data.children })}
      </p>
      {data.questions.map((q) => (
        <section key={q.code} className="ch-card ch-results__question" aria-labelledby={`q-${q.code}`}>
          <h2 id={`q-${q.code}`} dir="auto">
            {pickText(q.text, shown)}
          </h2>
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
                    {a.label && <bdi className="ch-results__label">{a.label}</bdi>}
                    <span className="ch-results__bar" aria-hidden="true">
                      <span style={{ inlineSize: `${Math.round(share * 100)}%` }} />
                    </span>
                    <span className="ch-results__share">
                      <strong>{pct.format(share)}</strong>{" "}
                      <span className="ch-results__count">{t("kidResOf", { count, total: q.children })}</span>
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
          <h2 id="ch-words">{t("kidResWords")}</h2>
          <ul className="ch-results__quotes">
            {someQuotes(data.quotes, 12).map((q) => (
              <li key={q} dir="auto">
                <span aria-hidden="true">💬 </span>
                {q}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="ch-results__safe">
        <span aria-hidden="true">🔒 </span>
        {t("kidResSafe")}
      </p>
      <p className="ch-results__next">{t("kidResNext")}</p>
    </main>
  );
}
