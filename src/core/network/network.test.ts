import { describe, expect, it } from "vitest";
import { type Actor, can, canGrant, type Grant, scopeOf } from "../access/permissions.ts";
import { buildAreaTree, flattenAreas, readAreaList, writeAreaList } from "./areas.ts";
import { describeMemberProblem, readMemberTable } from "./member-import.ts";
import { checkStatusChange, makesLoop, type NetworkNode, organisationPath } from "./membership.ts";

const nodes = new Map<string, NetworkNode>([
  ["childpact", { id: "childpact", parentId: null }],
  ["md-coalition", { id: "md-coalition", parentId: "childpact" }],
  ["md-ngo", { id: "md-ngo", parentId: "md-coalition" }],
  ["ge-coalition", { id: "ge-coalition", parentId: "childpact" }],
]);
const actor = (...grants: Grant[]): Actor => ({ userId: "u", isAdmin: false, grants });
const mdMember = { country: "MD", region: "childpact", organisations: organisationPath("md-ngo", nodes) };
const geCoalition = {
  country: "GE",
  region: "childpact",
  organisations: organisationPath("ge-coalition", nodes),
};

describe("membership status", () => {
  it("allows the changes of a membership's life and names what is wrong otherwise", () => {
    expect(checkStatusChange("applied", "member")).toBeNull();
    expect(checkStatusChange("member", "suspended", "unpaid fees")).toBeNull();
    expect(checkStatusChange("suspended", "member")).toBeNull();
    expect(checkStatusChange("member", "suspended")).toMatch(/^reason:/);
    expect(checkStatusChange("applied", "suspended")).toMatch(/can become "member" or "left"/);
    expect(checkStatusChange("member", "member")).toMatch(/already/);
  });
});

describe("the network's tree", () => {
  it("walks from a member up to the regional network and refuses a loop", () => {
    expect(organisationPath("md-ngo", nodes)).toEqual(["md-ngo", "md-coalition", "childpact"]);
    expect(makesLoop("md-coalition", "md-ngo", nodes)).toBe(true);
    expect(makesLoop("md-ngo", "ge-coalition", nodes)).toBe(false);
  });
});

describe("roles scoped to an organisation or a working group", () => {
  const coalitionCoordinator = actor({
    role: "coordinator",
    scopeType: "organisation",
    scopeCode: "md-coalition",
  });
  it("lets a coalition's coordinator manage her coalition and its members, nothing else", () => {
    expect(can(coalitionCoordinator, "network:manage", mdMember)).toBe(true);
    expect(can(coalitionCoordinator, "network:manage", geCoalition)).toBe(false);
    expect(can(coalitionCoordinator, "network:manage", { organisations: ["childpact"] })).toBe(false);
    // Her grant names no country: the country's assessments are not hers.
    expect(can(coalitionCoordinator, "assessment:read", { country: "MD", region: "childpact" })).toBe(false);
    expect(scopeOf(coalitionCoordinator, "network:manage")).toMatchObject({
      organisations: ["md-coalition"],
    });
  });
  it("lets her hand out roles within her coalition only, never above her own", () => {
    const inMember: Grant = { role: "contributor", scopeType: "organisation", scopeCode: "md-ngo" };
    expect(canGrant(coalitionCoordinator, inMember, mdMember)).toBe(true);
    expect(canGrant(coalitionCoordinator, { ...inMember, role: "coordinator" }, mdMember)).toBe(false);
    expect(canGrant(coalitionCoordinator, { ...inMember, scopeCode: "ge-coalition" }, geCoalition)).toBe(
      false,
    );
    expect(
      canGrant(coalitionCoordinator, { role: "viewer", scopeType: "country", scopeCode: "MD" }, mdMember),
    ).toBe(false);
  });
  it("keeps country roles working over the country's organisations", () => {
    const country = actor({ role: "coordinator", scopeType: "country", scopeCode: "MD" });
    expect(can(country, "network:manage", mdMember)).toBe(true);
    expect(can(country, "network:manage", geCoalition)).toBe(false);
    expect(
      can(actor({ role: "viewer", scopeType: "country", scopeCode: "MD" }), "network:manage", mdMember),
    ).toBe(false);
  });
  it("gives a group's members its space and nothing beyond it", () => {
    const member = actor({ role: "contributor", scopeType: "group", scopeCode: "g1" });
    expect(can(member, "group:write", { group: "g1", organisations: ["childpact"] })).toBe(true);
    expect(can(member, "group:read", { group: "g2", organisations: ["childpact"] })).toBe(false);
    expect(can(member, "group:manage", { group: "g1" })).toBe(false);
    expect(can(member, "network:read", mdMember)).toBe(false);
  });
});

