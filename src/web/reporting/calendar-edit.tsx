import { useState } from "react";
import { z } from "zod";
import {
  INSTRUMENTS,
  RATIFICATION_STATUSES,
  REVIEW_MECHANISM_INFO,
  REVIEW_MECHANISMS,
} from "../../core/index.ts";
import {
  type CountryReportingOut,
  calendarHistoryOut,
  followUpOut,
} from "../../server/api-schemas/reporting.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useLanguage } from "../i18n/language.tsx";

type Ratification = CountryReportingOut["ratifications"][number];

/** Forms to record a country's ratifications and reviews; the server validates and keeps the history. */
export function CalendarEditor({
  country,
  profile,
  onSaved,
}: {
  country: string;
  profile: CountryReportingOut;
  onSaved: () => void;
}) {
  const { t, pick } = useLanguage();
  const [message, setMessage] = useState<string | null>(null);
  const history = useApi(`/api/reporting/countries/${country}/history`, calendarHistoryOut);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setMessage(t("reSaved"));
      onSaved();
      history.reload();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const recorded = new Set(profile.ratifications.map((r) => r.instrument));
  const [mechanism, setMechanism] = useState<string>("crc");
  const [review, setReview] = useState("");
  const [sessionStart, setSessionStart] = useState("");
  const [instrument, setInstrument] = useState<string>(INSTRUMENTS.find((i) => !recorded.has(i)) ?? "crc");
  return (
    <section className="rp-panel" aria-labelledby="re-edit">
      <h2 id="re-edit">{t("reEditTitle")}</h2>
      <p>{t("reEditLead")}</p>
      {message && <p role="status">{message}</p>}
      {profile.ratifications.map((r) => (
        <RatificationForm key={`${r.instrument}-${r.version}`} country={country} ratification={r} run={run} />
      ))}
      <form
        className="rp-edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() =>
            sendApi(
              "PUT",
              `/api/reporting/countries/${country}/ratifications/${instrument}`,
              { status: "ratified" },
              z.unknown(),
            ),
          );
        }}
      >
        <label>
          {t("reInstrument")}
          <select value={instrument} onChange={(e) => setInstrument(e.target.value)}>
            {INSTRUMENTS.filter((i) => !recorded.has(i)).map((i) => (
              <option key={i} value={i}>
                {t("rpInstrument", { code: i })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("reAddRatification")}</button>
      </form>
      <h3>{t("reAddReview")}</h3>
      <form
        className="rp-edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() =>
            sendApi(
              "POST",
              `/api/reporting/countries/${country}/reviews`,
              { mechanism, review, sessionStart },
              z.unknown(),
            ),
          );
        }}
      >
        <label>
          {t("reMechanism")}
          <select value={mechanism} onChange={(e) => setMechanism(e.target.value)}>
            {REVIEW_MECHANISMS.map((m) => (
              <option key={m} value={m}>
                {pick(REVIEW_MECHANISM_INFO[m].name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("reReviewName")}
          <input required value={review} onChange={(e) => setReview(e.target.value)} />
        </label>
        <label>
          {t("reSessionStart")}
          <input
            type="date"
            required
            value={sessionStart}
            onChange={(e) => setSessionStart(e.target.value)}
          />
        </label>
        <button type="submit">{t("reAddReview")}</button>
      </form>
      <p className="rp-source">{t("reSessionHelp")}</p>
      {profile.reviews.map((r) => (
        <ReviewForm key={`${r.id}-${r.version}`} review={r} run={run} />
      ))}
      {history.status === "ok" && history.data.length > 0 && (
        <details>
          <summary>{t("reHistory")}</summary>
          <ul>
            {history.data.map((h) => (
              <li key={`${h.changedAt}-${h.targetKey}-${h.change}`}>
                {t("reHistoryEntry", {
                  when: h.changedAt.slice(0, 10),
                  who: h.changedBy ?? "—",
                  change: h.change,
                  what:
                    h.targetType === "ratification"
                      ? t("rpInstrument", { code: h.targetKey })
                      : String((h.after ?? h.before)?.review ?? ""),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function RatificationForm({
  country,
  ratification: r,
  run,
}: {
  country: string;
  ratification: Ratification;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { t } = useLanguage();
  const [form, setForm] = useState({
    status: r.status as string,
    signedOn: r.signedOn ?? "",
    ratifiedOn: r.ratifiedOn ?? "",
    reservations: r.reservations ?? "",
    source: r.source ?? "",
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const url = `/api/reporting/countries/${country}/ratifications/${r.instrument}`;
  return (
    <form
      className="rp-edit-form"
      aria-label={t("rpInstrument", { code: r.instrument })}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() =>
          sendApi(
            "PUT",
            url,
            {
              status: form.status,
              signedOn: form.signedOn || null,
              ratifiedOn: form.ratifiedOn || null,
              reservations: form.reservations || null,
              source: form.source || null,
              expectedVersion: r.version,
            },
            z.unknown(),
          ),
        );
      }}
    >
      <strong>{t("rpInstrument", { code: r.instrument })}</strong>
      <label>
        {t("reStatus")}
        <select value={form.status} onChange={set("status")}>
          {RATIFICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t("rpRatStatus", { status: s })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("reSignedOn")}
        <input type="date" value={form.signedOn} onChange={set("signedOn")} />
      </label>
      <label>
        {t("reRatifiedOn")}
        <input type="date" value={form.ratifiedOn} onChange={set("ratifiedOn")} />
      </label>
      <label>
        {t("reReservations")}
        <textarea rows={1} value={form.reservations} onChange={set("reservations")} />
      </label>
      <button type="submit">{t("reSave")}</button>
      <button
        type="button"
        onClick={() => {
          if (window.confirm(t("reConfirmDelete")))
            void run(() => sendApi("DELETE", `${url}?expectedVersion=${r.version}`, undefined, z.unknown()));
        }}
      >
        {t("reDelete")}
      </button>
    </form>
  );
}

function ReviewForm({
  review,
  run,
}: {
  review: CountryReportingOut["reviews"][number];
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { t } = useLanguage();
  const [steps, setSteps] = useState(
    review.steps.map((s) => ({ kind: s.kind, dueOn: s.dueOn, endsOn: s.endsOn, note: s.note })),
  );
  return (
    <details className="rp-review-edit">
      <summary>
        {t("reEditReview")}: {review.review}
      </summary>
      <form
        className="rp-edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() =>
            sendApi(
              "PUT",
              `/api/reporting/reviews/${review.id}`,
              {
                review: review.review,
                wordLimit: review.wordLimit,
                source: review.source,
                steps,
                expectedVersion: review.version,
              },
              z.unknown(),
            ),
          );
        }}
      >
        {steps.map((s, i) => (
          <label key={s.kind}>
            {t("rpStep", { kind: s.kind })}
            <input
              type="date"
              required
              value={s.dueOn}
              onChange={(e) =>
                setSteps((all) => all.map((x, j) => (j === i ? { ...x, dueOn: e.target.value } : x)))
              }
            />
          </label>
        ))}
        <button type="submit">{t("reSave")}</button>
        <button
          type="button"
          onClick={() => {
            if (window.confirm(t("reConfirmDelete")))
              void run(() =>
                sendApi(
                  "DELETE",
                  `/api/reporting/reviews/${review.id}?expectedVersion=${review.version}`,
                  undefined,
                  z.unknown(),
                ),
              );
          }}
        >
          {t("reDelete")}
        </button>
      </form>
    </details>
  );
}

/** The follow-up card of the country's last review: each recommendation's status and the evidence since. */
export function FollowUpCard({ country }: { country: string }) {
  const { t } = useLanguage();
  const card = useApi(`/api/reporting/countries/${country}/follow-up`, followUpOut);
  if (card.status !== "ok") return null;
  const c = card.data;
  return (
    <section className="rp-panel rp-followup" aria-labelledby="re-followup">
      <h2 id="re-followup">{t("reFollowUpTitle")}</h2>
      {!c.review ? (
        <p>{t("reFollowUpNone")}</p>
      ) : (
        <>
          <p>
            {t("reFollowUpLead")}{" "}
            <strong>
              {t("reFollowUpReview", {
                mechanism: c.review.mechanism.toUpperCase(),
                symbol: c.review.documentSymbol ?? c.review.session ?? "",
              })}
            </strong>
          </p>
          <p>{c.counts.map((n) => `${t("reImplStatus", { status: n.status })}: ${n.count}`).join(" · ")}</p>
          <button type="button" onClick={() => window.print()}>
            {t("rePrint")}
          </button>
          <ol>
            {c.items.map((item) => (
              <li key={item.id}>
                <strong>{item.reference}</strong> — {item.text}
                <br />
                {t("reCoalitionStatus")}: {t("reImplStatus", { status: item.coalitionStatus ?? "none" })} ·{" "}
                {t("reGovernmentStatus")}: {t("reImplStatus", { status: item.governmentStatus ?? "none" })}
                {item.evidence.some((e) => e.text || e.links.length) && (
                  <ul aria-label={t("reEvidenceSince")}>
                    {item.evidence
                      .filter((e) => e.text || e.links.length)
                      .map((e) => (
                        <li key={`${e.assessedOn}-${e.by}-${e.status}`}>
                          <time dateTime={e.assessedOn}>{e.assessedOn}</time> ({e.by}): {e.text}{" "}
                          {e.links.map((l) => (
                            <a key={l} href={l}>
                              {new URL(l, "https://x.invalid").hostname}
                            </a>
                          ))}
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
