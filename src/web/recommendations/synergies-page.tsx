import { useId, useRef, useState } from "react";
import { z } from "zod";
import {
  type SynergiesOut,
  type SynergyGroupOut,
  type SynergyMember,
  synergiesOut,
  synergyGroup,
} from "../../server/api-schemas/recommendations.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { formatDateTime } from "../review/format.ts";
import { Link, navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { formatDay, mechanismLabel } from "./labels.ts";
import { RecommendationsFrame } from "./page-frame.tsx";
import { useStateTarget } from "./report-links.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { TrackingForm } from "./tracking-form.tsx";
import { useAction } from "./use-action.ts";

/** A recommendation of a group: its mechanism and source above its text, its statuses below. */
export function SynergyMemberCard({ m, current }: { m: SynergyMember; current?: boolean }) {
  const { t, lang } = useLanguage();
  const text = m.text[lang] ?? m.text.en ?? Object.values(m.text)[0] ?? "";
  const source = [
    m.documentSymbol,
    m.paragraph && t("rcParagraph", { paragraph: m.paragraph }),
    m.session && `${t("rcField_session")} ${m.session}`,
    m.issuedOn && formatDay(m.issuedOn, lang),
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <li className="rc-synergy__member" aria-current={current ? "true" : undefined}>
      <p className="rc-synergy__mechanism">
        <strong>{mechanismLabel(t, m.mechanism)}</strong>
        {m.recommendingStates.length > 0 && (
          <span className="rv-meta"> · {m.recommendingStates.join(", ")}</span>
        )}
      </p>
      <p className="rv-meta" dir="auto">
        {source || t("rcNone")}
      </p>
      <blockquote className="rv-text" dir="auto">
        {text}
      </blockquote>
      <p className="rc-synergy__statuses">
        <StatusBadge status={m.currentStatus.coalition} prefix={t("rcKindLabel_coalition")} />{" "}
        <StatusBadge status={m.currentStatus.government} prefix={t("rcKindLabel_government")} />
      </p>
      {current ? (
        <p className="rv-meta">{t("rcSynergyThis")}</p>
      ) : (
        <p>
          <Link to={paths.recommendation(m.id)}>{t("rcSynergiesMember")}</Link>
        </p>
      )}
    </li>
  );
}

/** What the group shares: UNCRC articles and themes. */
function Shared({ articles, themes }: { articles: string[]; themes: string[] }) {
  const { t } = useLanguage();
  const tags = [...articles.map((a) => `UNCRC ${a}`), ...themes];
  return tags.length ? <p className="rv-meta">{t("rcSynergiesShared", { tags: tags.join(" · ") })}</p> : null;
}

/** A confirmed group: tracked once, its members side by side, its status, history and form. */
export function SynergyGroupCard({
  group,
  canTrack,
  onChanged,
  currentId,
}: {
  group: SynergyGroupOut;
  canTrack: boolean;
  /** Called after a change, with a message when the group itself is gone (undone). */
  onChanged: (message?: string) => void;
  currentId?: string;
}) {
  const { t, lang } = useLanguage();
  const undo = useAction();
  const mechanisms = group.mechanisms.map((m) => mechanismLabel(t, m)).join(" · ");
  return (
    <article className="rc-synergy" aria-label={t("rcSynergiesGroupTitle", { mechanisms })}>
      <h3>{t("rcSynergiesGroupTitle", { mechanisms })}</h3>
      <p className="rv-meta">
        {group.confirmedBy
          ? t("rcSynergiesConfirmedBy", {
              name: group.confirmedBy.name,
              date: formatDateTime(group.confirmedAt, lang),
            })
          : formatDateTime(group.confirmedAt, lang)}
      </p>
      <div className="rc-synergy__group-status">
        <span>{t("rcSynergiesGroupStatus")}</span>{" "}
        {(["coalition", "government"] as const).map((kind) =>
          group.status[kind] || group.members.every((m) => !m.currentStatus[kind]) ? (
            <StatusBadge
              key={kind}
              status={group.status[kind]}
              prefix={t(`rcKindLabel_${kind}` as MessageKey)}
            />
          ) : (
            <span key={kind} className="rc-status rc-status--none">
              <span className="rc-status__who">{t(`rcKindLabel_${kind}` as MessageKey)} </span>
              {t("rcSynergiesStatusMixed")}
            </span>
          ),
        )}
      </div>
      <ul className="rc-synergy__members">
        {group.members.map((m) => (
          <SynergyMemberCard key={m.id} m={m} current={m.id === currentId} />
        ))}
      </ul>
      <h4>{t("rcSynergiesHistory")}</h4>
      {group.history.length === 0 ? (
        <p className="muted">{t("rcSynergiesHistoryNone")}</p>
      ) : (
        <ol className="rv-timeline">
          {group.history.map((a) => (
            <li key={a.id} className="rv-timeline__event">
              <p className="rv-meta">
                <time dateTime={a.assessedOn}>{formatDay(a.assessedOn, lang)}</time> ·{" "}
                {t(`rcKindLabel_${a.assessedByKind}` as MessageKey)}
                {a.recordedBy && (
                  <>
                    {" "}
                    ·{" "}
                    {t("rcRecordedBy", { name: a.recordedBy.name, date: formatDateTime(a.createdAt, lang) })}
                  </>
                )}
              </p>
              <p>
                <StatusBadge status={a.status} />
              </p>
              {a.evidenceText && (
                <p dir="auto" className="rc-synergy__evidence">
                  {a.evidenceText}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {canTrack && (
        <>
          <TrackingForm groupId={group.id} onRecorded={() => onChanged()} />
          <p>
            <button
              type="button"
              className="button"
              disabled={undo.busy}
              onClick={() =>
                void undo.run(async () => {
                  await sendApi(
                    "DELETE",
                    `/api/recommendations/synergies/${group.id}`,
                    undefined,
                    z.unknown(),
                  );
                  onChanged(t("rcSynergiesUndone"));
                  return t("rcSynergiesUndone");
                })
              }
            >
              {t("rcSynergiesUndo")}
            </button>
          </p>
          <div role="status" className="rv-live">
            {undo.message && (
              <p className={undo.message.ok ? "rv-notice" : "rv-notice rv-notice--error"}>
                {undo.message.text}
              </p>
            )}
          </div>
        </>
      )}
    </article>
  );
}

/** A suggested group: its members side by side, what they share, and the person's decision. */
function SuggestionCard({
  s,
  canTrack,
  onDecided,
}: {
  s: z.infer<typeof synergiesOut>["suggestions"][number];
  canTrack: boolean;
  /** Called with the message to show once the decision is saved (the card then leaves the list). */
  onDecided: (message: string) => void;
}) {
  const { t, lang } = useLanguage();
  const { busy, message, run } = useAction();
  const mechanisms = s.mechanisms.map((m) => mechanismLabel(t, m)).join(" · ");
  const decide = (url: string, schema: z.ZodType, done: MessageKey) =>
    void run(async () => {
      await sendApi("POST", url, { ids: s.ids }, schema);
      onDecided(t(done));
      return t(done);
    });
  return (
    <article
      className="rc-synergy rc-synergy--suggested"
      aria-label={t("rcSynergiesGroupTitle", { mechanisms })}
    >
      <h3>{t("rcSynergiesGroupTitle", { mechanisms })}</h3>
      <Shared articles={s.articles} themes={s.themes} />
      <p className="rv-meta">
        {t("rcSynergiesSimilarity", { score: s.score.toLocaleString(lang, { maximumFractionDigits: 2 }) })}
      </p>
      <ul className="rc-synergy__members">
        {s.members.map((m) => (
          <SynergyMemberCard key={m.id} m={m} />
        ))}
      </ul>
      {canTrack && (
        <p className="rc-synergy__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => decide("/api/recommendations/synergies", synergyGroup, "rcSynergiesConfirmedDone")}
          >
            {t("rcSynergiesConfirm")}
          </button>{" "}
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              decide("/api/recommendations/synergies/dismissals", z.unknown(), "rcSynergiesDismissedDone")
            }
          >
            {t("rcSynergiesDismiss")}
          </button>
        </p>
      )}
      <div role="status" className="rv-live">
        {message && <p className={message.ok ? "rv-notice" : "rv-notice rv-notice--error"}>{message.text}</p>}
      </div>
    </article>
  );
}

/**
 * /recommendations/synergies?state=MD — a State's recommendations of different mechanisms that ask
 * for the same thing: the confirmed groups (tracked once) and the suggestions to confirm or dismiss.
 */
export function RecommendationSynergiesPage() {
  const { t } = useLanguage();
  const { may } = useSession();
  const { search } = useLocation();
  const id = useId();
  const state = (search.get("state") ?? "").toUpperCase();
  const [value, setValue] = useState(state);
  const target = useStateTarget(state || null);
  const canTrack = !!target && may("recommendation:track", target);
  const data = useApi(
    state ? `/api/recommendations/synergies?state=${encodeURIComponent(state)}` : null,
    synergiesOut,
  );
  // While a decision reloads the list, the last one stays on screen; the page says what was done.
  const last = useRef<SynergiesOut | null>(null);
  if (data.status === "ok") last.current = data.data;
  if (last.current && last.current.stateCode !== state) last.current = null;
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message?: string) => {
    if (message) setNotice(message);
    data.reload();
  };
  const shown = last.current;
  return (
    <RecommendationsFrame title={t("rcSynergiesTitle")} current="synergies" lead={t("rcSynergiesLead")}>
      <form
        className="rv-form rc-inline"
        aria-label={t("rcFilters")}
        onSubmit={(event) => {
          event.preventDefault();
          const code = value.trim().toUpperCase();
          setNotice(null);
          navigate(`${paths.recommendationsSynergies()}${code ? `?state=${encodeURIComponent(code)}` : ""}`);
        }}
      >
        <div className="rv-field">
          <label htmlFor={`${id}-state`}>{t("rcField_state")}</label>
          <input
            id={`${id}-state`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            maxLength={2}
            size={4}
            dir="ltr"
          />
        </div>
        <button type="submit" className="button button--primary">
          {t("rcSynergiesShow")}
        </button>
      </form>
      <div role="status" className="rv-live">
        {notice && <p className="rv-notice">{notice}</p>}
      </div>
      {!state ? (
        <p className="muted">{t("rcSynergiesChooseState")}</p>
      ) : !shown ? (
        data.status === "error" ? (
          <ErrorMessage message={data.message} onRetry={data.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <p className="rv-meta">
            {t("rcSynergiesRead", { count: shown.recommendations, state: shown.stateCode })}
          </p>
          <section className="section rc-panel" aria-labelledby={`${id}-confirmed`}>
            <h2 id={`${id}-confirmed`}>{t("rcSynergiesConfirmed")}</h2>
            {shown.groups.length === 0 ? (
              <p className="muted">{t("rcSynergiesNoneConfirmed")}</p>
            ) : (
              shown.groups.map((g) => (
                <SynergyGroupCard key={g.id} group={g} canTrack={canTrack} onChanged={changed} />
              ))
            )}
          </section>
          <section className="section rc-panel" aria-labelledby={`${id}-suggested`}>
            <h2 id={`${id}-suggested`}>{t("rcSynergiesSuggested")}</h2>
            {shown.suggestions.length === 0 ? (
              <p className="muted">{t("rcSynergiesNoneSuggested")}</p>
            ) : (
              shown.suggestions.map((s) => (
                <SuggestionCard key={s.ids.join(",")} s={s} canTrack={canTrack} onDecided={changed} />
              ))
            )}
          </section>
        </>
      )}
    </RecommendationsFrame>
  );
}

/** The answer of `GET /api/recommendations/:id/synergy`. */
const synergyOfRecommendation = z.object({ group: synergyGroup.nullable() });

/**
 * On a recommendation's page: the confirmed synergy it is in, with every member's source, text and
 * status side by side (nothing when none, or when the State's tracking is not the person's).
 */

export function SynergyPanel({
  id,
  stateCode,
  canTrack,
  onChanged,
}: {
  id: string;
  stateCode: string | null;
  canTrack: boolean;
  /** Called after the group's status was set or the group undone (the page's timeline reloads). */
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const found = useApi(`/api/recommendations/${id}/synergy`, synergyOfRecommendation);
  if (found.status !== "ok" || !found.data.group) return null;
  return (
    <section className="section rc-panel" aria-labelledby="rc-synergy">
      <h2 id="rc-synergy">{t("rcSynergyPanel")}</h2>
      <p className="muted">{t("rcSynergyPanelLead")}</p>
      <SynergyGroupCard
        group={found.data.group}
        canTrack={canTrack}
        onChanged={() => {
          found.reload();
          onChanged();
        }}
        currentId={id}
      />
      {stateCode && (
        <p>
          <Link to={paths.recommendationsSynergies(stateCode)}>{t("rcSynergyOpen")}</Link>
        </p>
      )}
    </section>
  );
}
