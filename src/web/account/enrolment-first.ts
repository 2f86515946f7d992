import { useEffect } from "react";
import { useSession } from "../auth/session.tsx";
import { navigate } from "../routing/router.tsx";
import { paths, type Route } from "../routing/routes.ts";

/**
 * When the person's role requires two-factor sign-in and they have none, every
 * page leads to the account security page (the server refuses the rest anyway).
 */
export function useEnrolmentFirst(page: Route["page"]): void {
  const { user } = useSession();
  const mustEnrol = !!user?.mustEnrolTwoFactor;
  useEffect(() => {
    if (mustEnrol && page !== "account-security") navigate(paths.accountSecurity(), { replace: true });
  }, [mustEnrol, page]);
}
