import { type FormEvent, useState } from "react";
import { z } from "zod";
import { MEMBERSHIP_STATUSES } from "../../core/index.ts";
import {
  groupSummaryOut,
  historyOut,
  type organisationOut,
  organisationOut as organisationSchema,
  peopleOut,
} from "../../server/api-schemas/network.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { directionOf } from "../i18n/messages.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { describeHistoryChange } from "./describe-history.ts";
import { ImportMembersForm } from "./import-members-form.tsx";
import { Card, DateText, FormError, fieldList, fieldText, SignedInRecord, useSend } from "./parts.tsx";
import "./network.css";

type Organisation = z.infer<typeof organisationOut>;

/**
 * One organisation of the network: its profile and membership, its member organisations, its
 * working groups, its people and invitations, and the history of every change. Those who manage
 * it edit the profile, invite people, add members and start working groups here.
 */
export function OrganisationPage({ id }: { id: string }) {
  const { t } = useLanguage();
  // Kept above the record: reloading it after an import unmounts the view, not this notice.
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <SignedInRecord
      url={`/api/network/organisations/${id}`}
      schema={organisationSchema}
      here={paths.networkOrganisation(id)}
      title={t("nwOrganisation")}
      render={(organisation, reload) => (
        <OrganisationView
          key={organisation.version}
          organisation={organisation}
          reload={reload}
          notice={notice}
          setNotice={setNotice}
        />
      )}
    />
  );
}

