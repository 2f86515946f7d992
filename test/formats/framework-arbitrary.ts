import fc from "fast-check";
import type { FrameworkInput } from "../../src/core/index.ts";

/**
 * Random valid frameworks that exercise every field the XLSX template stores:
 * several languages (including right-to-left and CJK text), deep trees,
 * every indicator type and scoring option, classifications and bands.
 * Texts avoid XML control characters, which a spreadsheet cannot hold.
 */
const text = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
  .map((s) => Array.from(s).filter(isXmlCharacter).join(""))
  .filter((s) => s.trim().length > 0);
/** Characters XML 1.0 can hold (tab, line breaks and everything from space on, except U+FFFE/U+FFFF). */
function isXmlCharacter(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x20 || cp === 0x9 || cp === 0xa || cp === 0xd) && cp !== 0xfffe && cp !== 0xffff;
}

const suffix = fc.stringMatching(/^[A-Za-z0-9_.:-]{0,8}$/);
const number = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x));
const unit01 = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => (x === 0 ? 0 : x));
const weight = fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 10 }), unit01);

function localText(languages: string[], required: string) {
  return fc
    .record(Object.fromEntries(languages.map((l) => [l, fc.option(text, { nil: undefined })])))
    .chain((r) =>
      text.map((t) => ({ ...dropEmpty(r), [required]: (r[required] as string | undefined) ?? t })),
    );
}

function dropEmpty(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

const goalposts = fc.oneof(
  fc.tuple(number, number).filter(([a, b]) => a < b),
  fc.constant<["data", "data"]>(["data", "data"]),
  number.map((x): [number, "data"] => [x, "data"]),
);

export const frameworkInput: fc.Arbitrary<FrameworkInput> = fc
  .record({
    extra: fc.subarray(["fr", "ar", "zh-Hans", "ro"]),
    nodeCount: fc.integer({ min: 1, max: 6 }),
    indicatorCount: fc.integer({ min: 0, max: 8 }),
    scoreScale: fc.constantFrom(1, 10, 100),
    precision: fc.integer({ min: 0, max: 4 }),
    suffix,
    version: fc.oneof(
      fc.constant("2026.1"),
      text.filter((t) => t.length <= 50),
    ),
  })
  .chain(({ extra, nodeCount, indicatorCount, scoreScale, precision, suffix: s, version }) => {
    const languages = ["en", ...extra];
    const lt = () => localText(languages, "en");
    const optionalLt = () => fc.option(lt(), { nil: undefined });
    const nodeCodes = Array.from({ length: nodeCount }, (_, i) => `n${i}${s}`);
    const nodes = fc
      .tuple(
        ...nodeCodes.map((code, i) =>
          fc.record(
            {
              code: fc.constant(code),
              parent: i === 0 ? fc.constant(null) : fc.constantFrom(...nodeCodes.slice(0, i)),
              label: lt(),
              description: optionalLt(),
              weight,
              aggregation: fc.constantFrom("arithmetic", "geometric"),
              missing: fc.constantFrom("reweight", "zero"),
              minCoverage: unit01,
              normalisation: fc.constantFrom("goalposts", "minmax", "zscore", "rank", "distance", "banded"),
              goalposts: fc.record({
                min: fc.oneof(fc.constant("data" as const), fc.integer({ min: -50, max: 0 })),
                max: fc.oneof(fc.constant("data" as const), fc.integer({ min: 1, max: 500 })),
              }),
              imputation: fc.constantFrom("none", "mean", "median", "previous", "group"),
              // Used only with a distance or a banding (see below): a target or a country code.
              reference: fc.oneof(
                fc.double({ min: 0.5, max: 1000, noNaN: true }),
                fc.constantFrom("FR", "md"),
              ),
              thresholds: fc
                .uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 4 })
                .chain((froms) =>
                  fc.tuple(
                    ...froms.sort((a, b) => a - b).map((from) => unit01.map((score) => ({ from, score }))),
                  ),
                ),
            },
            { requiredKeys: ["code", "parent", "label", "reference", "thresholds"] },
          ),
        ),
      )
      .map((list) =>
        // A reference goes with a distance and thresholds with a banding, on the same node only.
        list.map(({ reference, thresholds, ...node }) => ({
          ...node,
          ...(node.normalisation === "distance" ? { reference } : {}),
          ...(node.normalisation === "banded" ? { thresholds } : {}),
        })),
      );
    // Groups of countries (the group imputation needs them) and a crosswalk from an earlier version.
    const groups = fc
      .record({
        north: fc.option(lt(), { nil: undefined }),
        south: fc.option(lt(), { nil: undefined }),
      })
      .map(({ north, south }) => [
        { code: "north", ...(north ? { label: north } : {}), members: ["FR", "md"] },
        { code: "south", ...(south ? { label: south } : {}), members: ["ZA"] },
      ]);
    const crosswalks = fc.option(
      fc
        .array(
          fc.record({
            fromVersion: fc.constantFrom("0.9", "2019", "v1 draft"),
            entries: fc.array(
              fc.record(
                {
                  from: fc.constantFrom("old1", "old.2", "n0"),
                  to: fc.option(fc.constantFrom(...nodeCodes), { nil: null }),
                  change: fc.constantFrom("renamed", "moved", "split", "merged", "rescored", "removed"),
                  note: lt(),
                },
                { requiredKeys: ["from", "to", "change"] },
              ),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 2 },
        )
        .map((walks) =>
          // One crosswalk per earlier version (not this one), as the sheet groups its rows;
          // "removed" and only it has no "to"; each from → to once.
          walks
            .filter(
              (w, k) =>
                w.fromVersion !== version && walks.findIndex((x) => x.fromVersion === w.fromVersion) === k,
            )
            .map((w) => {
              const entries = w.entries.map((e) => ({
                ...e,
                to: e.change === "removed" ? null : (e.to ?? nodeCodes[0]!),
              }));
              return {
                ...w,
                entries: entries.filter(
                  (e, k) => entries.findIndex((x) => x.from === e.from && x.to === e.to) === k,
                ),
              };
            }),
        )
        .filter((walks) => walks.length > 0),
      { nil: undefined },
    );
    const classifications = fc.constantFrom(0, 1, 2).chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, c) =>
          fc.integer({ min: 0, max: 3 }).chain((values) =>
            fc.record({
              code: fc.constant(`c${c}`),
              label: lt(),
              values: fc.tuple(
                ...Array.from({ length: values }, (_, v) =>
                  fc.record({ code: fc.constant(`v${v}`), label: lt() }),
                ),
              ),
            }),
          ),
        ),
      ),
    );
    return fc
      .record({
        nodes,
        groups,
        crosswalks,
        classifications,
        bands: fc.integer({ min: 0, max: 4 }).chain((n) =>
          fc
            .tuple(
              ...Array.from({ length: n }, () => lt()),
              fc.option(fc.constant("#1e6f5c"), { nil: undefined }),
            )
            .map((parts) => {
              const labels = parts.slice(0, n) as Record<string, string>[];
              return labels.map((label, k) => ({
                code: `b${k}`,
                label,
                min: (scoreScale * k) / n,
                max: k === n - 1 ? scoreScale : (scoreScale * (k + 1)) / n,
                ...(parts[n] ? { color: parts[n] as string } : {}),
              }));
            }),
        ),
        title: lt(),
        description: optionalLt(),
        indicatorSeeds: fc.array(
          fc.record({
            node: fc.constantFrom(...nodeCodes),
            kind: fc.constantFrom("checklist", "number", "percentage", "scale"),
            text: lt(),
            guidance: optionalLt(),
            weight,
            unit: fc.option(text, { nil: undefined }),
            source: fc.option(
              fc.record({
                figure: fc.constantFrom("perChildExecuted", "shareOfBudget", "executionRate", "realGrowth"),
                sector: fc.option(fc.constantFrom("child-protection", "education"), { nil: undefined }),
                basis: fc.constantFrom("current", "constant", "usd"),
              }),
              { nil: undefined },
            ),
            goalposts,
            direction: fc.constantFrom("higher", "lower"),
            cap: fc.boolean(),
            scores: fc.tuple(unit01, unit01, unit01),
            choices: fc.array(fc.tuple(lt(), unit01), { minLength: 2, maxLength: 4 }),
            evidence: fc.option(fc.record({ required: fc.boolean(), description: optionalLt() }), {
              nil: undefined,
            }),
            links: fc.array(fc.tuple(fc.constantFrom("c0", "c1"), fc.constantFrom("v0", "v1", "v2")), {
              maxLength: 3,
            }),
          }),
          { minLength: indicatorCount, maxLength: indicatorCount },
        ),
      })
      .map(
        ({ indicatorSeeds, classifications: cls, description, crosswalks: walks, ...rest }) =>
          ({
            code: `fw${s}`,
            version,
            defaultLanguage: "en",
            languages,
            scoreScale,
            precision,
            ...(description ? { description } : {}),
            ...(walks ? { crosswalks: walks } : {}),
            ...rest,
            classifications: cls,
            indicators: indicatorSeeds.map((seed, i) => toIndicator(seed, `i${i}${s}`, cls)),
          }) as FrameworkInput,
      );
  });

