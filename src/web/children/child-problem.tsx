import { type ChildProblem, type ChildWords, isPassing, problemWords } from "./child-words.ts";

/**
 * A child's page that could not open: why, in the child's words and language, and "Try again"
 * when trying again may work (no connection, the server busy or failing).
 */
export function ChildProblemPage({
  problem,
  t,
  lang,
  dir,
  className = "ch-child",
  onRetry,
}: {
  problem: ChildProblem;
  t: ChildWords;
  lang: string;
  dir: "rtl" | "ltr";
  className?: string;
  onRetry: () => void;
}) {
  return (
    <main className={className} lang={lang} dir={dir}>
      <h1 className="ch-big">{t(problemWords(problem))}</h1>
      {isPassing(problem) && (
        <button type="button" className="ch-primary" onClick={onRetry}>
          {t("kidRetry")}
        </button>
      )}
    </main>
  );
}
