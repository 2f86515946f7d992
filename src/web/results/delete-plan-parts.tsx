import { useState } from "react";
import type { PlanOut } from "../../server/api-schemas/results.ts";
import { useLanguage } from "../i18n/language.tsx";
import { DeleteButton } from "./delete-part.tsx";

/**
 * For editors: delete a node (with its subtree), an indicator, or the whole plan, each after a
 * confirmation saying what goes with it. An approved plan is locked (the server answers 409):
 * the card says so and offers nothing until the plan is reopened.
 */
export function DeletePlanParts({
  plan,
  onDeleted,
}: {
  plan: PlanOut;
  /** `true` when the whole plan was deleted. */
  onDeleted: (whole: boolean) => void;
}) {
  const { t, pick } = useLanguage();
  const [chosen, setChosen] = useState("");
  const locked = plan.status === "approved";
  const below = (id: string): string[] => {
    const children = plan.nodes.filter((n) => n.parentId === id).map((n) => n.id);
    return [...children, ...children.flatMap(below)];
  };
  const [kind, id] = chosen.split(":") as ["node" | "indicator" | "", string | undefined];
  const node = kind === "node" ? plan.nodes.find((n) => n.id === id) : undefined;
  const indicator = kind === "indicator" ? plan.indicators.find((i) => i.id === id) : undefined;
  const subtree = node ? [node.id, ...below(node.id)] : [];
  return (
    <section className="rs-card rs-delete-card" aria-labelledby="rs-delete-title">
      <h2 id="rs-delete-title">{t("rdDeleteTitle")}</h2>
      <p className="rs-hint">{t("rdDeleteLead")}</p>
      {!locked && plan.nodes.length > 0 && (
        <div className="rs-form">
          <label>
            {t("rdWhat")}
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
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
          <DeleteButton
            disabled={!node && !indicator}
            url={
              node
                ? `/api/results/plans/${plan.id}/nodes/${node.id}`
                : `/api/results/plans/${plan.id}/indicators/${indicator?.id}`
            }
            label={t("rdDeletePart")}
            title={t(node ? "rdNodeQuestion" : "rdIndicatorQuestion")}
            confirmLabel={t("rdConfirm")}
            onDeleted={() => {
              setChosen("");
              onDeleted(false);
            }}
          >
            <p>
              {node
                ? t("rdNodeBody", {
                    label: `${node.code} ${pick(node.title)}`,
                    nodes: subtree.length - 1,
                    indicators: plan.indicators.filter((i) => subtree.includes(i.nodeId)).length,
                  })
                : indicator
                  ? t("rdIndicatorBody", { label: `${indicator.code} ${pick(indicator.title)}` })
                  : null}
            </p>
          </DeleteButton>
        </div>
      )}
      <p>
        <DeleteButton
          disabled={locked}
          url={`/api/results/plans/${plan.id}`}
          label={t("rdDeletePlan")}
          title={t("rdPlanQuestion")}
          confirmLabel={t("rdConfirm")}
          onDeleted={() => onDeleted(true)}
        >
          <p>
            {t("rdPlanBody", {
              title: pick(plan.title),
              nodes: plan.nodes.length,
              indicators: plan.indicators.length,
            })}
          </p>
        </DeleteButton>
      </p>
    </section>
  );
}
