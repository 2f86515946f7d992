import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { type Action, can, type Target } from "../../core/index.ts";
import { me } from "../../server/api-schemas/auth.ts";
import { signInChallenge } from "../../server/api-schemas/two-factor.ts";
import { sendApi, setCsrfToken } from "../api/send-api.ts";

export type Me = z.infer<typeof me>;

interface SessionValue {
  /** undefined while loading; null when signed out. */
  user: Me | null | undefined;
  /** Signs in, or answers the challenge token when a second factor is needed. */
  signIn: (email: string, password: string) => Promise<{ challengeToken: string } | null>;
  /** The second step: a code from the authenticator app or a recovery code. */
  completeSignIn: (challengeToken: string, code: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Adopts the user returned by accepting an invitation. */
  adopt: (user: Me) => void;
  /** Whether the signed-in user may do `action` (the server checks again). */
  may: (action: Action, target?: Target) => boolean;
}

const sessionBody = z.object({ user: me.nullable() });
const signInAnswer = z.union([me, signInChallenge]);

const SessionContext = createContext<SessionValue | null>(null);

/** Loads the signed-in user once and keeps the CSRF token for every change. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const adopt = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? "");
    setUser(next);
  }, []);

  useEffect(() => {
    let active = true;
    fetch("/api/auth/session", { headers: { accept: "application/json" } })
      .then(async (res) => (res.ok ? sessionBody.parse(await res.json()).user : null))
      .catch(() => null)
      .then((found) => {
        if (active) adopt(found);
      });
    return () => {
      active = false;
    };
  }, [adopt]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      adopt,
      signIn: async (email, password) => {
        const answer = await sendApi("POST", "/api/auth/sign-in", { email, password }, signInAnswer);
        if ("twoFactorRequired" in answer) return { challengeToken: answer.challengeToken };
        adopt(answer);
        return null;
      },
      completeSignIn: async (challengeToken, code) =>
        adopt(await sendApi("POST", "/api/auth/sign-in/two-factor", { challengeToken, code }, me)),
      signOut: async () => {
        await sendApi("POST", "/api/auth/sign-out", undefined, z.object({ ok: z.literal(true) }));
        adopt(null);
      },
      may: (action, target) =>
        !!user &&
        can(
          { userId: user.id, isAdmin: user.isAdmin, grants: user.grants, reviewRights: user.reviewRights },
          action,
          target,
        ),
    }),
    [user, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session: who is signed in and how to sign in or out. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
