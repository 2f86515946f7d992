import { describe, expect, it } from "vitest";
import { aggregateConsultation, type ChildResponse, NOT_STATED, someQuotes } from "./aggregate.ts";
import { SAMPLE_DEFINITION } from "./fixtures.ts";
import { answerProblem, consultationDefinition, questionsForBand, questionText } from "./model.ts";
import { REMOVED, redactParts, screenText } from "./screen-text.ts";
import { hiddenGroups } from "./suppress.ts";

const child = (over: Partial<ChildResponse> = {}): ChildResponse => ({
  band: "13-17",
  gender: "girl",
  country: "MD",
  region: null,
  answers: { heard: "yes", safe: "4" },
  ...over,
});
const many = (n: number, over: Partial<ChildResponse> = {}) => Array.from({ length: n }, () => child(over));

describe("consultation model", () => {
  it("refuses a choice question without options and a band that does not exist, naming where", () => {
    const bad = consultationDefinition.safeParse({
      ...SAMPLE_DEFINITION,
      questions: [{ code: "q1", type: "single", text: { en: "?" }, bands: ["3-5"] }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "questions.0.options: a choice question needs at least 2 options",
        "questions.0.bands: no age band 3-5",
      ]),
    );
  });

  it("gives each band its questions and its own wording, in the child's language", () => {
    const heard = SAMPLE_DEFINITION.questions[0]!;
    expect(questionText(heard, "8-12", "en")).toBe("Do teachers listen to you?");
    expect(questionText(heard, "13-17", "ar")).toBe("هل يستمع إليك الكبار في المدرسة؟");
    // The younger version has no Arabic: the common Arabic wording rather than English.
    expect(questionText(heard, "8-12", "ar")).toBe("هل يستمع إليك الكبار في المدرسة؟");
    expect(questionsForBand(SAMPLE_DEFINITION, "8-12").map((q) => q.code)).not.toContain("wish");
  });

  it("checks each answer against its type", () => {
    const [heard, safe, help, age, wish] = SAMPLE_DEFINITION.questions as [never, never, never, never, never];
    expect(answerProblem(heard, "not-sure")).toBeNull();
    expect(answerProblem(heard, "maybe")).toMatch(/yes, no/);
    expect(answerProblem(safe, "5")).toBeNull();
    expect(answerProblem(safe, "6")).not.toBeNull();
    expect(answerProblem(help, ["family", "teacher"])).toBeNull();
    expect(answerProblem(help, ["family", "family"])).not.toBeNull();
    expect(answerProblem(age, 19)).toBe("answer at most 18");
    expect(answerProblem(wish, "x".repeat(501))).not.toBeNull();
  });
});

