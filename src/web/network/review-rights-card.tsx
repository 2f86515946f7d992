import { type FormEvent, useState } from "react";
import { z } from "zod";
import { reviewRightsOut } from "../../server/api-schemas/network.ts";
import { api, countryList, frameworkDetail, frameworkList } from "../api/endpoints.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Card, DateText, FormError, fieldList, fieldText, useSend } from "./parts.tsx";

type Rights = z.infer<typeof reviewRightsOut>;
type Right = Rights["rights"][number];

/**
 * A working group's review rights: which sections of a framework and which recommendations its
 * members may review, in which country or region, with the history of every grant. Those who
 * manage the group through a role outside it give, change and revoke them here.
 */
export function ReviewRightsCard({ groupId }: { groupId: string }) {
  const { t } = useLanguage();
  const state = useApi(`/api/network/groups/${groupId}/review-rights`, reviewRightsOut);
  const [editing, setEditing] = useState<Right | "new" | null>(null);
  return (
    <Card id="nw-review-rights" title={t("nwReviewRights")}>
      <p className="nw-muted">{t("nwReviewRightsLead")}</p>
      {state.status === "loading" ? (
        <Loading />
      ) : state.status === "error" ? (
        <ErrorMessage message={state.message} onRetry={state.reload} />
      ) : (
        <>
          {state.data.rights.length === 0 ? (
            <p>{t("nwNoReviewRights")}</p>
          ) : (
            <ul className="nw-rights">
              {state.data.rights.map((r) => (
                <li key={r.id}>
                  <RightText right={r} />
                  {state.data.canManage && (
                    <span className="nw-actions">
                      <button type="button" className="button button--small" onClick={() => setEditing(r)}>
                        {t("nwEditRight")}
                      </button>
                      <RevokeRight groupId={groupId} right={r} onDone={state.reload} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {state.data.canManage &&
            (editing ? (
              <RightForm
                groupId={groupId}
                right={editing === "new" ? null : editing}
                onDone={() => {
                  setEditing(null);
                  state.reload();
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <button type="button" className="button" onClick={() => setEditing("new")}>
                {t("nwGrantReview")}
              </button>
            ))}
          {state.data.history.length > 0 && (
            <details className="nw-history">
              <summary>{t("nwReviewHistory")}</summary>
              <ul>
                {state.data.history.map((h) => (
                  <li key={`${h.rightId}-${h.changedAt}-${h.change}`}>
                    <DateText value={h.changedAt} />
                    {" — "}
                    {t("nwRightChange", { change: h.change })}
                    {h.changedBy && (
                      <>
                        {" ("}
                        <bdi>{h.changedBy}</bdi>)
                      </>
                    )}
                    {": "}
                    <bdi dir="ltr">{describeSnapshot(h.after ?? h.before)}</bdi>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </Card>
  );
}

function describeSnapshot(s: Record<string, unknown> | null): string {
  if (!s) return "";
  const list = (v: unknown) => (Array.isArray(v) ? v.join(", ") : "");
  return [
    `${s.scopeCode}`,
    list(s.sections) && `§ ${list(s.sections)}`,
    list(s.themes) && `# ${list(s.themes)}`,
    Array.isArray(s.recommendationIds) && s.recommendationIds.length ? `${s.recommendationIds.length} ⚑` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function RightText({ right: r }: { right: Right }) {
  const { t, pick } = useLanguage();
  return (
    <dl className="nw-facts">
      <dt>{t("nwRightPlace")}</dt>
      <dd>
        {t("nwRightScope", { scope: r.scopeType })}{" "}
        {r.scopeName ? pick(r.scopeName) : <span dir="ltr">{r.scopeCode}</span>}
      </dd>
      {r.sections.length > 0 && (
        <>
          <dt>{t("nwRightSections")}</dt>
          <dd>
            <span dir="ltr">{r.frameworkCode}</span>:{" "}
            {r.sections.map((code, i) => (
              <span key={code} className="nw-tag" dir="auto" title={code}>
                {pick(r.sectionLabels[i] ?? { en: code })}
              </span>
            ))}
          </dd>
        </>
      )}
      {r.themes.length > 0 && (
        <>
          <dt>{t("nwRightThemes")}</dt>
          <dd>
            {r.themes.map((theme) => (
              <span key={theme} className="nw-tag" dir="auto">
                {theme}
              </span>
            ))}
          </dd>
        </>
      )}
      {r.recommendationIds.length > 0 && (
        <>
          <dt>{t("nwRightRecommendations")}</dt>
          <dd>{r.recommendationIds.length}</dd>
        </>
      )}
    </dl>
  );
}

function RevokeRight({ groupId, right, onDone }: { groupId: string; right: Right; onDone: () => void }) {
  const { t } = useLanguage();
  const send = useSend(t("nwConflict"));
  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={send.busy}
        onClick={() =>
          void send
            .run(async () => {
              await sendApi(
                "DELETE",
                `/api/network/groups/${groupId}/review-rights/${right.id}`,
                undefined,
                z.null(),
              );
            })
            .then((ok) => ok && onDone())
        }
      >
        {t("nwRevokeRight")}
      </button>
      <FormError error={send.error} />
    </>
  );
}

function RightForm({
  groupId,
  right,
  onDone,
  onCancel,
}: {
  groupId: string;
  right: Right | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, pick } = useLanguage();
  const send = useSend(t("nwConflict"));
  const countries = useApi(api.countries(), countryList);
  const frameworks = useApi(api.frameworks(), frameworkList);
  const list = frameworks.status === "ok" ? frameworks.data : [];
  // The newest version of the right's framework, else the first framework listed.
  const initial =
    list.filter((f) => right?.frameworkCode && f.code === right.frameworkCode).at(-1)?.id ??
    list[0]?.id ??
    "";
  const [versionId, setVersionId] = useState<string>("");
  const chosen = versionId || initial;
  const detail = useApi(chosen ? api.framework(chosen) : null, frameworkDetail);
  const [sections, setSections] = useState<Set<string>>(new Set(right?.sections ?? []));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scope = fieldText(form, "scope");
    const [scopeType, scopeCode] = scope.split(":") as ["country" | "region", string];
    const body = {
      scopeType,
      scopeCode,
      frameworkId: sections.size ? chosen : null,
      sections: [...sections],
      themes: fieldList(form, "themes"),
      recommendationIds: fieldList(form, "recommendationIds"),
    };
    const ok = await send.run(async () => {
      if (right)
        await sendApi("PUT", `/api/network/groups/${groupId}/review-rights/${right.id}`, body, z.null());
      else await sendApi("POST", `/api/network/groups/${groupId}/review-rights`, body, z.unknown());
    });
    if (ok) onDone();
  }

  if (countries.status !== "ok" || frameworks.status !== "ok") return <Loading />;
  const regions = [...new Set(countries.data.map((c) => c.regionCode).filter((r): r is string => !!r))];
  const scopeDefault = right
    ? `${right.scopeType}:${right.scopeCode}`
    : `country:${countries.data[0]?.code ?? ""}`;
  return (
    <form
      className="nw-form"
      aria-label={right ? t("nwEditRight") : t("nwGrantReview")}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{right ? t("nwEditRight") : t("nwGrantReview")}</h3>
      <div className="nw-grid">
        <label>
          {t("nwRightPlace")}
          <select name="scope" defaultValue={scopeDefault}>
            {regions.map((r) => (
              <option key={`region:${r}`} value={`region:${r}`}>
                {t("nwRightScope", { scope: "region" })} {r}
              </option>
            ))}
            {countries.data.map((c) => (
              <option key={c.code} value={`country:${c.code}`}>
                {pick(c.name)} ({c.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("nwRightFramework")}
          <select value={chosen} onChange={(e) => setVersionId(e.target.value)}>
            {list.map((f) => (
              <option key={f.id} value={f.id}>
                {[pick(f.title, f.defaultLanguage), f.version].filter(Boolean).join(" — ")}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{t("nwRightSections")}</legend>
        {detail.status === "ok" ? (
          <ul className="check-list nw-sections">
            {detail.data.nodes
              .filter((n) => n.parent !== null)
              .map((n) => (
                <li key={n.code}>
                  <label>
                    <input
                      type="checkbox"
                      checked={sections.has(n.code)}
                      onChange={(e) => {
                        const next = new Set(sections);
                        if (e.target.checked) next.add(n.code);
                        else next.delete(n.code);
                        setSections(next);
                      }}
                    />
                    <span dir="auto">{pick(n.label, detail.data.defaultLanguage)}</span>{" "}
                    <span className="country-picker__code" dir="ltr">
                      {n.code}
                    </span>
                  </label>
                </li>
              ))}
          </ul>
        ) : (
          <Loading />
        )}
      </fieldset>
      <label>
        {t("nwRightThemesInput")}
        <input name="themes" defaultValue={right?.themes.join(", ") ?? ""} dir="auto" />
      </label>
      <label>
        {t("nwRightRecommendationsInput")}
        <input name="recommendationIds" defaultValue={right?.recommendationIds.join(", ") ?? ""} dir="ltr" />
      </label>
      <FormError error={send.error} />
      <div className="nw-actions">
        <button type="submit" className="button button--primary" disabled={send.busy}>
          {t("nwSaveRight")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("nwCancel")}
        </button>
      </div>
    </form>
  );
}