describe("areas below the country", () => {
  it("builds the tree with levels", () => {
    const { tree, problems } = buildAreaTree([
      { code: "N", name: { en: "North" } },
      { code: "N1", parent: "N", name: { en: "Bălți" } },
      { code: "S", parent: null, name: { en: "South" } },
    ]);
    expect(problems).toEqual([]);
    expect(flattenAreas(tree).map((a) => `${a.code}:${a.level}`)).toEqual(["N:1", "N1:2", "S:1"]);
  });
  it("names every problem of a list that is not a tree", () => {
    const { problems } = buildAreaTree([
      { code: "A", parent: "B", name: { en: "A" } },
      { code: "B", parent: "A", name: { en: "B" } },
      { code: "C", parent: "X", name: { en: "" } },
      { code: "A", name: { en: "again" } },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'areas[3].code: "A" is used twice',
        "areas[2].name: give the area a name",
        'C.parent: no area "X" in this country',
        "A.parent: the areas above it lead back to it",
      ]),
    );
  });
});

describe("readMemberTable", () => {
  const options = { countries: new Set(["MD", "RO"]), defaultCountry: "MD", today: "2026-12-03" };
  const read = (headers: string[], rows: Record<string, string>[]) =>
    readMemberTable(
      headers,
      rows.map((cells, i) => ({ line: i + 2, cells })),
      options,
    );

  it("reads the columns whatever their case and spacing, with defaults for empty cells", () => {
    const { members, problems } = read(
      ["Name", "Name FR", "Country", "CRC Articles", "Listed", "Publishes-Contacts"],
      [
        {
          Name: " Centre A ",
          "Name FR": "Centre A (fr)",
          Country: "ro",
          "CRC Articles": "37, 19;19",
          Listed: "Oui",
          "Publishes-Contacts": "no",
        },
        {
          Name: "Centre B",
          "Name FR": "",
          Country: "",
          "CRC Articles": "",
          Listed: "",
          "Publishes-Contacts": "",
        },
        { Name: "", "Name FR": "", Country: "", "CRC Articles": "", Listed: "", "Publishes-Contacts": "" },
      ],
    );
    expect(problems).toEqual([]);
    expect(members).toEqual([
      {
        row: 2,
        name: "Centre A",
        fields: {
          names: { fr: "Centre A (fr)" },
          countryCode: "RO",
          crcArticles: [19, 37],
          listedInDirectory: true,
          publishesContacts: false,
        },
      },
      { row: 3, name: "Centre B", fields: { countryCode: "MD" } },
    ]);
  });

  it("names every problem by row and column, and refuses contacts published without a listing", () => {
    const { problems } = read(
      ["name", "kind", "country", "publishes_contacts", "listed", "joined_on"],
      [
        {
          name: "A",
          kind: "coalition",
          country: "XX",
          publishes_contacts: "yes",
          listed: "no",
          joined_on: "2027-01-01",
        },
      ],
    );
    expect(problems.map(describeMemberProblem)).toEqual([
      "row 2, column kind: a coalition's members are member, partner, donor, other; a coalition is not imported here",
      'row 2, column country: "XX" is not a known country code (two letters)',
      "row 2, column publishes_contacts: contacts are published only for an organisation listed in the directory",
      "row 2, column joined_on: 2027-01-01 is in the future",
    ]);
    expect(read(["name"], []).problems.map(describeMemberProblem)).toEqual([
      "row 1: the file has no organisation below its header",
    ]);
  });
});

describe("areas as a list", () => {
  it("reads code,parent,name lines, a header with names in other languages, and quoted names", () => {
    const plain = readAreaList("MD-N,,North\nMD-BA,MD-N,Bălți\n");
    expect(plain).toEqual({
      areas: [
        { code: "MD-N", parent: null, name: { en: "North" } },
        { code: "MD-BA", parent: "MD-N", name: { en: "Bălți" } },
      ],
      problems: [],
    });
    const withHeader = readAreaList(
      'code;parent;name;name_ro\nMD-CU;;"Chișinău; municipality";Municipiul Chișinău',
    );
    expect(withHeader.areas).toEqual([
      { code: "MD-CU", parent: null, name: { en: "Chișinău; municipality", ro: "Municipiul Chișinău" } },
    ]);
    const round = readAreaList(
      writeAreaList([{ code: "A", parent: null, name: { en: 'The "A", area', fr: "A" } }]),
    );
    expect(round.areas).toEqual([{ code: "A", parent: null, name: { en: 'The "A", area', fr: "A" } }]);
  });

  it("names each line's problem", () => {
    expect(readAreaList(",,North\nMD-S,,\nMD-C,,Centre,extra").problems).toEqual([
      "line 1: give the area a code",
      "line 2: give MD-S a name",
      'line 3: 4 fields where 3 are expected (quote a name holding ",")',
    ]);
    expect(readAreaList("code,parent,label\nA,,B").problems).toEqual([
      "line 1: unknown columns label (use code, parent, name, name_fr …)",
    ]);
    expect(readAreaList(" \n").problems).toEqual(["the list is empty: one area a line, code,parent,name"]);
  });
});
