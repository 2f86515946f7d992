import { type FormEvent, useState } from "react";
import { z } from "zod";
import { FOLLOW_KINDS, groupOut } from "../../server/api-schemas/network.ts";
import { sendApi } from "../api/send-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { formatSize } from "../review/format.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { Card, DateText, FormError, fieldText, SignedInRecord, useSend } from "./parts.tsx";
import { ReviewRightsCard } from "./review-rights-card.tsx";
import "./network.css";

type Group = z.infer<typeof groupOut>;

/**
 * A working group's space: its members and lead, the organisations taking part, its documents
 * with every version, its meetings with notes and decisions, and what it follows. Members write
 * here (documents, meetings, follows); its lead and the organisation's managers add people.
 */
export function GroupPage({ id }: { id: string }) {
  const { t } = useLanguage();
  return (
    <SignedInRecord
      url={`/api/network/groups/${id}`}
      schema={groupOut}
      here={paths.networkGroup(id)}
      title={t("nwGroup")}
      render={(group, reload) => <GroupView group={group} reload={reload} />}
    />
  );
}

function GroupView({ group: g, reload }: { group: Group; reload: () => void }) {
  const { t, lang } = useLanguage();
  return (
    <div className="nw-page">
      <p className="nw-crumb">
        <Link to={paths.network()}>{t("nwTitle")}</Link>
        {" › "}
        <Link to={paths.networkOrganisation(g.organisationId)}>{g.organisationName}</Link>
      </p>
      <PageTitle text={g.name} eyebrow={t("nwGroupKind", { kind: g.kind })}>
        <span dir="auto">{g.name}</span>
      </PageTitle>
      {g.description && (
        <p className="lead" dir="auto">
          {g.description}
        </p>
      )}
      <dl className="nw-facts">
        {g.dueOn && (
          <>
            <dt>{t("nwDueOn")}</dt>
            <dd>
              <DateText value={g.dueOn} />
            </dd>
          </>
        )}
        <dt>{t("nwThemes")}</dt>
        <dd>
          {g.themes.length
            ? g.themes.map((theme) => (
                <span key={theme} className="nw-tag" dir="auto">
                  {theme}
                </span>
              ))
            : "—"}
        </dd>
        <dt>{t("nwTakingPart")}</dt>
        <dd>
          {g.organisations.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ", "}
              <Link to={paths.networkOrganisation(o.id)}>
                <span dir="auto">{o.name}</span>
              </Link>
            </span>
          ))}
        </dd>
      </dl>

      <Card id="nw-group-members" title={t("nwGroupMembers")}>
        {g.members.length === 0 ? (
          <p>{t("nwNoGroupMembers")}</p>
        ) : (
          <ul className="nw-list">
            {g.members.map((m) => (
              <li key={m.userId}>
                <strong dir="auto">{m.name}</strong>
                {m.lead && <span className="nw-lead">{t("nwLead_")}</span>} <span dir="ltr">{m.email}</span>
                {g.canManage && <RemoveMember group={g} userId={m.userId} name={m.name} onDone={reload} />}
              </li>
            ))}
          </ul>
        )}
        {g.canManage && <AddPersonForm group={g} onDone={reload} />}
      </Card>

      <Card id="nw-documents" title={t("nwDocuments")}>
        {g.documents.length === 0 ? (
          <p>{t("nwNoDocuments")}</p>
        ) : (
          <ul className="nw-list">
            {g.documents.map((d) => (
              <li key={d.documentId}>
                <strong dir="auto">{d.title}</strong>
                <ul>
                  {d.versions.map((v) => (
                    <li key={v.fileId}>
                      <a href={`/api/network/groups/${g.id}/files/${v.fileId}`} download>
                        {t("nwVersion", { version: v.version })}: <span dir="ltr">{v.fileName}</span>
                      </a>{" "}
                      <span className="nw-muted">
                        ({formatSize(v.fileSize, lang)}, <DateText value={v.uploadedAt} />
                        {v.uploadedBy && <>, {v.uploadedBy}</>})
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {g.canWrite && <UploadForm group={g} onDone={reload} />}
      </Card>

      <Card id="nw-meetings" title={t("nwMeetings")}>
        {g.meetings.length === 0 ? (
          <p>{t("nwNoMeetings")}</p>
        ) : (
          <ul className="nw-list">
            {g.meetings.map((m) => (
              <li key={m.id}>
                <h3>
                  <DateText value={m.heldOn} /> — <span dir="auto">{m.title}</span>
                </h3>
                {m.notes && (
                  <p className="nw-notes" dir="auto">
                    {m.notes}
                  </p>
                )}
                {m.decisions.length > 0 && (
                  <>
                    <p className="nw-muted">{t("nwDecisions")}</p>
                    <ol>
                      {m.decisions.map((d, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: decisions are a fixed list
                        <li key={i} dir="auto">
                          {d}
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {g.canWrite && <MeetingForm group={g} onDone={reload} />}
      </Card>

      <Card id="nw-follows" title={t("nwFollows")}>
        {g.follows.length === 0 ? (
          <p>{t("nwNoFollows")}</p>
        ) : (
          <ul>
            {g.follows.map((f) => (
              <li key={`${f.kind}-${f.ref}`}>
                <span className="nw-tag">{t("nwFollowKind", { kind: f.kind.replaceAll("-", "_") })}</span>
                {f.kind === "recommendation" ? (
                  <Link to={paths.recommendation(f.ref)}>
                    <span dir="auto">{f.label}</span>
                  </Link>
                ) : (
                  <span dir="auto">{f.label}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {g.canWrite && <FollowForm group={g} onDone={reload} />}
      </Card>

      <ReviewRightsCard groupId={g.id} />
    </div>
  );
}

function AddPersonForm({ group: g, onDone }: { group: Group; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const ok = await send.run(async () => {
      await sendApi(
        "POST",
        `/api/network/groups/${g.id}/members`,
        { email: fieldText(form, "email"), lead: form.get("lead") === "on" },
        z.unknown(),
      );
    });
    if (ok) {
      element.reset();
      onDone();
    }
  }
  return (
    <form className="nw-form" aria-label={t("nwAddPerson")} onSubmit={(e) => void submit(e)}>
      <h3>{t("nwAddPerson")}</h3>
      <label>
        {t("nwAccountEmail")}
        <input name="email" type="email" required dir="ltr" />
      </label>
      <label className="nw-check">
        <input type="checkbox" name="lead" />
        {t("nwAsLead")}
      </label>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwAddPersonButton")}
        </button>
      </div>
    </form>
  );
}

function RemoveMember({
  group: g,
  userId,
  name,
  onDone,
}: {
  group: Group;
  userId: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  return (
    <>
      {" "}
      <button
        type="button"
        className="button button--small"
        aria-label={t("nwRemoveNamed", { name })}
        disabled={send.busy}
        onClick={() =>
          void send
            .run(async () => {
              await sendApi("DELETE", `/api/network/groups/${g.id}/members/${userId}`, undefined, z.null());
            })
            .then((ok) => ok && onDone())
        }
      >
        {t("nwRemove")}
      </button>
      <FormError error={send.error} />
    </>
  );
}

function UploadForm({ group: g, onDone }: { group: Group; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    if (!form.get("documentId")) form.delete("documentId");
    const ok = await send.run(async () => {
      await sendApi("POST", `/api/network/groups/${g.id}/documents`, form, z.unknown());
    });
    if (ok) {
      element.reset();
      onDone();
    }
  }
  return (
    <form className="nw-form" aria-label={t("nwUpload")} onSubmit={(e) => void submit(e)}>
      <h3>{t("nwUpload")}</h3>
      <div className="nw-grid">
        <label>
          {t("nwDocumentTitle")}
          <input name="title" maxLength={200} dir="auto" />
        </label>
        <label>
          {t("nwNewVersionOf")}
          <select name="documentId" defaultValue="">
            <option value="">{t("nwNewDocument")}</option>
            {g.documents.map((d) => (
              <option key={d.documentId} value={d.documentId}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t("nwFile")}
        <input name="file" type="file" required />
      </label>
      <p className="nw-muted">{t("nwFileRules")}</p>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwUploadButton")}
        </button>
      </div>
    </form>
  );
}

function MeetingForm({ group: g, onDone }: { group: Group; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  const [open, setOpen] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await send.run(async () => {
      await sendApi(
        "POST",
        `/api/network/groups/${g.id}/meetings`,
        {
          heldOn: fieldText(form, "heldOn"),
          title: fieldText(form, "title"),
          notes: fieldText(form, "notes"),
          decisions: fieldText(form, "decisions")
            .split("\n")
            .map((d) => d.trim())
            .filter(Boolean),
        },
        z.unknown(),
      );
    });
    if (ok) {
      setOpen(false);
      onDone();
    }
  }
  if (!open) {
    return (
      <p>
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t("nwRecordMeeting")}
        </button>
      </p>
    );
  }
  return (
    <form className="nw-form" aria-label={t("nwRecordMeeting")} onSubmit={(e) => void submit(e)}>
      <h3>{t("nwRecordMeeting")}</h3>
      <div className="nw-grid">
        <label>
          {t("nwHeldOn")}
          <input name="heldOn" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} />
        </label>
        <label>
          {t("nwMeetingTitle")}
          <input name="title" required maxLength={200} dir="auto" />
        </label>
      </div>
      <label>
        {t("nwNotes")}
        <textarea name="notes" rows={5} maxLength={20000} dir="auto" />
      </label>
      <label>
        {t("nwDecisionsInput")}
        <textarea name="decisions" rows={3} dir="auto" />
      </label>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwSaveMeeting")}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t("nwCancel")}
        </button>
      </div>
    </form>
  );
}

function FollowForm({ group: g, onDone }: { group: Group; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const ok = await send.run(async () => {
      await sendApi(
        "POST",
        `/api/network/groups/${g.id}/follows`,
        { kind: fieldText(form, "kind"), ref: fieldText(form, "ref") },
        z.null(),
      );
    });
    if (ok) {
      element.reset();
      onDone();
    }
  }
  return (
    <details>
      <summary>{t("nwFollow")}</summary>
      <form className="nw-form" aria-label={t("nwFollow")} onSubmit={(e) => void submit(e)}>
        <div className="nw-grid">
          <label>
            {t("nwColKind")}
            <select name="kind" defaultValue="indicator">
              {FOLLOW_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t("nwFollowKind", { kind: kind.replaceAll("-", "_") })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("nwFollowRef")}
            <input name="ref" required maxLength={100} dir="ltr" />
          </label>
        </div>
        <FormError error={send.error} />
        <div className="nw-actions">
          <button type="submit" className="button button--primary" disabled={send.busy}>
            {t("nwFollowButton")}
          </button>
        </div>
      </form>
    </details>
  );
}
