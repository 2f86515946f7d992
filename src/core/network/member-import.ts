/**
 * Reading a coalition's list of member organisations from a table (the rows of a CSV or XLSX
 * file, already decoded by the server): every cell checked, every problem named by row and
 * column, nothing decided about the database. Pure.
 *
 * Columns (header names are matched without regard to case, spaces or hyphens):
 * `name` (required), `kind` (member, partner, donor or other; member when empty), `country`
 * (two letters; the coalition's country when empty), `name_fr`, `name_ar`… (the name in another
 * language), `description`, `themes` (separated by `;`), `crc_articles` (numbers 1–54 separated
 * by `;` or `,`), `website` (http or https), `contact_email`, `contact_phone`, `listed` and
 * `publishes_contacts` (yes or no; no when empty), `joined_on` (YYYY-MM-DD).
 */

import { ORGANISATION_KINDS } from "./membership.ts";

/** Kinds a coalition's imported member may have (not a coalition or a regional network). */
export const IMPORTED_KINDS = ["member", "partner", "donor", "other"] as const;

export const MEMBER_IMPORT_COLUMNS = [
  "name",
  "kind",
  "country",
  "description",
  "themes",
  "crc_articles",
  "website",
  "contact_email",
  "contact_phone",
  "listed",
  "publishes_contacts",
  "joined_on",
] as const;

/** The most rows one import takes (a coalition's list is dozens, a network's a few hundred). */
export const MAX_IMPORTED_MEMBERS = 2000;

/** One problem of the file: the row (1 is the header) and the column it is in, and what to fix. */
export interface MemberImportProblem {
  row: number;
  column: string | null;
  message: string;
}

/** The fields a row gives (only those its cells fill: an empty cell leaves a stored value alone). */
export interface ImportedMemberFields {
  names?: Record<string, string>;
  kind?: (typeof IMPORTED_KINDS)[number];
  countryCode?: string;
  description?: string;
  themes?: string[];
  crcArticles?: number[];
  website?: string;
  contactEmail?: string;
  contactPhone?: string;
  listedInDirectory?: boolean;
  publishesContacts?: boolean;
  joinedOn?: string;
}

export interface ImportedMember {
  row: number;
  name: string;
  fields: ImportedMemberFields;
}

