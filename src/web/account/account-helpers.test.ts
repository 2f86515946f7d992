import { describe, expect, it } from "vitest";
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
    expect(checkNewPassword("short", "short")).toEqual({ password: "passwordHint" });
    expect(checkNewPassword("long-enough-pass", "long-enough-pasS")).toEqual({ repeat: "passwordsDiffer" });
    expect(checkNewPassword("long-enough-pass", "long-enough-pass")).toEqual({});
  });
});
