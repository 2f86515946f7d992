import { type FormEvent, useState } from "react";
import { z } from "zod";
import { planLanguages } from "../../core/results/languages.ts";
import type { PlanOut } from "../../server/api-schemas/results.ts";
import { sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { navigate } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { DeletePlanParts } from "./delete-plan-parts.tsx";
import { EditPlanParts, type PartChoice } from "./edit-plan-parts.tsx";
import { editLanguages, LocalTextFields, readLocalText } from "./local-text-fields.tsx";

const created = z.object({ id: z.string() });
const orNull = (text: Record<string, string>) => (Object.keys(text).length ? text : null);

/**
 * For editors: add a node to the tree, add an indicator to a node, change or delete one; for
 * approvers: approve or reopen.
 */
export function PlanEditing({
  plan,
  partChoice,
  onPartChoice,
  onChanged,
}: {
  plan: PlanOut;
  partChoice: PartChoice;
  onPartChoice: (choice: PartChoice) => void;
  onChanged: () => void;
}) {
  const { t, pick, lang } = useLanguage();
  const langs = editLanguages(planLanguages(plan), lang);
  const [error, setError] = useState<string | null>(null);
  const run = (work: (form: FormData) => Promise<unknown>) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    try {
      await work(new FormData(element));
      setError(null);
      element.reset();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const nodeLabel = (n: PlanOut["nodes"][number]) => `${n.code} ${pick(n.title)}`;
  const addNode = run((form) => {
    const parentId = String(form.get("parent") ?? "") || null;
    const parent = plan.nodes.find((n) => n.id === parentId);
    const below = parent ? plan.levels.findIndex((l) => l.key === parent.level) + 1 : 0;
    return sendApi(
      "POST",
      `/api/results/plans/${plan.id}/nodes`,
      {
        parentId,
        level: plan.levels[Math.min(below, plan.levels.length - 1)]!.key,
        code: form.get("code"),
        title: readLocalText(form, "title", langs),
        description: orNull(readLocalText(form, "description", langs)),
      },
      created,
    );
  });
  const addIndicator = run((form) =>
    sendApi(
      "POST",
      `/api/results/plans/${plan.id}/indicators`,
      {
        nodeId: form.get("node"),
        code: form.get("code"),
        title: readLocalText(form, "title", langs),
        type: form.get("type"),
        direction: form.get("direction"),
        baselineValue: form.get("baseline") ? Number(form.get("baseline")) : null,
      },
      created,
    ),
  );
  const approve = (approved: boolean, isPublic = false) =>
    sendApi("POST", `/api/results/plans/${plan.id}/approval`, { approved, isPublic }, z.null()).then(
      onChanged,
      (e: Error) => setError(e.message),
    );
  const publishes = (publishesPlans: boolean) =>
    sendApi(
      "PUT",
      `/api/results/organisations/${plan.organisation.id}/publishing`,
      { publishesPlans },
      z.null(),
    ).then(onChanged, (e: Error) => setError(e.message));
  if (!plan.may.edit && !plan.may.approve) return null;
  return (
    <div className="rs-editing">
      {plan.may.edit && plan.status !== "approved" && (
        <>
          <section className="rs-card" aria-labelledby="rs-add-node">
            <h2 id="rs-add-node">{t("rsAddNode")}</h2>
            <form className="rs-form" onSubmit={addNode}>
              <label>
                {t("rsParent")}
                <select name="parent">
                  <option value="">{t("rsTopLevel")}</option>
                  {plan.nodes
                    .filter((n) => n.level !== plan.levels.at(-1)?.key)
                    .map((n) => (
                      <option key={n.id} value={n.id}>
                        {nodeLabel(n)}
                      </option>
                    ))}
                </select>
              </label>
              <label>
                {t("rsCode")}
                <input name="code" required maxLength={40} />
              </label>
              <LocalTextFields name="title" label={t("rsTitleLangs")} langs={langs} maxLength={300} />
              <LocalTextFields name="description" label={t("rsDescriptionLangs")} langs={langs} multiline />
              <button type="submit" className="button button--primary">
                {t("rsAdd")}
              </button>
            </form>
          </section>
          {plan.nodes.length > 0 && (
            <section className="rs-card" aria-labelledby="rs-add-indicator">
              <h2 id="rs-add-indicator">{t("rsAddIndicator")}</h2>
              <form className="rs-form" onSubmit={addIndicator}>
                <label>
                  {t("rsNode")}
                  <select name="node" required>
                    {plan.nodes.map((n) => (
                      <option key={n.id} value={n.id}>
                        {nodeLabel(n)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t("rsCode")}
                  <input name="code" required maxLength={40} />
                </label>
                <LocalTextFields name="title" label={t("rsTitleLangs")} langs={langs} maxLength={300} />
                <label>
                  {t("rsType")}
                  <select name="type">
                    {(["number", "percentage", "narrative"] as const).map((type) => (
                      <option key={type} value={type}>
                        {t("rsTypeName", { type })}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t("rsDirection")}
                  <select name="direction">
                    {(["increase", "decrease", "maintain"] as const).map((direction) => (
                      <option key={direction} value={direction}>
                        {t("rsDirectionName", { direction })}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t("rsBaseline")}
                  <input name="baseline" inputMode="decimal" />
                </label>
                <button type="submit" className="button button--primary">
                  {t("rsAdd")}
                </button>
              </form>
            </section>
          )}
        </>
      )}
      {plan.may.edit && plan.nodes.length > 0 && (
        <EditPlanParts plan={plan} choice={partChoice} onChoice={onPartChoice} onChanged={onChanged} />
      )}
      {plan.may.edit && (
        <DeletePlanParts
          plan={plan}
          onDeleted={(whole) => (whole ? navigate(paths.results()) : onChanged())}
        />
      )}
      {plan.may.approve && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => approve(plan.status !== "approved", plan.status !== "approved" && plan.isPublic)}
          >
            {t(plan.status === "approved" ? "rsReopen" : "rsApprove")}
          </button>
        </p>
      )}
      {plan.may.approve && (
        <fieldset className="rs-card rs-publishing">
          <legend>{t("rsPublishing")}</legend>
          <label className="rs-check">
            <input
              type="checkbox"
              checked={plan.isPublic}
              disabled={plan.status !== "approved"}
              onChange={(e) => approve(true, e.target.checked)}
            />
            {t("rsMakePublic")}
          </label>
          {plan.status !== "approved" && <p className="rs-hint">{t("rsPublicNeedsApproval")}</p>}
          <label className="rs-check">
            <input
              type="checkbox"
              checked={plan.organisation.publishesPlans}
              onChange={(e) => publishes(e.target.checked)}
            />
            {t("rsOrgPublishes", { organisation: plan.organisation.name })}
          </label>
          {plan.isPublic && !plan.organisation.publishesPlans && (
            <p className="rs-hint">{t("rsPublicWaits", { organisation: plan.organisation.name })}</p>
          )}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="rs-error">
          {error}
        </p>
      )}
    </div>
  );
}
