import { useEffect, useState } from "react";
import type { PasswordCheck, PasswordOwner, PasswordProblem } from "../../core/passwords/policy.ts";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import "./security.css";

/** The policy with its dictionaries (about 1 MB) is loaded only by pages where a password is chosen. */
const loadPolicy = () => import("../../core/passwords/policy.ts");

/**
 * Checks a new password with the same rule as the server while the person
 * types; null until the dictionaries have loaded or while the field is empty.
 */
export function usePasswordCheck(password: string, owner: PasswordOwner): PasswordCheck | null {
  const [check, setCheck] = useState<PasswordCheck | null>(null);
  const { email, name } = owner;
  useEffect(() => {
    let current = true;
    if (!password) {
      setCheck(null);
      return;
    }
    // A short pause, so a fast typist does not wait for every keystroke.
    const timer = setTimeout(() => {
      void loadPolicy().then(({ checkPassword }) => {
        if (current) setCheck(checkPassword(password, { email, name }));
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, email, name]);
  return check;
}

/** The message key naming one thing to fix. */
export function passwordProblemKey(problem: PasswordProblem): MessageKey {
  return `pw_${problem}` as MessageKey;
}

/** A five-step strength bar with its level in words and what to fix, read by screen readers as it changes. */
export function PasswordStrength({ id, check }: { id: string; check: PasswordCheck | null }) {
  const { t } = useLanguage();
  if (!check) return null;
  const level = t(`pwLevel${check.score}` as MessageKey);
  return (
    <div className="password-strength" id={id} aria-live="polite">
      <div
        className={`password-strength__bar password-strength__bar--${check.ok ? "ok" : "weak"}`}
        aria-hidden="true"
      >
        {[0, 1, 2, 3, 4].map((step) => (
          <span key={step} className={step <= check.score ? "is-filled" : undefined} />
        ))}
      </div>
      <p className="password-strength__level">{t("pwStrength", { level })}</p>
      {check.ok ? (
        <p className="password-strength__ok">✓ {t("pwGood")}</p>
      ) : (
        <ul className="password-strength__problems">
          {check.problems.map((p) => (
            <li key={p}>{t(passwordProblemKey(p))}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