describe("small-cell suppression", () => {
  it("hides a group of 9 and shows a group of 10", () => {
    expect([
      ...hiddenGroups(
        new Map([
          ["a", 9],
          ["b", 10],
          ["c", 30],
        ]),
        10,
      ),
    ]).toEqual(["a", "b"]);
    expect([
      ...hiddenGroups(
        new Map([
          ["a", 10],
          ["b", 10],
        ]),
        10,
      ),
    ]).toEqual([]);
  });

  it("hides a second group so the hidden one cannot be worked out from the total", () => {
    // Total 46 shown; with only boys (9) hidden, 46 - 25 - 12 would give them away.
    const hidden = hiddenGroups(
      new Map([
        ["girl", 25],
        ["boy", 9],
        ["other", 12],
      ]),
      10,
    );
    expect([...hidden].sort()).toEqual(["boy", "other"]);
  });

  it("shows nothing when fewer than the threshold answered in all", () => {
    const result = aggregateConsultation(SAMPLE_DEFINITION, many(9));
    expect(result.participants).toBeNull();
    expect(result.questions.every((q) => q.total === null && q.breakdowns.length === 0)).toBe(true);
    expect(aggregateConsultation(SAMPLE_DEFINITION, many(10)).participants?.n).toBe(10);
  });

  it("never names or counts a canary child alone in a region, in any breakdown", () => {
    const responses = [
      ...many(10, { gender: "girl", region: "North" }),
      ...many(10, { gender: "boy", region: "North", band: "8-12" }),
      child({ region: "CANARY-VALLEY", gender: "other", country: "GE" }),
    ];
    const result = aggregateConsultation(SAMPLE_DEFINITION, responses);
    const json = JSON.stringify(result);
    expect(json).not.toContain("CANARY");
    expect(json).not.toContain('"GE"');
    expect(json).not.toContain('"other"');
    const region = result.questions[0]!.breakdowns.find((b) => b.dimension === "region")!;
    // North (20) alone would leave the canary as total minus North: North is hidden too.
    expect(region.groups).toEqual([]);
    expect(region.hidden).toBe(true);
    const band = result.questions[0]!.breakdowns.find((b) => b.dimension === "band")!;
    expect(band.groups.map((g) => [g.key, g.n])).toEqual([
      ["13-17", 11],
      ["8-12", 10],
    ]);
  });

  it("counts children who did not say as a group of their own", () => {
    const result = aggregateConsultation(SAMPLE_DEFINITION, [
      ...many(12, { gender: null }),
      ...many(12, { gender: "boy" }),
    ]);
    const gender = result.participants!.breakdowns.find((b) => b.dimension === "gender")!;
    expect(gender.groups.map((g) => g.key)).toEqual(["boy", NOT_STATED]);
  });

  it("tallies shares agreeing, several choices and a median", () => {
    const responses = [
      ...many(6, { answers: { heard: "yes", help: ["family", "teacher"], age: 10 } }),
      ...many(4, { answers: { heard: "not-sure", help: ["nobody"], age: 14 } }),
    ];
    const [heard, , help, age] = aggregateConsultation(SAMPLE_DEFINITION, responses).questions;
    expect(heard!.total).toMatchObject({ n: 10, agreeing: 0.6, counts: { yes: 6, "not-sure": 4 } });
    expect(help!.total!.counts).toEqual({ family: 6, teacher: 6, nobody: 4 });
    expect(age!.total!.median).toBe(10);
  });

  it('counts a smiley face stored as "4" and read back as 4 (a jsonb round trip) as the same face', () => {
    const responses = [
      ...many(6, { answers: { safe: 4 as unknown as string } }),
      ...many(4, { answers: { safe: "2" } }),
    ];
    const safe = aggregateConsultation(SAMPLE_DEFINITION, responses).questions[1]!;
    expect(safe.total).toMatchObject({ n: 10, agreeing: 0.6, counts: { "4": 6, "2": 4 }, median: null });
  });
});

describe("free-text screening", () => {
  it("removes e-mails, phones and handles before storage and flags them", () => {
    const out = screenText("write to ana.pop@mail.md or call +373 69 123 456, insta @ana_2011");
    expect(out.text).toBe(`write to ${REMOVED} or call ${REMOVED}, insta ${REMOVED}`);
    expect(out.findings).toEqual(["email", "handle", "phone"]);
    expect(out.needsModeration).toBe(true);
  });

  it("removes a name given after 'my name is', in several languages", () => {
    expect(screenText("Hello, my name is Ana Popescu and I like school").text).toBe(
      `Hello, my name is ${REMOVED} and I like school`,
    );
    expect(screenText("je m'appelle Luca").findings).toContain("name");
    expect(screenText("اسمي أحمد").text).toBe(`اسمي ${REMOVED}`);
  });

  it("flags a capitalised word inside a sentence for a moderator, and passes plain text", () => {
    expect(screenText("my friend Maria is bullied").findings).toEqual(["possible-name"]);
    expect(screenText("More playgrounds and less homework, I think").needsModeration).toBe(false);
    expect(screenText("I am 12 years old").needsModeration).toBe(false);
  });

  it("lets a moderator redact parts", () => {
    expect(redactParts("my friend Maria is bullied by Maria's brother", ["Maria"])).toBe(
      `my friend ${REMOVED} is bullied by ${REMOVED}'s brother`,
    );
  });
});

describe("a few quotes", () => {
  it("shows each text once, spread over the list, at most the number asked", () => {
    expect(someQuotes(["b", "a", "a"], 3)).toEqual(["b", "a"]);
    const many = ["a", "b", "b", "c", "d", "e", "f"];
    expect(someQuotes(many, 3)).toEqual(["a", "c", "e"]);
    expect(someQuotes(many)).toHaveLength(3);
    expect(someQuotes([], 3)).toEqual([]);
  });
});