/** `Contact E-mail` → `contact_email`. */
export function normaliseColumn(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** A name as compared for duplicates: case, accents of spacing and surrounding spaces ignored. */
export function memberNameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

const YES = new Set(["yes", "y", "true", "1", "oui", "da", "نعم"]);
const NO = new Set(["no", "n", "false", "0", "non", "nu", "لا"]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME_IN = /^name_([a-z]{2,3}(?:_[a-z0-9]{2,8})?)$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Reads the rows of a member list. `countries` are the known country codes; `defaultCountry`
 * the coalition's. Duplicate names in the file are problems (each row names the other).
 */
export function readMemberTable(
  headers: readonly string[],
  rows: readonly { line: number; cells: Readonly<Record<string, string>> }[],
  options: { countries: ReadonlySet<string>; defaultCountry: string | null; today: string },
): { members: ImportedMember[]; problems: MemberImportProblem[] } {
  const problems: MemberImportProblem[] = [];
  const columns = headers.map(normaliseColumn);
  const known = new Set<string>(MEMBER_IMPORT_COLUMNS);
  for (const [i, column] of columns.entries()) {
    if (column === "" || known.has(column) || NAME_IN.test(column)) continue;
    problems.push({
      row: 1,
      column: headers[i]!,
      message: `unknown column; the columns are ${MEMBER_IMPORT_COLUMNS.join(", ")} and name_fr, name_ar… for the name in another language`,
    });
  }
  if (!columns.includes("name"))
    problems.push({ row: 1, column: "name", message: "the file has no name column" });
  if (rows.length > MAX_IMPORTED_MEMBERS)
    problems.push({
      row: 1,
      column: null,
      message: `the file has ${rows.length} rows; import at most ${MAX_IMPORTED_MEMBERS} at a time (split the file)`,
    });
  if (problems.length) return { members: [], problems };

  const members: ImportedMember[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const cell = (column: string) => {
      const index = columns.indexOf(column);
      return index < 0 ? "" : (cells[headers[index]!] ?? "").trim();
    };
    if (headers.every((h) => !(cells[h] ?? "").trim())) continue;
    const bad = (column: string, message: string) => problems.push({ row: line, column, message });
    const name = cell("name");
    const fields: ImportedMemberFields = {};
    if (!name) bad("name", "give the organisation's name");
    else if (name.length > 200) bad("name", "at most 200 characters");
    else {
      const key = memberNameKey(name);
      const first = seen.get(key);
      if (first !== undefined)
        bad("name", `"${name}" is also on row ${first}: keep one row per organisation`);
      else seen.set(key, line);
    }
    const names: Record<string, string> = {};
    for (const column of columns) {
      const lang = NAME_IN.exec(column)?.[1];
      const value = lang ? cell(column) : "";
      if (!lang || !value) continue;
      if (value.length > 200) bad(column, "at most 200 characters");
      else names[lang.replace("_", "-")] = value;
    }
    if (Object.keys(names).length) fields.names = names;
    const kind = cell("kind").toLowerCase();
    if (kind) {
      if ((IMPORTED_KINDS as readonly string[]).includes(kind))
        fields.kind = kind as ImportedMemberFields["kind"];
      else if ((ORGANISATION_KINDS as readonly string[]).includes(kind))
        bad("kind", `a coalition's members are ${IMPORTED_KINDS.join(", ")}; a ${kind} is not imported here`);
      else bad("kind", `"${kind}" is not a kind; use ${IMPORTED_KINDS.join(", ")}`);
    }
    const country = cell("country").toUpperCase();
    if (country) {
      if (!options.countries.has(country))
        bad("country", `"${country}" is not a known country code (two letters)`);
      else fields.countryCode = country;
    } else if (options.defaultCountry) fields.countryCode = options.defaultCountry;
    const description = cell("description");
    if (description) {
      if (description.length > 4000) bad("description", "at most 4,000 characters");
      else fields.description = description;
    }
    const themes = cell("themes");
    if (themes) {
      const list = [
        ...new Set(
          themes
            .split(";")
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ];
      if (list.length > 30 || list.some((t) => t.length > 80))
        bad("themes", "at most 30 areas of work of 80 characters each, separated by ;");
      else fields.themes = list;
    }
    const articles = cell("crc_articles");
    if (articles) {
      const parts = articles
        .split(/[;,]/)
        .map((a) => a.trim())
        .filter(Boolean);
      const numbers = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : Number.NaN));
      const wrong = parts.filter((_, i) => !(numbers[i]! >= 1 && numbers[i]! <= 54));
      if (wrong.length)
        bad("crc_articles", `${wrong.map((w) => `"${w}"`).join(", ")}: articles are numbers from 1 to 54`);
      else fields.crcArticles = [...new Set(numbers)].sort((a, b) => a - b);
    }
    const website = cell("website");
    if (website) {
      let ok = false;
      try {
        const url = new URL(website);
        ok = (url.protocol === "https:" || url.protocol === "http:") && website.length <= 500;
      } catch {
        ok = false;
      }
      if (ok) fields.website = website;
      else bad("website", `"${website}" is not a web address starting with https:// or http://`);
    }
    const email = cell("contact_email");
    if (email) {
      if (EMAIL.test(email) && email.length <= 200) fields.contactEmail = email;
      else bad("contact_email", `"${email}" is not an e-mail address`);
    }
    const phone = cell("contact_phone");
    if (phone) {
      if (phone.length <= 60) fields.contactPhone = phone;
      else bad("contact_phone", "at most 60 characters");
    }
    for (const [column, field] of [
      ["listed", "listedInDirectory"],
      ["publishes_contacts", "publishesContacts"],
    ] as const) {
      const value = cell(column).toLowerCase();
      if (!value) continue;
      if (YES.has(value)) fields[field] = true;
      else if (NO.has(value)) fields[field] = false;
      else bad(column, `"${value}": write yes or no`);
    }
    if (fields.publishesContacts && fields.listedInDirectory === false)
      bad("publishes_contacts", "contacts are published only for an organisation listed in the directory");
    const joined = cell("joined_on");
    if (joined) {
      if (!isRealDate(joined)) bad("joined_on", `"${joined}" is not a date written YYYY-MM-DD`);
      else if (joined > options.today) bad("joined_on", `${joined} is in the future`);
      else fields.joinedOn = joined;
    }
    if (name) members.push({ row: line, name, fields });
  }
  if (!members.length && !problems.length)
    problems.push({ row: 1, column: null, message: "the file has no organisation below its header" });
  return { members, problems };
}

/** "row 4, column website: …" — a problem as one line of an error's details. */
export function describeMemberProblem(p: MemberImportProblem): string {
  return `row ${p.row}${p.column ? `, column ${p.column}` : ""}: ${p.message}`;
}
