import type { ReactNode } from "react";
import type { Action } from "../../core/index.ts";
import { RequireUser } from "../account/require-user.tsx";
import { useSession } from "../auth/session.tsx";
import { useLanguage } from "../i18n/language.tsx";

/** Shows an admin page to a signed-in user who may do `action`; others are told plainly. */
export function AdminGate({ action, children }: { action: Action; children: () => ReactNode }) {
  const { t } = useLanguage();
  const { may } = useSession();
  return (
    <RequireUser>
      {() =>
        may(action) ? (
          children()
        ) : (
          <p className="form-message form-message--error" role="alert">
            {t("mayNot")}
          </p>
        )
      }
    </RequireUser>
  );
}
