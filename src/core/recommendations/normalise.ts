/**
 * Normalises a recommendation's text for duplicate detection: letters and digits of any script,
 * lower case, accents removed, every run of punctuation and white space as one space. Two texts
 * that differ only in spacing, quotes, punctuation or case are the same recommendation.
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The identity of a recommendation: same normalised text, same State under review, same session
 * (or cycle when the source gives no session). The server hashes it into `import_key`.
 */
export function buildDuplicateKey(input: { text: string; state: string; session: string | null }): string {
  return [
    normaliseText(input.text),
    normaliseText(input.state),
    (input.session ?? "").trim().toLowerCase(),
  ].join("\u001f");
}

/**
 * Splits a list cell: `- ` bullets, one item per line, or items separated by `;` (or `,` when
 * `commas` is set, as in UPR Info's issue lists, and the cell has no `;` or line break: then its
 * commas belong to the items, as in "Rights related to name, identity; …"). Empty items are
 * dropped, order kept, no repeats.
 */
export function splitList(cell: string, options: { commas?: boolean } = {}): string[] {
  const separator = options.commas && !/[\r\n;]/.test(cell) ? /[\r\n;,]+/ : /[\r\n;]+/;
  const items = cell
    .split(separator)
    .map((item) => item.replace(/^\s*[-•*]\s+/, "").trim())
    .filter((item) => item !== "");
  return [...new Set(items)];
}

/** Converts an Excel serial day number (1900 date system) to an ISO date; undefined when not one. */
export function excelSerialToIsoDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  // Day 25569 is 1970-01-01; Excel's fictitious 1900-02-29 makes serials before 61 one day off, ignored.
  const ms = Math.round((serial - 25569) * 86400) * 1000;
  return new Date(ms).toISOString().slice(0, 10);
}
