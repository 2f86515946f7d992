import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { type Framework, formatIssue, validateFramework } from "../../core/index.ts";
import { UserError } from "../errors.ts";
import { maxFileBytes } from "../files/limits.ts";

/** Kept here for older importers; the limit lives in files/limits.ts. */
export { maxFileBytes };

/** Reads a file after checking its size against the configured limit. */
export async function readLimitedFile(path: string): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new UserError(`cannot read ${path}: no such file`);
  }
  const limit = maxFileBytes();
  if (size > limit) {
    throw new UserError(
      `${path} is ${(size / 1048576).toFixed(1)} MB, over the limit of ${limit / 1048576} MB (set CHILDMARK_MAX_UPLOAD_MB to change it)`,
    );
  }
  return readFile(path);
}

/** Parses and validates a framework from JSON bytes. */
export function parseFrameworkJson(bytes: Buffer | string, name = "framework"): Framework {
  let data: unknown;
  try {
    data = JSON.parse(typeof bytes === "string" ? bytes : bytes.toString("utf8"));
  } catch (error) {
    throw new UserError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  return ensureValid(data, name);
}

/** Validates a framework object, throwing every problem at once. */
export function ensureValid(data: unknown, name: string): Framework {
  const result = validateFramework(data);
  if (!result.ok) {
    throw new UserError(
      `${name} is not a valid framework (${result.issues.length} problem(s))`,
      result.issues.map(formatIssue),
    );
  }
  return result.framework;
}

/** Reads a framework file: .json, or .xlsx (checked by its bytes) as a template or XLSForm. */
export async function readFrameworkFile(path: string): Promise<Framework> {
  const bytes = await readLimitedFile(path);
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return parseFrameworkJson(bytes, path);
  if ((ext === ".xlsx" || ext === "") && bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004") {
    const { readFrameworkWorkbook } = await import("./xlsx/read-workbook.ts");
    return readFrameworkWorkbook(bytes, path);
  }
  if (ext === ".xlsx" || ext === ".xls") {
    throw new UserError(`${path} is not an XLSX spreadsheet (its bytes are not a zip archive)`);
  }
  throw new UserError(
    `${path}: unknown framework format${ext ? ` (${ext})` : ""}; use .json, or an .xlsx template or XLSForm`,
  );
}
