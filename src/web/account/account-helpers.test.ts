import { describe, expect, it } from "vitest";
import { checkPassword } from "../../core/passwords/policy.ts";
import { ApiRequestError } from "../api/send-api.ts";
import { paths, safeNext } from "../routing/routes.ts";
import { sortServerErrors } from "./field-errors.ts";
import { checkNewPassword } from "./new-password.ts";
import { readTokenFromHash } from "./token-from-hash.ts";

describe("sortServerErrors", () => {
  it("puts each server message next to the field its path names", () => {
    const refused = new ApiRequestError("invalid request", 400, {
      error: "invalid request",
      details: [
        "period: Too small: expected string to have >=1 characters",
        "countries.0: use ISO codes",
        "name: give the name",
      ],
    });
    const sorted = sortServerErrors(refused, ["period", "countries", "name", "opensOn"]);
    expect(sorted.fields).toEqual({
      period: "Too small: expected string to have >=1 characters",
      countries: "use ISO codes",
      name: "give the name",
    });
    expect(sorted.general).toBeNull();
    expect(sorted.status).toBe(400);
  });

  it("keeps messages about no field for the form as a whole", () => {
    const refused = new ApiRequestError("x", 403, { error: "you may not open cycles for GE" });
    expect(sortServerErrors(refused, ["period"])).toEqual({
      fields: {},
      general: "you may not open cycles for GE",
      status: 403,
    });
    expect(sortServerErrors(new Error("offline"), ["period"]).general).toBe("offline");
  });
});

describe("sign-in helpers", () => {
  it("returns only to paths inside the app", () => {
    expect(safeNext("/admin/outbox")).toBe("/admin/outbox");
    expect(safeNext("//evil.example")).toBe(paths.work());
    expect(safeNext("https://evil.example")).toBe(paths.work());
    expect(safeNext(null)).toBe(paths.work());
    expect(paths.signIn("/work?x=1")).toBe("/sign-in?next=%2Fwork%3Fx%3D1");
  });

  it("reads the token from the link's fragment", () => {
    expect(readTokenFromHash("#token=abcdefghijkl")).toBe("abcdefghijkl");
    expect(readTokenFromHash("#token=short")).toBeNull();
    expect(readTokenFromHash("")).toBeNull();
  });

  it("checks a new password before sending it", () => {
    const strong = checkPassword("violet lantern harbour 88");
    expect(checkNewPassword("short", "short", null)).toEqual({ password: "passwordHint" });
    expect(checkNewPassword("violet lantern harbour 88", "violet lantern harbour 8", strong)).toEqual({
      repeat: "passwordsDiffer",
    });
    expect(checkNewPassword("violet lantern harbour 88", "violet lantern harbour 88", strong)).toEqual({});
    // The policy's first problem is the message shown under the field.
    expect(checkNewPassword("password1234", "password1234", checkPassword("password1234"))).toEqual({
      password: "pw_common",
    });
  });
});
