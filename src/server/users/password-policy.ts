import type { PasswordOwner, PasswordProblem } from "../../core/passwords/policy.ts";
import { UserError } from "../errors.ts";

const EXPLAIN: Record<PasswordProblem, string> = {
  tooShort: "use at least 12 characters",
  tooLong: "use at most 200 characters",
  common: "this is a common password that attackers try first; choose another",
  personal: "do not build the password on your name or e-mail address",
  repeated: "avoid repeated characters or words (aaa, abcabc)",
  sequence: "avoid sequences (abcd, 1234)",
  keyboard: "avoid keyboard patterns (qwerty, asdf)",
  date: "avoid dates and years",
  guessable: "too easy to guess: add more words or characters",
};

/**
 * Refuses a new password that breaks the policy, with 400 naming the field and what to fix. The
 * policy's dictionaries (~40 MB resident) are loaded on the first password chosen, not at start.
 */
export async function assertPasswordAllowed(
  password: string,
  owner: PasswordOwner,
  field = "password",
): Promise<void> {
  const { checkPassword } = await import("../../core/passwords/policy.ts");
  const check = checkPassword(password, owner);
  if (!check.ok) throw new UserError(`${field}: ${check.problems.map((p) => EXPLAIN[p]).join("; ")}`);
}