function OrganisationView({
  organisation: o,
  reload,
  notice,
  setNotice,
}: {
  organisation: Organisation;
  reload: () => void;
  notice: string | null;
  setNotice: (text: string | null) => void;
}) {
  const { t } = useLanguage();
  const [editing, setEditing] = useState(false);
  const history = useApi(`/api/network/organisations/${o.id}/history`, z.array(historyOut));
  const people = useApi(`/api/network/organisations/${o.id}/people`, peopleOut);
  const groups = useApi("/api/network/groups", z.array(groupSummaryOut));
  const reloadAll = () => {
    reload();
    history.reload();
    people.reload();
  };
  const dates = [
    ["nwApplied", o.appliedOn],
    ["nwJoined", o.joinedOn],
    ["nwSuspended", o.suspendedOn],
    ["nwLeft", o.leftOn],
  ] as const;
  return (
    <div className="nw-page">
      <p className="nw-crumb">
        <Link to={paths.network()}>{t("nwTitle")}</Link>
        {o.parentId && o.parentName && (
          <>
            {" › "}
            <Link to={paths.networkOrganisation(o.parentId)}>{o.parentName}</Link>
          </>
        )}
      </p>
      <PageTitle text={o.name} eyebrow={t("nwKind", { kind: o.kind })}>
        <span dir="auto">{o.name}</span>
      </PageTitle>
      {o.description && (
        <p className="lead" dir="auto">
          {o.description}
        </p>
      )}

      <Card id="nw-profile" title={t("nwProfile")}>
        {editing ? (
          <ProfileForm
            organisation={o}
            onDone={(saved) => {
              setEditing(false);
              if (saved) reloadAll();
            }}
          />
        ) : (
          <>
            <dl className="nw-facts">
              <dt>{t("nwColCountry")}</dt>
              <dd>{o.countryCode ?? "—"}</dd>
              <dt>{t("nwColStatus")}</dt>
              <dd className={`nw-status-${o.status}`}>{t("nwStatus", { status: o.status })}</dd>
              {dates
                .filter(([, value]) => value)
                .map(([key, value]) => (
                  <Fact key={key} label={t(key)}>
                    <DateText value={value} />
                  </Fact>
                ))}
              <dt>{t("nwThemes")}</dt>
              <dd>
                {o.themes.length
                  ? o.themes.map((theme) => (
                      <span key={theme} className="nw-tag" dir="auto">
                        {theme}
                      </span>
                    ))
                  : "—"}
              </dd>
              <dt>{t("nwArticles")}</dt>
              <dd>{o.crcArticles.length ? o.crcArticles.join(", ") : "—"}</dd>
              <dt>{t("nwWebsite")}</dt>
              <dd>
                {o.website ? (
                  <a href={o.website} rel="noopener noreferrer" target="_blank" dir="ltr">
                    {o.website}
                  </a>
                ) : (
                  "—"
                )}
              </dd>
              <dt>{t("nwEmail")}</dt>
              <dd dir="ltr">{o.contactEmail ?? "—"}</dd>
              <dt>{t("nwPhone")}</dt>
              <dd dir="ltr">{o.contactPhone ?? "—"}</dd>
              <dt>{t("nwDirectory")}</dt>
              <dd>
                {o.listedInDirectory
                  ? o.publishesContacts
                    ? t("nwListedWithContacts")
                    : t("nwListed")
                  : t("nwNotListed")}
              </dd>
              <dt>{t("nwLogo")}</dt>
              <dd>
                {o.logo ? (
                  <>
                    <img
                      className="nw-logo"
                      src={`/api/network/organisations/${o.id}/logo?v=${o.logo.sha256.slice(0, 12)}`}
                      alt={t("nwLogoAlt", { name: o.name })}
                    />
                    <span className="nw-muted">
                      {o.listedInDirectory && o.publishesLogo ? t("nwLogoPublic") : t("nwLogoPrivate")}
                    </span>
                  </>
                ) : (
                  t("nwNoLogo")
                )}
              </dd>
            </dl>
            {o.canManage && <LogoForm organisation={o} onDone={reloadAll} />}
            {o.canManage && (
              <p>
                <button type="button" className="button" onClick={() => setEditing(true)}>
                  {t("nwEdit")}
                </button>
              </p>
            )}
          </>
        )}
        {o.nextStatuses.length > 0 && <StatusForm organisation={o} onDone={reloadAll} />}
      </Card>

      <Card id="nw-members" title={t("nwMemberOrganisations")}>
        {notice && (
          <p className="nw-ok" role="status">
            {notice}
          </p>
        )}
        {o.members.length === 0 ? (
          <p>{t("nwNoMembers")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("nwColName")}</th>
                  <th scope="col">{t("nwColKind")}</th>
                  <th scope="col">{t("nwColStatus")}</th>
                  <th scope="col">{t("nwDirectory")}</th>
                </tr>
              </thead>
              <tbody>
                {o.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={paths.networkOrganisation(m.id)}>
                        <span dir="auto">{m.name}</span>
                      </Link>
                    </th>
                    <td>{t("nwKind", { kind: m.kind })}</td>
                    <td className={`nw-status-${m.status}`}>{t("nwStatus", { status: m.status })}</td>
                    <td>{m.listedInDirectory ? t("nwListed") : t("nwNotListed")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {o.canManage && (o.kind === "coalition" || o.kind === "regional") && (
          <>
            <AddMemberForm organisation={o} onDone={reloadAll} />
            <ImportMembersForm
              organisationId={o.id}
              onDone={(text) => {
                setNotice(text);
                reloadAll();
              }}
            />
          </>
        )}
      </Card>

      <Card id="nw-groups" title={t("nwGroups")}>
        {groups.status === "loading" && <Loading />}
        {groups.status === "error" && <ErrorMessage message={groups.message} onRetry={groups.reload} />}
        {groups.status === "ok" &&
          (groups.data.filter((g) => g.organisationId === o.id).length === 0 ? (
            <p>{t("nwNoGroupsHere")}</p>
          ) : (
            <ul>
              {groups.data
                .filter((g) => g.organisationId === o.id)
                .map((g) => (
                  <li key={g.id}>
                    <Link to={paths.networkGroup(g.id)}>
                      <span dir="auto">{g.name}</span>
                    </Link>{" "}
                    <span className="nw-muted">
                      {t("nwGroupCounts", { members: g.memberCount, documents: g.documentCount })}
                    </span>
                  </li>
                ))}
            </ul>
          ))}
        {o.canManage && <NewGroupForm organisation={o} />}
      </Card>

      <Card id="nw-people" title={t("nwPeople")}>
        {people.status === "loading" && <Loading />}
        {people.status === "error" && <ErrorMessage message={people.message} onRetry={people.reload} />}
        {people.status === "ok" && (
          <>
            {people.data.people.length === 0 ? (
              <p>{t("nwNoPeople")}</p>
            ) : (
              <ul className="nw-list">
                {people.data.people.map((p) => (
                  <li key={p.userId}>
                    <strong dir="auto">{p.name}</strong> <span dir="ltr">{p.email}</span>
                    <br />
                    <span className="nw-muted">
                      {p.roles.map((role) => t("nwRole", { role })).join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {people.data.invited.length > 0 && (
              <>
                <h3>{t("nwInvited")}</h3>
                <ul>
                  {people.data.invited.map((i) => (
                    <li key={i.email}>
                      <span dir="ltr">{i.email}</span> — {t("nwRole", { role: i.role })} ({t("nwExpires")}{" "}
                      <DateText value={i.expiresAt} />)
                    </li>
                  ))}
                </ul>
              </>
            )}
            {o.canManage && people.data.grantableRoles.length > 0 && (
              <InviteForm organisation={o} roles={people.data.grantableRoles} onDone={people.reload} />
            )}
          </>
        )}
      </Card>

      <Card id="nw-history" title={t("nwHistory")}>
        {history.status === "loading" && <Loading />}
        {history.status === "error" && <ErrorMessage message={history.message} onRetry={history.reload} />}
        {history.status === "ok" &&
          (history.data.length === 0 ? (
            <p>{t("nwNoHistory")}</p>
          ) : (
            <ul className="nw-list">
              {history.data.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and never move
                <li key={i}>
                  <strong>{t("nwChange", { change: h.change.replaceAll("-", "_") })}</strong> —{" "}
                  <DateText value={h.changedAt} />
                  {h.changedBy && <> · {h.changedBy}</>}
                  <ChangeDetails before={h.before} after={h.after} />
                  {h.reason && (
                    <div dir="auto">
                      {t("nwReason")}: {h.reason}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          ))}
      </Card>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** What a change of the history touched: each field by its label, before → after, in the reader's language. */
function ChangeDetails({
  before,
  after,
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}) {
  const { t, lang } = useLanguage();
  const fields = describeHistoryChange(before, after, lang, t);
  if (!fields.length) return null;
  const arrow = directionOf(lang) === "rtl" ? "←" : "→";
  return (
    <ul className="nw-changes">
      {fields.map((f) => (
        <li key={f.field}>
          <span className="nw-changes__field">{f.label}:</span>{" "}
          {f.before !== undefined && (
            <>
              <bdi>{f.before}</bdi> {arrow}{" "}
            </>
          )}
          <bdi>{f.after}</bdi>
        </li>
      ))}
    </ul>
  );
}

function ProfileForm({
  organisation: o,
  onDone,
}: {
  organisation: Organisation;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await send.run(async () => {
      await sendApi(
        "PUT",
        `/api/network/organisations/${o.id}`,
        {
          name: fieldText(form, "name"),
          names: o.names,
          kind: o.kind,
          countryCode: o.countryCode,
          description: fieldText(form, "description") || null,
          themes: fieldList(form, "themes"),
          crcArticles: fieldList(form, "crcArticles").map(Number),
          website: fieldText(form, "website") || null,
          contactEmail: fieldText(form, "contactEmail") || null,
          contactPhone: fieldText(form, "contactPhone") || null,
          listedInDirectory: form.get("listedInDirectory") === "on",
          publishesContacts: form.get("publishesContacts") === "on",
          publishesLogo: form.get("publishesLogo") === "on",
          latitude: o.latitude,
          longitude: o.longitude,
          expectedVersion: o.version,
        },
        z.unknown(),
      );
    });
    if (ok) onDone(true);
  }
  return (
    <form className="nw-form" aria-label={t("nwEdit")} onSubmit={(e) => void submit(e)}>
      <label>
        {t("nwColName")}
        <input name="name" defaultValue={o.name} required maxLength={200} dir="auto" />
      </label>
      <label>
        {t("nwDescription")}
        <textarea
          name="description"
          defaultValue={o.description ?? ""}
          rows={3}
          maxLength={4000}
          dir="auto"
        />
      </label>
      <div className="nw-grid">
        <label>
          {t("nwThemesInput")}
          <input name="themes" defaultValue={o.themes.join(", ")} dir="auto" />
        </label>
        <label>
          {t("nwArticlesInput")}
          <input name="crcArticles" defaultValue={o.crcArticles.join(", ")} inputMode="numeric" />
        </label>
        <label>
          {t("nwWebsite")}
          <input name="website" type="url" defaultValue={o.website ?? ""} dir="ltr" />
        </label>
        <label>
          {t("nwEmail")}
          <input name="contactEmail" type="email" defaultValue={o.contactEmail ?? ""} dir="ltr" />
        </label>
        <label>
          {t("nwPhone")}
          <input name="contactPhone" defaultValue={o.contactPhone ?? ""} dir="ltr" />
        </label>
      </div>
      <label className="nw-check">
        <input type="checkbox" name="listedInDirectory" defaultChecked={o.listedInDirectory} />
        {t("nwListInDirectory")}
      </label>
      <label className="nw-check">
        <input type="checkbox" name="publishesContacts" defaultChecked={o.publishesContacts} />
        {t("nwPublishContacts")}
      </label>
      <label className="nw-check">
        <input type="checkbox" name="publishesLogo" defaultChecked={o.publishesLogo} />
        {t("nwPublishLogo")}
      </label>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwSave")}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          {t("nwCancel")}
        </button>
      </div>
    </form>
  );
}

/** Upload (or replace) the organisation's logo, or remove it. */
function LogoForm({ organisation: o, onDone }: { organisation: Organisation; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = new FormData(event.currentTarget);
    body.set("expectedVersion", String(o.version));
    const ok = await send.run(async () => {
      await sendApi("PUT", `/api/network/organisations/${o.id}/logo`, body, z.unknown());
    });
    if (ok) onDone();
  }
  async function remove() {
    const ok = await send.run(async () => {
      await sendApi(
        "DELETE",
        `/api/network/organisations/${o.id}/logo?expectedVersion=${o.version}`,
        undefined,
        z.unknown(),
      );
    });
    if (ok) onDone();
  }
  return (
    <form className="nw-form" aria-label={t("nwLogoUpload")} onSubmit={(e) => void upload(e)}>
      <label>
        {t("nwLogoFile")}
        <input
          name="file"
          type="file"
          required
          accept=".png,.jpg,.jpeg,.gif,.webp,image/png,image/jpeg,image/gif,image/webp"
        />
      </label>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button" disabled={send.busy}>
          {t("nwLogoUpload")}
        </button>
        {o.logo && (
          <button type="button" className="button" disabled={send.busy} onClick={() => void remove()}>
            {t("nwLogoRemove")}
          </button>
        )}
      </div>
    </form>
  );
}

function StatusForm({ organisation: o, onDone }: { organisation: Organisation; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await send.run(async () => {
      await sendApi(
        "POST",
        `/api/network/organisations/${o.id}/status`,
        {
          status: fieldText(form, "status"),
          reason: fieldText(form, "reason") || null,
          expectedVersion: o.version,
        },
        z.unknown(),
      );
    });
    if (ok) onDone();
  }
  return (
    <form className="nw-form" aria-label={t("nwChangeStatus")} onSubmit={(e) => void submit(e)}>
      <h3>{t("nwChangeStatus")}</h3>
      <div className="nw-grid">
        <label>
          {t("nwNewStatus")}
          <select name="status" defaultValue={o.nextStatuses[0]}>
            {MEMBERSHIP_STATUSES.filter((s) => o.nextStatuses.includes(s)).map((s) => (
              <option key={s} value={s}>
                {t("nwStatus", { status: s })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("nwReason")}
          <input name="reason" maxLength={2000} dir="auto" />
        </label>
      </div>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwChangeStatusButton")}
        </button>
      </div>
    </form>
  );
}

function AddMemberForm({ organisation: o, onDone }: { organisation: Organisation; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const ok = await send.run(async () => {
      await sendApi(
        "POST",
        "/api/network/organisations",
        {
          parentId: o.id,
          name: fieldText(form, "name"),
          kind: fieldText(form, "kind"),
          countryCode: o.countryCode,
          themes: fieldList(form, "themes"),
          contactEmail: fieldText(form, "contactEmail") || null,
        },
        z.unknown(),
      );
    });
    if (ok) {
      element.reset();
      onDone();
    }
  }
  return (
    <details>
      <summary>{t("nwAddMember")}</summary>
      <form className="nw-form" aria-label={t("nwAddMember")} onSubmit={(e) => void submit(e)}>
        <div className="nw-grid">
          <label>
            {t("nwColName")}
            <input name="name" required maxLength={200} dir="auto" />
          </label>
          <label>
            {t("nwColKind")}
            <select name="kind" defaultValue="member">
              {["member", "partner", "donor", ...(o.kind === "regional" ? ["coalition"] : [])].map((kind) => (
                <option key={kind} value={kind}>
                  {t("nwKind", { kind })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("nwThemesInput")}
            <input name="themes" dir="auto" />
          </label>
          <label>
            {t("nwEmail")}
            <input name="contactEmail" type="email" dir="ltr" />
          </label>
        </div>
        <FormError error={send.error} />
        <div className="nw-actions">
          <button type="submit" className="button button--primary" disabled={send.busy}>
            {t("nwAddMemberButton")}
          </button>
        </div>
      </form>
    </details>
  );
}

function NewGroupForm({ organisation: o }: { organisation: Organisation }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  const [created, setCreated] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await send.run(async () => {
      const { id } = await sendApi(
        "POST",
        "/api/network/groups",
        {
          organisationId: o.id,
          name: fieldText(form, "name"),
          kind: fieldText(form, "kind"),
          description: fieldText(form, "description"),
          themes: fieldList(form, "themes"),
          dueOn: fieldText(form, "dueOn") || null,
          organisationIds: form.getAll("organisationIds").map(String),
        },
        z.object({ id: z.uuid() }),
      );
      setCreated(id);
    });
  }
  if (created) {
    return (
      <p className="nw-ok" role="status">
        {t("nwGroupCreated")} <Link to={paths.networkGroup(created)}>{t("nwOpenGroup")}</Link>
      </p>
    );
  }
  return (
    <details>
      <summary>{t("nwNewGroup")}</summary>
      <form className="nw-form" aria-label={t("nwNewGroup")} onSubmit={(e) => void submit(e)}>
        <div className="nw-grid">
          <label>
            {t("nwGroupName")}
            <input name="name" required maxLength={200} dir="auto" />
          </label>
          <label>
            {t("nwColKind")}
            <select name="kind" defaultValue="thematic">
              <option value="thematic">{t("nwGroupKind", { kind: "thematic" })}</option>
              <option value="task">{t("nwGroupKind", { kind: "task" })}</option>
            </select>
          </label>
          <label>
            {t("nwThemesInput")}
            <input name="themes" dir="auto" />
          </label>
          <label>
            {t("nwDueOn")}
            <input name="dueOn" type="date" />
          </label>
        </div>
        <label>
          {t("nwDescription")}
          <textarea name="description" rows={3} maxLength={4000} dir="auto" />
        </label>
        {o.members.length > 0 && (
          <fieldset>
            <legend>{t("nwTakingPart")}</legend>
            {o.members
              .filter((m) => m.status === "member")
              .map((m) => (
                <label key={m.id} className="nw-check">
                  <input type="checkbox" name="organisationIds" value={m.id} />
                  <span dir="auto">{m.name}</span>
                </label>
              ))}
          </fieldset>
        )}
        <FormError error={send.error} />
        <div className="nw-actions">
          <button type="submit" className="button button--primary" disabled={send.busy}>
            {t("nwCreateGroup")}
          </button>
        </div>
      </form>
    </details>
  );
}

function InviteForm({
  organisation: o,
  roles,
  onDone,
}: {
  organisation: Organisation;
  roles: readonly string[];
  onDone: () => void;
}) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  const [sent, setSent] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const email = fieldText(form, "email");
    const ok = await send.run(async () => {
      await sendApi(
        "POST",
        `/api/network/organisations/${o.id}/people`,
        { email, role: fieldText(form, "role") },
        z.unknown(),
      );
    });
    if (ok) {
      element.reset();
      setSent(email);
      onDone();
    }
  }
  return (
    <form className="nw-form" aria-label={t("nwInvite")} onSubmit={(e) => void submit(e)}>
      <h3>{t("nwInvite")}</h3>
      <div className="nw-grid">
        <label>
          {t("nwEmail")}
          <input name="email" type="email" required dir="ltr" />
        </label>
        <label>
          {t("nwRoleLabel")}
          <select name="role" defaultValue={roles.includes("contributor") ? "contributor" : roles[0]}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {t("nwRole", { role })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormError error={send.error} />
      {sent && (
        <p className="nw-ok" role="status">
          {t("nwInviteSent", { email: sent })}
        </p>
      )}
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwInviteButton")}
        </button>
      </div>
    </form>
  );
}
