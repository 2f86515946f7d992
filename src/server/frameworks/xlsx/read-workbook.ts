import type { Framework } from "../../../core/index.ts";
import { UserError } from "../../errors.ts";

/** Reads a framework from an XLSX template or an XLSForm questionnaire. */
export async function readFrameworkWorkbook(_bytes: Buffer, name: string): Promise<Framework> {
  throw new UserError(`${name}: reading XLSX frameworks is not available in this build`);
}
