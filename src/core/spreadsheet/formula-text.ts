/*
 * A spreadsheet program reads a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage
 * return before one) as a formula: an answer `=HYPERLINK("https://evil.example", "click")` in a
 * public CSV would run in the reader's Excel. OWASP's advice: start such text cells with a quote
 * `'`, which shows the text as written. Numbers are written as numbers and never touched, so a
 * negative score stays a number.
 */

/** A formula character at the start, after any quotes (text that already starts `'=` gets one more). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * The text to write in a spreadsheet cell: `'` before a leading formula character, and before
 * text that itself starts with quotes and a formula character, so that reading back is lossless.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A CSV or spreadsheet cell value: text neutralised, numbers and empty cells as they are. */
export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === "string" ? neutraliseFormula(value) : value;
}

/**
 * The text read back from a cell of a file Childmark wrote (or a person typed with Excel's text
 * marker): the `'` before a formula character removed, so an exported answer re-imports unchanged.
 */
export function restoreFormulaText(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
