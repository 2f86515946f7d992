import { describe, expect, it } from "vitest";
import { buildDemoReleases } from "../../../test/support/release-fixture.ts";
import { pageEnv } from "../context.ts";
import { portalLanguages } from "../render.tsx";
import { valueLabels } from "./country-gap.tsx";

describe("the gap's value labels", async () => {
  const { second } = await buildDemoReleases();
  const ctx = { releases: [], languages: portalLanguages(second.framework), mode: "static" as const };
  const labels = (lang: string) =>
    valueLabels(
      pageEnv(second, { page: "methodology", lang }, lang, ctx),
      "dimension",
      second.framework.gap!.implementation,
    );

  it("are joined as each language joins a list", () => {
    expect(labels("en")).toBe("Services, Capacity, Accountability, and Coordination");
    expect(labels("fr")).toMatch(/^Services, Capacités?, .+ et .+$/);
    // Arabic joins with "و" (and), never with a Latin comma.
    expect(labels("ar")).toBe("الخدمات والقدرات والمساءلة والتنسيق");
  });
});
