import { makeZip, type ZipPart } from "../support/zip.ts";

export { makeZip, type ZipPart };
