import { z } from "zod";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { Loaded } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { AdminGate } from "./admin-gate.tsx";

/* The outbox shape lives in server/auth (not importable here), so the web checks its own copy. */
const outboxList = z.array(
  z.object({
    id: z.string(),
    toEmail: z.string(),
    subject: z.string(),
    bodyText: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    error: z.string().nullable(),
  }),
);

/** Platform admins read the e-mail Childmark sent (or would have sent without SMTP). */
export function OutboxPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageTitle text={t("outboxTitle")}>{t("outboxTitle")}</PageTitle>
      <p className="lead">{t("outboxLead")}</p>
      <AdminGate action="outbox:read">{() => <Messages />}</AdminGate>
    </>
  );
}

function Messages() {
  const { t, lang } = useLanguage();
  const messages = useApi("/api/admin/outbox", outboxList);
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Loaded states={[messages]}>
      {(list) =>
        list.length === 0 ? (
          <p className="empty-note">{t("noMessages")}</p>
        ) : (
          <ol className="outbox">
            {list.map((m) => (
              <li key={m.id} className="card outbox__message">
                <h2 className="outbox__subject">{m.subject}</h2>
                <dl className="outbox__facts">
                  <div>
                    <dt>{t("to")}</dt>
                    <dd dir="ltr">{m.toEmail}</dd>
                  </div>
                  <div>
                    <dt>{t("time")}</dt>
                    <dd>
                      <time dateTime={m.createdAt}>{when.format(new Date(m.createdAt))}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("status")}</dt>
                    <dd className={m.error ? "outbox__error" : undefined}>
                      {m.error
                        ? `⚠ ${t("sendError", { error: m.error })}`
                        : m.sentAt
                          ? `✓ ${t("sent")}`
                          : t("notSent")}
                    </dd>
                  </div>
                </dl>
                <details>
                  <summary>{t("showMessage")}</summary>
                  <pre className="outbox__body" dir="ltr">
                    {m.bodyText}
                  </pre>
                </details>
              </li>
            ))}
          </ol>
        )
      }
    </Loaded>
  );
}
