import { describe, expect, it } from "vitest";
import { checkPassword } from "./policy.ts";

describe("password policy", () => {
  it("accepts a long passphrase and a generated password", () => {
    expect(checkPassword("violet lantern harbour 88")).toEqual({ ok: true, score: 4, problems: [] });
    expect(checkPassword("5g58-dqj7-9nzc-pjq7").ok).toBe(true);
  });

  it("refuses fewer than 12 characters, and more than 200", () => {
    expect(checkPassword("Xq7#pL2!vR").problems).toEqual(["tooShort"]);
    expect(checkPassword("x".repeat(201)).problems).toEqual(["tooLong"]);
  });

  it("refuses passwords of the bundled common-password list, even long ones", () => {
    for (const password of ["password1234", "iloveyou12345", "1qaz2wsx3edc", "qwertyuiop123"]) {
      const check = checkPassword(password);
      expect(check.ok, password).toBe(false);
      expect(check.problems, password).toContain("common");
    }
  });

  it("refuses a password built on the owner's e-mail or name", () => {
    const owner = { email: "ana.popescu@example.org", name: "Ana Popescu" };
    expect(checkPassword("popescu-rocks-2026!", owner).problems).toContain("personal");
    expect(checkPassword("popescu-rocks-2026!", {}).ok).toBe(true);
    // The e-mail's domain is everyone's at that organisation: it only lowers the estimate.
    expect(checkPassword("journey password 2026", { email: "ana@journey.example" }).ok).toBe(true);
  });

  it("names the pattern that makes a password easy to guess", () => {
    expect(checkPassword("aaaaaaaaaaaaaaaa").problems).toEqual(["repeated"]);
    expect(checkPassword("abcdefghijklmnop").problems).toEqual(["sequence"]);
    expect(checkPassword("zxcvbnm,./asdf").problems).toContain("keyboard");
  });

  it("scores from 0 to 4 as strength grows", () => {
    const scores = ["aaaaaaaaaaaa", "Summer2024!!", "violet lantern harbour 88"].map(
      (p) => checkPassword(p).score,
    );
    expect(scores[0]).toBe(0);
    expect(scores[2]).toBe(4);
    expect(scores[1]!).toBeLessThan(scores[2]!);
  });
});
