import { useState } from "react";
import { z } from "zod";
import { countWords, type Inline, parseRichText } from "../../core/index.ts";
import { reportOut, type SectionOut } from "../../server/api-schemas/reporting.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import "./reporting.css";

/**
 * One alternative report: a section per CRC cluster with its text (word count shown while
 * writing, against the Committee's limit), the sources it cites as links back to the evidence,
 * and suggested questions; saving is refused when someone saved the section meanwhile.
 */
export function ReportingReportPage({ id }: { id: string }) {
  const { t, lang } = useLanguage();
  const report = useApi(`/api/reporting/reports/${id}`, reportOut);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  if (report.status === "loading") return <Loading />;
  if (report.status === "error") {
    return (
      <div className="rp-page">
        <PageTitle text={t("rpReportsNav")}>{t("rpReportsNav")}</PageTitle>
        <ErrorMessage message={report.message} onRetry={report.reload} />
      </div>
    );
  }
  const r = report.data;
  const words = r.sections.reduce((sum, s) => sum + countWords(drafts[s.key] ?? s.body), 0);
  const over = r.wordLimit ? words - r.wordLimit : 0;
  return (
    <div className="rp-page rp-report">
      <PageTitle text={r.title}>{r.title}</PageTitle>
      <p className="lead">
        {r.countryName}
        {r.review ? ` · ${r.review}` : ""}
      </p>
      <div className="rp-report__bar">
        <p className={`rp-words${over > 0 ? " rp-words--over" : ""}`} aria-live="polite">
          {r.wordLimit
            ? t("rpWordsOfLimit", {
                count: words.toLocaleString(lang),
                limit: r.wordLimit.toLocaleString(lang),
              })
            : t("rpWords", { count: words })}
          {over > 0 && ` — ${t("rpOverLimit", { count: over.toLocaleString(lang) })}`}
        </p>
        {r.wordLimit && (
          <meter min={0} max={r.wordLimit} value={Math.min(words, r.wordLimit)} aria-hidden="true" />
        )}
        <a className="button" href={`/api/reporting/reports/${id}/report.docx`}>
          {t("rpExportDocx")}
        </a>
        <a className="button" href={`/api/reporting/reports/${id}/report.pdf`}>
          {t("rpExportPdf")}
        </a>
      </div>
      {!r.mayEdit && <p className="rp-note">{t("rpReadOnly")}</p>}
      {r.sections.map((s) => (
        <Section
          key={s.key}
          reportId={id}
          section={s}
          mayEdit={r.mayEdit}
          onDraft={(text) => setDrafts((d) => ({ ...d, [s.key]: text }))}
        />
      ))}
    </div>
  );
}

