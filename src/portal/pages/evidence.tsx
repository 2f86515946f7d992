import type { ReactNode } from "react";
import type { PublicEvidence, ReleaseAnswer } from "../../core/index.ts";
import type { PageEnv } from "../context.ts";

function isWebAddress(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

/** A date written as YYYY, YYYY-MM or YYYY-MM-DD, shown as it was given (no invented precision). */
function sourceDate(env: PageEnv, value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? env.date(`${value}T00:00:00Z`) : value;
}

function Source({ env, source }: { env: PageEnv; source: PublicEvidence }) {
  const parts: { key: string; node: ReactNode }[] = [];
  if (source.citation) parts.push({ key: "citation", node: source.citation });
  if (source.legalReference)
    parts.push({ key: "legal", node: env.t("legalReference", { ref: source.legalReference }) });
  if (source.fileName) parts.push({ key: "file", node: env.t("document", { name: source.fileName }) });
  if (isWebAddress(source.url))
    parts.push({
      key: "url",
      node: (
        <a href={source.url} rel="nofollow noopener" className="source__url">
          {source.url}
        </a>
      ),
    });
  if (source.sourceDate)
    parts.push({
      key: "date",
      node: (
        <span className="source__date">
          {env.t("sourceDate", { date: sourceDate(env, source.sourceDate) })}
        </span>
      ),
    });
  return (
    <li className="source" dir="auto">
      {parts.map((p, i) => (
        <span key={p.key}>
          {i > 0 && " · "}
          {p.node}
        </span>
      ))}
    </li>
  );
}

/** The public sources of an answer, and why it does not apply when it does not. */
export function Sources({ env, answer }: { env: PageEnv; answer: ReleaseAnswer | undefined }) {
  const evidence = answer?.evidence ?? [];
  return (
    <>
      {answer?.value === "na" && answer.justification && (
        <p className="justification" dir="auto">
          {env.t("justification", { text: answer.justification })}
        </p>
      )}
      {evidence.length ? (
        <ul className="sources">
          {evidence.map((s) => (
            <Source key={JSON.stringify(s)} env={env} source={s} />
          ))}
        </ul>
      ) : (
        <span className="muted">{env.t("noSources")}</span>
      )}
    </>
  );
}
