import type { MessageKey } from "../i18n/messages.ts";

/** What is wrong with a new password before it is sent (the server checks again), or null. */
export function checkNewPassword(
  password: string,
  repeat: string,
): { password?: MessageKey; repeat?: MessageKey } {
  if (password.length < 12) return { password: "passwordHint" };
  if (password !== repeat) return { repeat: "passwordsDiffer" };
  return {};
}
