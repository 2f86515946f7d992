import {
  buildReleaseSnapshot,
  type Framework,
  type ReleaseAnswer,
  type ReleaseSnapshot,
} from "../../src/core/index.ts";
import { buildDemoAnswers, DEMO_COUNTRIES, DEMO_CYCLES } from "../../src/server/demo/demo-answers.ts";
import { readDemoFramework } from "../../src/server/demo/demo-framework.ts";

const ARABIC_NAMES: Record<string, string> = {
  AL: "ألبانيا",
  AM: "أرمينيا",
  AZ: "أذربيجان",
  BA: "البوسنة والهرسك",
  BG: "بلغاريا",
  GE: "جورجيا",
  XK: "كوسوفو",
  MD: "مولدوفا",
  RO: "رومانيا",
  RS: "صربيا",
};

/**
 * Two demo releases built without a database: the first cycle (v1) and the
 * second cycle (v1, compared with the first). Answers carry one citation each
 * for a few indicators so pages have evidence to show.
 */
export async function buildDemoReleases(): Promise<{
  framework: Framework;
  first: ReleaseSnapshot;
  second: ReleaseSnapshot;
}> {
  const framework = await readDemoFramework();
  const all = buildDemoAnswers(framework);
  const countries = DEMO_COUNTRIES.map((c) => ({
    code: c.code,
    name: { ...c.name, ar: ARABIC_NAMES[c.code] ?? c.name.en! },
  }));
  const releases: ReleaseSnapshot[] = [];
  DEMO_CYCLES.forEach((cycle, i) => {
    const answers: ReleaseAnswer[] = all
      .filter((a) => a.period === cycle.code)
      .map((a, n) => ({
        country: a.entity,
        indicator: a.indicator,
        value: a.value,
        justification: a.value === "na" ? "Not applicable in this country (demo)." : null,
        evidence:
          n % 7 === 0
            ? [
                {
                  kind: "citation",
                  citation: `Demo source for ${a.indicator}, ${a.entity} ${cycle.code}`,
                  url: null,
                  legalReference: null,
                  sourceDate: `${cycle.code}-03-01`,
                  fileName: null,
                },
              ]
            : [],
      }));
    releases.push(
      buildReleaseSnapshot({
        release: {
          slug: `${framework.code}-${cycle.code}-v1`,
          frameworkCode: framework.code,
          frameworkVersion: framework.version,
          version: 1,
          period: cycle.code,
          cycleName: cycle.label,
          publishedAt: `${cycle.code}-11-15T10:00:00.000Z`,
          notes: `First release of ${cycle.code}.`,
          supersedes: null,
          isDemo: true,
        },
        framework,
        countries,
        answers,
        comparison: releases[i - 1] ?? null,
      }),
    );
  });
  return { framework, first: releases[0]!, second: releases[1]! };
}
