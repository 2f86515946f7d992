import { type ReactNode, useEffect } from "react";
import { type Me, useSession } from "../auth/session.tsx";
import { Loading } from "../components/status.tsx";
import { navigate, useLocation } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";

/**
 * Shows `children` to a signed-in user; anyone else is sent to sign-in and
 * brought back to this page afterwards.
 */
export function RequireUser({ children }: { children: (user: Me) => ReactNode }) {
  const { user } = useSession();
  const { pathname, search } = useLocation();
  const here = pathname + (search.size ? `?${search.toString()}` : "");
  useEffect(() => {
    if (user === null) navigate(paths.signIn(here), { replace: true });
  }, [user, here]);
  if (!user) return <Loading />;
  return <>{children(user)}</>;
}