function Section({
  reportId,
  section,
  mayEdit,
  onDraft,
}: {
  reportId: string;
  section: SectionOut;
  mayEdit: boolean;
  onDraft: (text: string) => void;
}) {
  const { t } = useLanguage();
  const [text, setText] = useState(section.body);
  const [version, setVersion] = useState(section.version);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "conflict" | "error">("idle");
  const [message, setMessage] = useState("");
  const save = async () => {
    setStatus("saving");
    try {
      const saved = await sendApi(
        "PUT",
        `/api/reporting/reports/${reportId}/sections/${section.key}`,
        { body: text, expectedVersion: version },
        z.object({ version: z.number(), words: z.number(), body: z.string() }),
      );
      setVersion(saved.version);
      setText(saved.body);
      setStatus("saved");
    } catch (e) {
      setStatus(e instanceof ApiRequestError && e.status === 409 ? "conflict" : "error");
      setMessage((e as Error).message);
    }
  };
  const loadCurrent = async () => {
    const fresh = await fetch(`/api/reporting/reports/${reportId}`).then((r) => r.json());
    const current = reportOut.parse(fresh).sections.find((s) => s.key === section.key);
    if (current) {
      setText(current.body);
      setVersion(current.version);
      onDraft(current.body);
      setStatus("idle");
    }
  };
  const fieldId = `rp-section-${section.key}`;
  return (
    <section className="rp-section" aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>{section.title}</h2>
      <p className="rp-meta">
        {t("rpWords", { count: countWords(text) })} ·{" "}
        {t("rpVersion", { version, who: section.updatedBy ?? "—" })}
      </p>
      {mayEdit ? (
        <>
          <label className="visually-hidden" htmlFor={fieldId}>
            {t("rpSectionText", { title: section.title })}
          </label>
          <div className="rp-toolbar" role="toolbar" aria-label={t("reFormatHelp")}>
            {(
              [
                ["reHeading", "## ", ""],
                ["reBold", "**", "**"],
                ["reItalic", "*", "*"],
                ["reList", "- ", ""],
                ["reLink", "[", "](https://)"],
              ] as const
            ).map(([label, before, after]) => (
              <button
                key={label}
                type="button"
                onClick={() => {
                  const area = document.getElementById(fieldId) as HTMLTextAreaElement | null;
                  const from = area?.selectionStart ?? text.length;
                  const to = area?.selectionEnd ?? text.length;
                  const next = `${text.slice(0, from)}${before}${text.slice(from, to)}${after}${text.slice(to)}`;
                  setText(next);
                  onDraft(next);
                }}
              >
                {t(label)}
              </button>
            ))}
          </div>
          <p className="rp-source">{t("reFormatHelp")}</p>
          <textarea
            id={fieldId}
            className="rp-text"
            value={text}
            rows={Math.min(18, Math.max(6, Math.ceil(text.length / 90)))}
            onChange={(e) => {
              setText(e.target.value);
              onDraft(e.target.value);
              if (status === "saved") setStatus("idle");
            }}
          />
          <p className="rp-actions">
            <button type="button" disabled={status === "saving"} onClick={() => void save()}>
              {t("rpSave")}
            </button>
            {status === "saved" && <span role="status">{t("rpSaved", { version })}</span>}
            {status === "error" && <span role="alert">{message}</span>}
          </p>
          {status === "conflict" && (
            <div role="alert" className="rp-conflict">
              <p>{t("rpConflict")}</p>
              <button type="button" onClick={() => void loadCurrent()}>
                {t("rpLoadCurrent")}
              </button>
            </div>
          )}
        </>
      ) : (
        <RichText text={section.body} />
      )}
      {section.citations.length > 0 && (
        <details className="rp-sources" open>
          <summary>{t("rpSources")}</summary>
          <ol>
            {section.citations.map((c) => (
              <li key={c.n} value={c.n}>
                <span className="rp-tag">{t("rpCitationKind", { kind: c.kind })}</span>{" "}
                {c.href ? (
                  c.href.startsWith("/api/") || !c.href.startsWith("/") ? (
                    <a href={c.href}>{c.label}</a>
                  ) : (
                    <Link to={c.href}>{c.label}</Link>
                  )
                ) : (
                  c.label
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
      {section.questions.length > 0 && (
        <details className="rp-questions">
          <summary>{t("rpQuestions")}</summary>
          <ul>
            {section.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function InlineNodes({ nodes }: { nodes: readonly Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        const key = `${i}-${n.type}`;
        if (n.type === "text") return <span key={key}>{n.text}</span>;
        if (n.type === "bold")
          return (
            <strong key={key}>
              <InlineNodes nodes={n.children} />
            </strong>
          );
        if (n.type === "italic")
          return (
            <em key={key}>
              <InlineNodes nodes={n.children} />
            </em>
          );
        return (
          <a key={key} href={n.href} rel="noopener noreferrer">
            <InlineNodes nodes={n.children} />
          </a>
        );
      })}
    </>
  );
}

/** A section's rich text as React elements (the text is never parsed as HTML). */
function RichText({ text }: { text: string }) {
  return (
    <>
      {parseRichText(text).map((b, i) => {
        const key = `${i}-${b.type}`;
        if (b.type === "heading")
          return b.level === 3 ? (
            <h3 key={key}>
              <InlineNodes nodes={b.children} />
            </h3>
          ) : (
            <h4 key={key}>
              <InlineNodes nodes={b.children} />
            </h4>
          );
        if (b.type === "paragraph")
          return (
            <p key={key}>
              <InlineNodes nodes={b.children} />
            </p>
          );
        const items = b.items.map((item, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place.
          <li key={j}>
            <InlineNodes nodes={item} />
          </li>
        ));
        return b.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
      })}
    </>
  );
}
