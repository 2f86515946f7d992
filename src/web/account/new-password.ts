import type { PasswordCheck } from "../../core/passwords/policy.ts";
import type { MessageKey } from "../i18n/messages.ts";

/**
 * What is wrong with a new password before it is sent (the server checks
 * again): the first problem the policy found, or the repeat that differs.
 */
export function checkNewPassword(
  password: string,
  repeat: string,
  check: PasswordCheck | null,
): { password?: MessageKey; repeat?: MessageKey } {
  if (password.length < 12) return { password: "passwordHint" };
  const problem = check?.problems[0];
  if (problem) return { password: `pw_${problem}` as MessageKey };
  if (password !== repeat) return { repeat: "passwordsDiffer" };
  return {};
}
