import { type FormEvent, useState } from "react";
import { z } from "zod";
import { planLanguages } from "../../core/results/languages.ts";
import type { PlanIndicatorOut, PlanNodeOut, PlanOut } from "../../server/api-schemas/results.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { editLanguages, LocalTextFields, readLocalText } from "./local-text-fields.tsx";

/**
 * The part being changed and what became of the last save: kept by the plan page, since the
 * plan's reload after a save unmounts the page's body.
 */
export interface PartChoice {
  /** `node:{id}` or `indicator:{id}`, or empty. */
  chosen: string;
  message: { kind: "ok" | "error"; text: string } | null;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const orNull = (value: string) => value || null;
/** A number typed with a dot or a comma; anything else is sent as typed, for the server to name it. */
const numberOrNull = (value: string) => {
  if (value === "") return null;
  const number = Number(value.replace(",", "."));
  return Number.isFinite(number) ? number : value;
};

/** An indicator's stored definition, as the change body names it. */
function storedIndicator(i: PlanIndicatorOut) {
  return {
    nodeId: i.nodeId,
    code: i.code,
    type: i.type,
    unit: i.unit,
    scaleMin: i.scaleMin,
    scaleMax: i.scaleMax,
    direction: i.direction,
    cumulation: i.cumulation,
    baselineValue: i.baselineValue,
    baselineDate: i.baselineDate,
    weight: i.weight,
    disaggregations: i.disaggregations,
    link: i.link,
  };
}

/**
 * For editors: change an existing node (titles and descriptions in the plan's languages, who is
 * responsible, dates) or an indicator (title, type, unit, direction, baseline). Each form starts
 * from the version the plan showed; when someone changed the part meanwhile the server refuses
 * (409), the plan is read again and the form shows the current version to redo the change.
 * A node's place, roll-up rule and weight, and an indicator's weight, can change too. On an
 * approved plan the card offers texts, people and dates only (the server refuses the rest, 409).
 */
export function EditPlanParts({
  plan,
  choice,
  onChoice,
  onChanged,
}: {
  plan: PlanOut;
  choice: PartChoice;
  onChoice: (choice: PartChoice) => void;
  onChanged: () => void;
}) {
  const { t, pick } = useLanguage();
  const { chosen, message } = choice;
  const setMessage = (next: PartChoice["message"]) => onChoice({ chosen, message: next });
  const [kind, id] = chosen.split(":") as ["node" | "indicator" | "", string | undefined];
  const node = kind === "node" ? plan.nodes.find((n) => n.id === id) : undefined;
  const indicator = kind === "indicator" ? plan.indicators.find((i) => i.id === id) : undefined;
  const locked = plan.status === "approved";
  // Saved, or refused as stale, the plan is read again: the form then holds the stored version.
  // Refused for bad input, the form keeps what was typed, to be corrected.
  const send = async (url: string, body: object) => {
    try {
      await sendApi("PUT", url, body, z.null());
      setMessage({ kind: "ok", text: t("rsChangeSaved") });
      onChanged();
    } catch (e) {
      const stale = e instanceof ApiRequestError && e.status === 409;
      setMessage({
        kind: "error",
        text: stale ? t("rsPartConflict") : e instanceof Error ? e.message : String(e),
      });
      if (stale) onChanged();
    }
  };
  return (
    <section className="rs-card rs-change-card" aria-labelledby="rs-change-title">
      <h2 id="rs-change-title">{t("rsChangeTitle")}</h2>
      <p className="rs-hint">{t(locked ? "rsChangeLocked" : "rsChangeLead")}</p>
      {
        <>
          <div className="rs-form">
            <label>
              {t("rsChangeWhat")}
              <select value={chosen} onChange={(e) => onChoice({ chosen: e.target.value, message: null })}>
                <option value="" />
                {plan.nodes.map((n) => (
                  <optgroup key={n.id} label={`${n.code} ${pick(n.title)}`}>
                    <option value={`node:${n.id}`}>{`${n.code} ${pick(n.title)}`}</option>
                    {plan.indicators
                      .filter((i) => i.nodeId === n.id)
                      .map((i) => (
                        <option key={i.id} value={`indicator:${i.id}`}>
                          {`${i.code} ${pick(i.title)}`}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </label>
          </div>
          {/* Keyed by version: a new version read from the server refills the form. */}
          {node && (
            <NodeForm
              key={`${node.id}:${node.version}`}
              plan={plan}
              locked={locked}
              node={node}
              onSubmit={(body) => send(`/api/results/plans/${plan.id}/nodes/${node.id}`, body)}
            />
          )}
          {indicator && (
            <IndicatorForm
              key={`${indicator.id}:${indicator.version}`}
              plan={plan}
              locked={locked}
              indicator={indicator}
              onSubmit={(body) => send(`/api/results/plans/${plan.id}/indicators/${indicator.id}`, body)}
            />
          )}
          {message && (
            <p
              role={message.kind === "error" ? "alert" : "status"}
              className={message.kind === "error" ? "rs-error" : "rs-ok"}
            >
              {message.text}
            </p>
          )}
        </>
      }
    </section>
  );
}

/** Nodes a node may move under: at a higher level, and neither itself nor one of its descendants. */
function possibleParents(plan: PlanOut, node: PlanNodeOut): PlanNodeOut[] {
  const rank = (level: string) => plan.levels.findIndex((l) => l.key === level);
  const below = (n: PlanNodeOut): boolean => {
    for (let at: PlanNodeOut | undefined = n; at; at = plan.nodes.find((p) => p.id === at?.parentId))
      if (at.id === node.id) return true;
    return false;
  };
  return plan.nodes.filter((n) => rank(n.level) < rank(node.level) && !below(n));
}

function NodeForm({
  plan,
  node,
  locked,
  onSubmit,
}: {
  plan: PlanOut;
  node: PlanNodeOut;
  /** An approved plan: texts, people and dates only. */
  locked: boolean;
  onSubmit: (body: object) => Promise<void>;
}) {
  const { t, lang, pick } = useLanguage();
  const langs = editLanguages(planLanguages(plan), lang);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = readLocalText(form, "description", langs);
    void onSubmit({
      parentId: locked ? node.parentId : orNull(text(form, "parent")),
      level: node.level,
      code: locked ? node.code : text(form, "code"),
      title: readLocalText(form, "title", langs),
      description: Object.keys(description).length ? description : null,
      responsible: orNull(text(form, "responsible")),
      startsOn: orNull(text(form, "startsOn")),
      endsOn: orNull(text(form, "endsOn")),
      rollUp: locked ? node.rollUp : text(form, "rollUp"),
      weight: locked ? node.weight : numberOrNull(text(form, "weight")),
      expectedVersion: node.version,
    });
  };
  return (
    <form className="rs-form rs-change-form" onSubmit={submit} aria-label={t("rsEdit", { what: node.code })}>
      <label>
        {t("rsCode")}
        <input name="code" required maxLength={40} defaultValue={node.code} readOnly={locked} />
      </label>
      <label>
        {t("rsParent")}
        <select name="parent" defaultValue={node.parentId ?? ""} disabled={locked}>
          <option value="">{t("rsTopLevel")}</option>
          {possibleParents(plan, node).map((n) => (
            <option key={n.id} value={n.id}>{`${n.code} ${pick(n.title)}`}</option>
          ))}
        </select>
      </label>
      <label>
        {t("rsRollUp")}
        <select name="rollUp" defaultValue={node.rollUp} disabled={locked}>
          {(["average", "weighted", "none"] as const).map((rule) => (
            <option key={rule} value={rule}>
              {t("rsRollUpName", { rule })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("rsWeight")}
        <input name="weight" inputMode="decimal" required defaultValue={node.weight} readOnly={locked} />
      </label>
      <LocalTextFields
        name="title"
        label={t("rsTitleLangs")}
        langs={langs}
        value={node.title}
        maxLength={300}
      />
      <LocalTextFields
        name="description"
        label={t("rsDescriptionLangs")}
        langs={langs}
        value={node.description}
        multiline
      />
      <label>
        {t("rsResponsible")}
        <input name="responsible" dir="auto" maxLength={200} defaultValue={node.responsible ?? ""} />
      </label>
      <label>
        {t("rsStartsOn")}
        <input name="startsOn" type="date" defaultValue={node.startsOn ?? ""} />
      </label>
      <label>
        {t("rsEndsOn")}
        <input name="endsOn" type="date" defaultValue={node.endsOn ?? ""} />
      </label>
      <button type="submit" className="button button--primary">
        {t("rsSaveChanges")}
      </button>
    </form>
  );
}

function IndicatorForm({
  plan,
  indicator,
  locked,
  onSubmit,
}: {
  plan: PlanOut;
  indicator: PlanIndicatorOut;
  /** An approved plan: the title only. */
  locked: boolean;
  onSubmit: (body: object) => Promise<void>;
}) {
  const { t, lang } = useLanguage();
  const langs = editLanguages(planLanguages(plan), lang);
  const [type, setType] = useState(indicator.type);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scale = type === "scale";
    const title = readLocalText(form, "title", langs);
    void onSubmit(
      locked
        ? { ...storedIndicator(indicator), title, expectedVersion: indicator.version }
        : {
            nodeId: indicator.nodeId,
            code: text(form, "code"),
            title,
            type,
            unit: orNull(text(form, "unit")),
            scaleMin: scale ? numberOrNull(text(form, "scaleMin")) : null,
            scaleMax: scale ? numberOrNull(text(form, "scaleMax")) : null,
            direction: text(form, "direction"),
            cumulation: indicator.cumulation,
            baselineValue: numberOrNull(text(form, "baseline")),
            baselineDate: orNull(text(form, "baselineDate")),
            weight: numberOrNull(text(form, "weight")),
            disaggregations: indicator.disaggregations,
            link: indicator.link,
            expectedVersion: indicator.version,
          },
    );
  };
  return (
    <form
      className="rs-form rs-change-form"
      onSubmit={submit}
      aria-label={t("rsEdit", { what: indicator.code })}
    >
      <label>
        {t("rsCode")}
        <input name="code" required maxLength={40} defaultValue={indicator.code} readOnly={locked} />
      </label>
      <LocalTextFields
        name="title"
        label={t("rsTitleLangs")}
        langs={langs}
        value={indicator.title}
        maxLength={300}
      />
      <fieldset className="rs-fieldset" disabled={locked}>
        <label>
          {t("rsType")}
          <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
            {(["number", "percentage", "scale", "narrative"] as const).map((x) => (
              <option key={x} value={x} disabled={x === "narrative" && indicator.link !== null}>
                {t("rsTypeName", { type: x })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("rsUnit")}
          <input name="unit" maxLength={40} defaultValue={indicator.unit ?? ""} />
        </label>
        {type === "scale" && (
          <>
            <label>
              {t("rsScaleMin")}
              <input name="scaleMin" inputMode="decimal" required defaultValue={indicator.scaleMin ?? ""} />
            </label>
            <label>
              {t("rsScaleMax")}
              <input name="scaleMax" inputMode="decimal" required defaultValue={indicator.scaleMax ?? ""} />
            </label>
          </>
        )}
        <label>
          {t("rsDirection")}
          <select name="direction" defaultValue={indicator.direction}>
            {(["increase", "decrease", "maintain"] as const).map((direction) => (
              <option key={direction} value={direction}>
                {t("rsDirectionName", { direction })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("rsBaseline")}
          <input name="baseline" inputMode="decimal" defaultValue={indicator.baselineValue ?? ""} />
        </label>
        <label>
          {t("rsBaselineDate")}
          <input name="baselineDate" type="date" defaultValue={indicator.baselineDate ?? ""} />
        </label>
        <label>
          {t("rsWeight")}
          <input name="weight" inputMode="decimal" required defaultValue={indicator.weight} />
        </label>
      </fieldset>
      <button type="submit" className="button button--primary">
        {t("rsSaveChanges")}
      </button>
    </form>
  );
}
