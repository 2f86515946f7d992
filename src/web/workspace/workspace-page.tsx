import { useRef } from "react";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { Workspace } from "./workspace.tsx";
import { assessmentOut } from "./workspace-data.ts";
import "./workspace.css";

/** /assessments/:id — where a national coalition answers its assessment. */
export function WorkspacePage({ assessmentId }: { assessmentId: string }) {
  const { user } = useSession();
  const { t } = useLanguage();
  const state = useApi(user ? `/api/assessments/${assessmentId}` : null, assessmentOut);
  // Keep the page on screen while it reloads, so edits in progress are never unmounted.
  const last = useRef<typeof assessmentOut._output | null>(null);
  if (state.status === "ok") last.current = state.data;
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <p className="status">
        <Link to={paths.signIn(paths.assessment(assessmentId))}>{t("wsSignIn")}</Link>
      </p>
    );
  }
  if (state.status === "loading" && last.current) {
    return <Workspace key={assessmentId} data={last.current} reload={state.reload} />;
  }
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") {
    const message = /^40[34]/.test(state.message) ? t("wsNotFound") : state.message;
    return <ErrorMessage message={message} onRetry={state.reload} />;
  }
  return <Workspace key={assessmentId} data={state.data} reload={state.reload} />;
}
