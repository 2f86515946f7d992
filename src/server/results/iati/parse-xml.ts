import { inflateRawSync } from "node:zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { XmlElement } from "../../../core/results/iati/index.ts";
import { UserError } from "../../errors.ts";
import { formatMegabytes, maxFileBytes } from "../../files/limits.ts";
import { guardZip } from "../../files/zip-guard.ts";

/**
 * Reads an IATI XML file into the element tree core/results/iati reads. Refused
 * with 400: over the upload limit, not UTF-8 XML, a DOCTYPE (so no entity can be
 * declared: no XXE, no billion laughs; only XML's five built-in entities and
 * character references are decoded), malformed XML (with its line), or a root that
 * is not `<iati-activities>`.
 */
export function parseIatiXml(bytes: Buffer | Uint8Array, fileName = "the file"): XmlElement {
  if (bytes.length > maxFileBytes())
    throw new UserError(
      `${fileName} is over the limit of ${formatMegabytes(maxFileBytes())} (CHILDMARK_MAX_UPLOAD_MB)`,
      [],
      413,
    );
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${fileName} is not UTF-8 text: an IATI file is XML in UTF-8`);
  }
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new UserError(
      `${fileName} declares a DOCTYPE or entities, which IATI files never need: refused for safety`,
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new UserError(`${fileName} is not well-formed XML`, [
      `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    ]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    attributesGroupName: "@",
    textNodeName: "#text",
    alwaysCreateTextNode: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  });
  const doc = parser.parse(text) as Record<string, XmlElement[]>;
  const root = doc["iati-activities"]?.[0];
  if (!root)
    throw new UserError(
      `${fileName} is not an IATI activity file: its root element must be <iati-activities>`,
    );
  return root;
}

const ZIP_ADVICE = [
  "send the IATI XML file itself, or a .zip holding one .xml file, as the publisher exported it",
];

/**
 * An uploaded IATI file: XML, or a zip holding one .xml file (checked by the zip
 * guard first, so a zip bomb or a damaged archive is refused before anything is
 * unpacked in memory).
 */
export async function readIatiFile(bytes: Buffer, fileName: string): Promise<XmlElement> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b)
    throw new UserError(
      `${fileName} is gzip-compressed: only XML files or .zip archives are read`,
      ZIP_ADVICE,
    );
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return parseIatiXml(bytes, fileName);
  const entries = await guardZip(bytes, fileName, { kind: "zip of an IATI file", advice: ZIP_ADVICE });
  const xml = entries.filter((e) => /\.xml$/i.test(e.name) && !e.name.endsWith("/"));
  if (!/\.zip$/i.test(fileName) || xml.length !== 1)
    throw new UserError(
      `${fileName} is not an IATI file: only .xml files, or a .zip holding exactly one .xml file, are read`,
      ZIP_ADVICE,
    );
  const entry = xml[0]!;
  const packed = bytes.subarray(entry.dataStart, entry.dataEnd);
  // The guard proved the entry unpacks to its declared size, within the limit.
  return parseIatiXml(
    entry.method === 0 ? packed : inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) }),
    `${fileName} (${entry.name})`,
  );
}
