import { useState } from "react";
import { type IatiMergeOut, iatiMergeOut, type PlanOut } from "../../server/api-schemas/results.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";
import { type CheckOutcome, CheckThenApplyDialog } from "../review/check-then-apply.tsx";
import { IatiProblemList } from "./iati-problems.tsx";
import "../review/review.css";

/**
 * "Update from an IATI file" on a plan: a dry run lists what the file adds and changes
 * (and how much of the plan it leaves alone), then one click applies it all.
 */
export function IatiMerge({ plan, onApplied }: { plan: PlanOut; onApplied: (changed: number) => void }) {
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  if (!plan.may.edit) return null;
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t("rsIatiMerge")}
      </button>
      {open && (
        <IatiMergeDialog
          planId={plan.id}
          onClose={() => setOpen(false)}
          onApplied={(changed) => {
            setOpen(false);
            onApplied(changed);
          }}
        />
      )}
    </>
  );
}

function IatiMergeDialog({
  planId,
  onApplied,
  onClose,
}: {
  planId: string;
  onApplied: (changed: number) => void;
  onClose: () => void;
}) {
  const { t } = useLanguage();

  async function send(file: File, dryRun: boolean): Promise<CheckOutcome<IatiMergeOut>> {
    const body = new FormData();
    body.set("dryRun", String(dryRun));
    body.set("file", file);
    try {
      const out = await sendApi("POST", `/api/results/plans/${planId}/import-iati`, body, iatiMergeOut);
      return dryRun ? { report: out } : { applied: out.added + out.changed };
    } catch (failure) {
      // A file with problems is refused with the report that lists them.
      const refused = failure instanceof ApiRequestError ? iatiMergeOut.safeParse(failure.body) : null;
      if (refused?.success) return { report: refused.data };
      throw failure;
    }
  }

  return (
    <CheckThenApplyDialog
      words={{
        title: t("rsIatiMergeTitle"),
        lead: t("rsIatiMergeLead"),
        fileLabel: t("rsIatiFile"),
        check: t("rsIatiCheck"),
        checking: t("rsXlsxChecking"),
        cancel: t("rsXlsxCancel"),
      }}
      accept=".xml,.zip,application/xml,text/xml,application/zip"
      send={send}
      summary={(report) =>
        report.ok ? (
          <p>
            {report.added + report.changed === 0
              ? t("rsIatiMergeNothing")
              : t("rsIatiMergeSummary", {
                  added: report.added,
                  changed: report.changed,
                  unchanged: report.unchanged,
                  left: report.left,
                })}
          </p>
        ) : (
          <p className="rv-error">{t("rsIatiMergeProblems", { count: report.problems.length })}</p>
        )
      }
      details={(report) =>
        report.ok ? (
          report.changes.length > 0 && <MergeChanges changes={report.changes} />
        ) : (
          <IatiProblemList problems={report.problems} />
        )
      }
      applyLabel={(report) => {
        const total = report.added + report.changed;
        return report.ok && total > 0 ? t("rsIatiMergeApply", { count: total }) : null;
      }}
      onApplied={onApplied}
      onClose={onClose}
    />
  );
}

/** What an IATI file would add or change, one row per change. */
function MergeChanges({ changes }: { changes: IatiMergeOut["changes"] }) {
  const { t } = useLanguage();
  return (
    <div className="table-scroll">
      <table className="data-table rv-report">
        <caption>{t("rsIatiMergeCaption")}</caption>
        <tbody>
          {changes.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no id and never reorder.
            <tr key={i}>
              <th scope="row" className="rv-nowrap">
                {t("rsIatiMergeAction", { action: c.action })}
              </th>
              <td className="rv-text" dir="ltr">
                {c.what}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
