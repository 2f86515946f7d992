import { beforeAll, describe, expect, it } from "vitest";
import { loadLanguage } from "../i18n/language-files.ts";
import { translate, type UiLanguage } from "../i18n/messages.ts";
import { describeHistoryChange } from "./describe-history.ts";

const t =
  (lang: UiLanguage) => (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(lang, key, vars);

describe("describeHistoryChange", () => {
  // French and Arabic are language files, loaded when chosen.
  beforeAll(() => Promise.all([loadLanguage("fr"), loadLanguage("ar")]));

  it("labels the fields and translates statuses, types, roles and yes/no", () => {
    expect(describeHistoryChange({ status: "member" }, { status: "suspended" }, "en", t("en"))).toEqual([
      { field: "status", label: "Membership", before: "Member", after: "Suspended" },
    ]);
    expect(
      describeHistoryChange(
        { listedInDirectory: false, kind: "member" },
        { listedInDirectory: true, kind: "partner" },
        "fr",
        t("fr"),
      ),
    ).toEqual([
      { field: "listedInDirectory", label: "Dans l'annuaire public", before: "Non", after: "Oui" },
      { field: "kind", label: "Type", before: "Membre", after: "Partenaire" },
    ]);
    const role = describeHistoryChange(
      { userId: "u1", roles: ["viewer"] },
      { userId: "u1", roles: ["coordinator"] },
      "ar",
      t("ar"),
    );
    expect(role).toEqual([{ field: "roles", label: "الأدوار", before: "قارئ", after: "منسّق" }]);
  });

  it("writes dates, countries, numbers, lists and other-language names readably; empty as a dash", () => {
    const [applied, country, articles, names, website] = describeHistoryChange(
      null,
      {
        appliedAt: "2026-03-01T09:30:00.000Z",
        countryCode: "MD",
        crcArticles: [19, 37],
        names: { fr: "Centre des droits" },
        website: null,
      },
      "en",
      t("en"),
    );
    expect(applied).toEqual({ field: "appliedAt", label: "Applied on", after: "Mar 1, 2026" });
    expect(country!.after).toBe("Moldova");
    expect(articles).toEqual({ field: "crcArticles", label: "UNCRC articles", after: "19, 37" });
    expect(names!.after).toBe("French: Centre des droits");
    expect(website!.after).toBe("—");
    expect(
      describeHistoryChange({ joinedOn: "2014-03-01" }, { joinedOn: null }, "fr", t("fr"))[0],
    ).toMatchObject({
      before: "1 mars 2014",
      after: "—",
    });
  });
});
