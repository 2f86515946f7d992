import { beforeAll, describe, expect, it } from "vitest";
import { loadLanguage } from "../i18n/language-files.ts";
import { translate } from "../i18n/messages.ts";
import { describeNotification } from "./describe-notification.ts";

const notice = (kind: string, payload: Record<string, unknown>) => ({
  id: "3f0e8a55-5b1c-4bde-9b53-5b0f3f1e2a10",
  kind,
  payload,
  createdAt: "2026-11-23T10:00:00Z",
  readAt: null,
});

describe("describeNotification", () => {
  // Arabic is a language file, loaded when chosen.
  beforeAll(() => loadLanguage("ar"));

  const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate("en", key, vars);

  it("names the country and links to the assessment", () => {
    const found = describeNotification(
      notice("returned", { assessmentId: "a1", country: "MD", period: "2026" }),
      en,
      "en",
      (code) => (code === "MD" ? "Moldova" : code),
    );
    expect(found).toEqual({ text: "Moldova (2026) was returned for rework", assessmentId: "a1" });
  });

  it("writes deadline dates in the reader's language and survives unknown kinds", () => {
    const ar = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
      translate("ar", key, vars);
    const deadline = describeNotification(
      notice("deadline", { country: "GE", closesOn: "2026-11-28" }),
      ar,
      "ar",
    );
    expect(deadline.text).toContain("GE");
    expect(deadline.text).toContain("نوفمبر");
    expect(deadline.text).not.toBe(
      describeNotification(notice("deadline", { country: "GE", closesOn: "2026-11-28" }), en, "ar").text,
    );
    expect(describeNotification(notice("something-new", { country: "GE" }), en, "en").text).toBe(
      "News about GE",
    );
  });
});
