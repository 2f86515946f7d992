import { useId, useState } from "react";
import { type CommentOut, commentOut } from "../../server/api-schemas/review.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { formatDateTime } from "./format.ts";
import { LiveNotice, useNotice } from "./live-notice.tsx";

/** A comment thread; rework requests stand out. Bodies are plain text with their line breaks kept. */
export function CommentThread({ comments }: { comments: CommentOut[] }) {
  const { t, lang } = useLanguage();
  if (comments.length === 0) return <p className="muted">{t("rvCommentsNone")}</p>;
  return (
    <ol className="rv-comments">
      {comments.map((c) => (
        <li key={c.id} className={c.kind === "rework" ? "rv-comment rv-comment--rework" : "rv-comment"}>
          <p className="rv-meta">
            <strong>{c.author}</strong> ·{" "}
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time>
            {c.kind === "rework" && <span className="rv-badge rv-badge--rework">{t("rvReworkComment")}</span>}
          </p>
          <p className="rv-text" dir="auto">
            {c.body}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The Comments tab: the thread and, for those who may comment, a form to add one. */
export function CommentsPanel({
  endpoint,
  comments,
  canComment,
  onPosted,
}: {
  endpoint: string;
  comments: CommentOut[];
  canComment: boolean;
  onPosted: () => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const { notice, say } = useNotice();

  async function post() {
    setBusy(true);
    try {
      await sendApi("POST", endpoint, { body: text }, commentOut);
      setText("");
      say(t("rvPosted"));
      onPosted();
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rv-panel">
      <CommentThread comments={comments} />
      <LiveNotice notice={notice} />
      {canComment && (
        <form
          className="rv-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim()) void post();
          }}
        >
          <div className="rv-field">
            <label htmlFor={`${id}-comment`}>{t("rvCommentLabel")}</label>
            <textarea
              id={`${id}-comment`}
              rows={3}
              value={text}
              required
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>
            {busy ? t("rvWorking") : t("rvPost")}
          </button>
        </form>
      )}
    </div>
  );
}
