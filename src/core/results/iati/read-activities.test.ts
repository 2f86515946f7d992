import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { periodOf, readIatiActivities, readNumber, type XmlElement } from "./read-activities.ts";

const parse = (xml: string) =>
  (
    new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      attributesGroupName: "@",
      alwaysCreateTextNode: true,
      parseTagValue: false,
      parseAttributeValue: false,
      isArray: (_n, _p, _l, isAttribute) => !isAttribute,
    }).parse(xml) as Record<string, XmlElement[]>
  )["iati-activities"]![0]!;

const activity = (indicator: string) => `<iati-activities version="2.03"><iati-activity xml:lang="en">
  <iati-identifier>XM-1</iati-identifier><title><narrative>Act</narrative></title>
  <result type="3"><title><narrative xml:lang="en">R</narrative><narrative xml:lang="ar">ن</narrative></title>${indicator}</result>
  </iati-activity></iati-activities>`;

describe("IATI results → a draft plan", () => {
  it("reads numbers as their measure needs them, and names every odd value with activity, indicator and period", () => {
    expect(readNumber("12.5", "number")).toBe(12.5);
    expect(readNumber("95%", "percentage")).toBe(95);
    expect(readNumber("95%", "number")).toMatchObject({ code: "notNumber", text: /not a number/ });
    expect(readNumber("2015:1004106", "number")).toEqual({
      code: "notNumber",
      params: { found: "2015:1004106" },
      text: '"2015:1004106" is not a number',
    });
    expect(readNumber("140", "percentage")).toMatchObject({
      code: "percentageRange",
      text: /between 0 and 100/,
    });
    const draft = readIatiActivities(
      parse(
        activity(`<indicator measure="1"><title><narrative>Children</narrative></title>
        <baseline year="2014" value="Not available"/>
        <period><period-start iso-date="2015-01-01"/><period-end iso-date="2015-12-31"/>
        <target value="2015:1004106"/><actual value="12"/></period></indicator>`),
      ),
    );
    expect(draft.problems.map((p) => p.message)).toEqual([
      'activity "XM-1", indicator "Children", baseline: "Not available" is not a number',
      'activity "XM-1", indicator "Children", period 2015, target: "2015:1004106" is not a number',
    ]);
    // The same with a code, its parameters and its place, for the web app to word in its languages.
    expect(draft.problems[1]).toEqual({
      code: "notNumber",
      params: { found: "2015:1004106" },
      at: { activity: "XM-1", indicator: "Children", period: "2015", value: "target" },
      message: 'activity "XM-1", indicator "Children", period 2015, target: "2015:1004106" is not a number',
    });
  });

  it("maps result types to levels, measures to types, ascending to direction, and periods to plan periods", () => {
    const draft = readIatiActivities(
      parse(
        activity(`<indicator measure="5" ascending="0"><title><narrative>Law</narrative></title>
        <period><period-start iso-date="2015-04-01"/><period-end iso-date="2015-06-30"/>
        <target value="Passed"/><actual value=""><comment><narrative>Not yet</narrative></comment></actual></period></indicator>`),
      ),
    );
    expect(draft.problems).toEqual([]);
    expect(draft.levels.map((l) => l.key)).toEqual(["activity", "impact"]);
    expect(draft.periods).toEqual([periodOf("2015-04-01", "2015-06-30")]);
    expect(draft.periods[0]!.key).toBe("2015-04-01_2015-06-30");
    const [root, result] = draft.nodes;
    expect(root!.title).toEqual({ en: "Act" });
    expect(result!.title).toEqual({ en: "R", ar: "ن" });
    expect(result!.indicators[0]).toMatchObject({
      code: "A1.R1.I1",
      type: "narrative",
      direction: "decrease",
      values: {
        "2015-04-01_2015-06-30": {
          target: { value: null, narrative: "Passed", comment: null },
          actual: { value: null, narrative: "Not yet", comment: null },
        },
      },
    });
  });

  it("refuses a period without dates and a file without results", () => {
    const draft = readIatiActivities(
      parse(
        activity(
          `<indicator measure="1"><title><narrative>N</narrative></title><period><target value="1"/></period></indicator>`,
        ),
      ),
    );
    expect(draft.problems.map((p) => p.message)).toEqual([
      'activity "XM-1", indicator "N", period 1: needs a period-start and a period-end date, start first (got "" and "")',
    ]);
    expect(draft.problems[0]).toMatchObject({ code: "periodDates", at: { period: "1" } });
    expect(readIatiActivities(parse("<iati-activities><iati-activity/></iati-activities>")).problems).toEqual(
      [
        {
          code: "noResults",
          params: { activities: 1 },
          at: {},
          message: "no activity of the file has results (1 activities read)",
        },
      ],
    );
  });
});
