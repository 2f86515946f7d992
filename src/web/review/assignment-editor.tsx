import { useId, useMemo, useState } from "react";
import { z } from "zod";
import type { Framework } from "../../core/index.ts";
import { assignmentOut } from "../../server/api-schemas/assessments.ts";
import { personOut } from "../../server/api-schemas/people.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { Loaded } from "../components/status.tsx";
import { indicatorsOf, listNodesInOrder } from "../format/tree.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import type { AssessmentData } from "./assessment-page-frame.tsx";
import { LiveNotice, useNotice } from "./live-notice.tsx";

type Assignment = z.infer<typeof assignmentOut>;

/** Each node's and indicator's ancestors (node codes), to tell what a ticked section already covers. */
function ancestorsByCode(fw: Framework): Map<string, string[]> {
  const parent = new Map(fw.nodes.map((n) => [n.code, n.parent]));
  const up = (code: string | null): string[] => {
    const out: string[] = [];
    for (let c = code; c; c = parent.get(c) ?? null) out.push(c);
    return out;
  };
  const map = new Map<string, string[]>();
  for (const n of fw.nodes) map.set(n.code, up(n.parent));
  for (const i of fw.indicators) map.set(i.code, up(i.node));
  return map;
}

/** The coordinator's editor: pick a person, tick sections or indicators, save; remove single assignments. */
export function AssignmentEditor({ data, onSaved }: { data: AssessmentData; onSaved: () => void }) {
  const { t, pick } = useLanguage();
  const id = useId();
  const assessmentId = data.assessment.id;
  const people = useApi(`/api/assessments/${assessmentId}/people`, z.array(personOut));
  const [assignments, setAssignments] = useState<Assignment[]>(data.assignments);
  const [userId, setUserId] = useState("");
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const { notice, say } = useNotice();
  const fw = data.framework;
  const ancestors = useMemo(() => ancestorsByCode(fw), [fw]);
  const items = useMemo(
    () =>
      listNodesInOrder(fw).flatMap(({ node, depth }) => [
        { code: node.code, label: pick(node.label), depth, isNode: true },
        ...indicatorsOf(fw, node.code).map((i) => ({
          code: i.code,
          label: pick(i.text),
          depth: depth + 1,
          isNode: false,
        })),
      ]),
    [fw, pick],
  );
  const labelOf = new Map(items.map((i) => [i.code, i.label]));

  const choose = (next: string) => {
    setUserId(next);
    setChecked(new Set(assignments.filter((a) => a.userId === next).map((a) => a.itemCode)));
  };
  const toggle = (code: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  async function run(work: () => Promise<Assignment[] | null>, done: string) {
    setBusy(true);
    try {
      const next = await work();
      if (next) setAssignments(next);
      say(done);
      onSaved();
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), "error");
    } finally {
      setBusy(false);
    }
  }

  const save = (name: string) =>
    run(
      () =>
        sendApi(
          "PUT",
          `/api/assessments/${assessmentId}/assignments`,
          { userId, itemCodes: [...checked] },
          z.array(assignmentOut),
        ),
      t("rvSavedAssignments", { name }),
    );
  const remove = (a: Assignment) =>
    run(async () => {
      await sendApi("DELETE", `/api/assessments/${assessmentId}/assignments/${a.id}`, undefined, z.null());
      setChecked((prev) => new Set([...prev].filter((c) => !(a.userId === userId && c === a.itemCode))));
      return assignments.filter((x) => x.id !== a.id);
    }, t("rvAssignmentRemoved"));

  return (
    <section className="section rv-assign" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("rvAssignments")}</h2>
      <Loaded states={[people]}>
        {(list) => {
          if (list.length === 0) return <p className="muted">{t("rvNoPeople")}</p>;
          const person = list.find((p) => p.userId === userId);
          return (
            <>
              <p>{t("rvAssignLead")}</p>
              <div className="rv-field">
                <label htmlFor={`${id}-person`}>{t("rvPerson")}</label>
                <select id={`${id}-person`} value={userId} onChange={(e) => choose(e.target.value)}>
                  <option value="">{t("rvChoosePerson")}</option>
                  {list.map((p) => (
                    <option key={p.userId} value={p.userId}>
                      {p.name} ({p.roles.map((r) => t(`rvRole_${r}` as MessageKey)).join(", ")})
                    </option>
                  ))}
                </select>
              </div>
              {person && (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    void save(person.name);
                  }}
                >
                  <fieldset className="rv-tree">
                    <legend>{person.name}</legend>
                    {items.map((item) => {
                      const covered = (ancestors.get(item.code) ?? []).some((a) => checked.has(a));
                      return (
                        <div
                          key={item.code}
                          className={item.isNode ? "rv-tree__item rv-tree__item--node" : "rv-tree__item"}
                          style={{ paddingInlineStart: `${(item.depth - 1) * 1.5}rem` }}
                        >
                          <input
                            type="checkbox"
                            id={`${id}-${item.code}`}
                            checked={covered || checked.has(item.code)}
                            disabled={covered}
                            onChange={() => toggle(item.code)}
                          />
                          <label htmlFor={`${id}-${item.code}`}>
                            <span className="code">{item.code}</span> {item.label}
                            {covered && <span className="muted"> {t("rvCovered")}</span>}
                          </label>
                        </div>
                      );
                    })}
                  </fieldset>
                  <button type="submit" className="button button--primary" disabled={busy}>
                    {t("rvSaveAssignments", { name: person.name })}
                  </button>
                </form>
              )}
            </>
          );
        }}
      </Loaded>
      <LiveNotice notice={notice} />
      <h3>{t("rvCurrentAssignments")}</h3>
      {assignments.length === 0 ? (
        <p className="muted">{t("rvNobodyAssigned")}</p>
      ) : (
        <ul className="rv-assignments">
          {assignments.map((a) => (
            <li key={a.id}>
              <strong>{a.userName}</strong>: <span className="code">{a.itemCode}</span>{" "}
              {labelOf.get(a.itemCode) ?? ""}{" "}
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void remove(a)}
              >
                {t("rvRemove")}
                <span className="visually-hidden">
                  {" "}
                  {t("rvRemoveAssignment", { item: a.itemCode, name: a.userName })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