type Seed = {
  node: string;
  kind: string;
  text: Record<string, string>;
  guidance?: Record<string, string>;
  weight: number;
  unit?: string;
  source?: { figure: string; sector?: string; basis: string };
  goalposts: [number | "data", number | "data"];
  direction: string;
  cap: boolean;
  scores: [number, number, number];
  choices: [Record<string, string>, number][];
  evidence?: { required: boolean; description?: Record<string, string> };
  links: [string, string][];
};

function toIndicator(seed: Seed, code: string, cls: { code: string; values: { code: string }[] }[]) {
  const classifications: Record<string, string[]> = {};
  for (const [c, v] of seed.links) {
    if (!cls.find((x) => x.code === c)?.values.some((x) => x.code === v)) continue;
    if (!classifications[c]?.includes(v)) classifications[c] = [...(classifications[c] ?? []), v];
  }
  const base = {
    code,
    node: seed.node,
    text: seed.text,
    ...(seed.guidance ? { guidance: seed.guidance } : {}),
    weight: seed.weight,
    classifications,
    ...(seed.evidence ? { evidence: dropEmpty(seed.evidence) } : {}),
  };
  const [yes, partially, no] = seed.scores;
  if (seed.kind === "checklist") return { ...base, type: "checklist", scoring: { yes, partially, no } };
  if (seed.kind === "scale") {
    return {
      ...base,
      type: "scale",
      scoring: { choices: seed.choices.map(([label, score], k) => ({ code: `ch${k}`, label, score })) },
    };
  }
  const [min, max] = seed.goalposts;
  return {
    ...base,
    type: seed.kind,
    ...(seed.unit ? { unit: seed.unit } : {}),
    ...(seed.source ? { source: { kind: "budget", ...dropEmpty(seed.source) } } : {}),
    scoring: { min, max, direction: seed.direction, log: false, cap: seed.cap },
  };
}
