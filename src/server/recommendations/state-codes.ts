import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const iso = require("i18n-iso-countries") as {
  getAlpha2Code(name: string, lang: string): string | undefined;
};

/** Names UN databases use that the ISO name list does not know. */
const ALIASES: Record<string, string> = {
  "dpr korea": "KP",
  "democratic people's republic of korea": "KP",
  "republic of korea": "KR",
  "democratic republic of congo": "CD",
  "democratic republic of the congo": "CD",
  "republic of congo": "CG",
  congo: "CG",
  "macedonia fyr": "MK",
  "the former yugoslav republic of macedonia": "MK",
  "guinea bissau": "GW",
  laos: "LA",
  "lao people's democratic republic": "LA",
  swaziland: "SZ",
  "cape verde": "CV",
  micronesia: "FM",
  "cote d'ivoire": "CI",
  "côte d'ivoire": "CI",
  turkey: "TR",
  türkiye: "TR",
  "united states": "US",
  "united states of america": "US",
  "united kingdom": "GB",
  palestine: "PS",
  "state of palestine": "PS",
  kosovo: "XK",
  moldova: "MD",
  "republic of moldova": "MD",
  syria: "SY",
  "viet nam": "VN",
  "holy see": "VA",
};

/** Names already looked up: a file names the same few States thousands of times. */
const known = new Map<string, string | undefined>();

/**
 * The ISO 3166-1 alpha-2 code of a State named as UN databases write it ("St Kitts & Nevis",
 * "Viet Nam", "DPR Korea"), or undefined. The original name is always kept beside the code.
 */
export function findStateCode(name: string): string | undefined {
  if (known.has(name)) return known.get(name);
  const code = lookUpStateCode(name);
  known.set(name, code);
  return code;
}

function lookUpStateCode(name: string): string | undefined {
  const plain = name.trim().replace(/\s+/g, " ");
  if (/^[A-Z]{2}$/.test(plain)) return plain;
  const lower = plain.toLowerCase();
  if (ALIASES[lower]) return ALIASES[lower];
  const spelled = plain.replace(/ & /g, " and ").replace(/^St /, "Saint ");
  return iso.getAlpha2Code(spelled, "en") ?? iso.getAlpha2Code(plain, "en");
}
