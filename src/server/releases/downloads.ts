import type { ReleaseSnapshot } from "../../core/index.ts";
import {
  answersCsv,
  DOWNLOAD_CONTENT_TYPES,
  type DownloadFormat,
  downloadFileName,
  releaseJson,
  scoresCsv,
  sdmxCsv,
} from "../../core/publishing/downloads.ts";
import { UserError } from "../errors.ts";
import { releaseXlsx } from "./download-xlsx.ts";

export interface ReleaseDownload {
  body: Buffer | string;
  contentType: string;
  /** A name for saving it: `{slug}.csv`, `{slug}-{cc}.csv`. */
  fileName: string;
  /** Where it lives under a release's `downloads/` folder: `{slug}.csv`, `countries/{cc}.csv`. */
  path: string;
}

/**
 * One download of a release, built from its snapshot only: CSV (scores, long format), answers CSV (values, comments, sources), XLSX
 * (scores, answers with evidence, indicators, about), JSON (the public snapshot) or SDMX-CSV.
 * With `country`, the same for that country; a country not in the release is a 404 UserError.
 */
export async function releaseDownload(
  snapshot: ReleaseSnapshot,
  options: { country?: string; format: DownloadFormat },
): Promise<ReleaseDownload> {
  const { format } = options;
  const country = options.country?.toUpperCase();
  if (country && !snapshot.countries.some((c) => c.code === country)) {
    throw new UserError(`${country} is not in release ${snapshot.release.slug}`, [], 404);
  }
  const slug = snapshot.release.slug;
  const body =
    format === "xlsx"
      ? await releaseXlsx(snapshot, country)
      : format === "json"
        ? releaseJson(snapshot, country)
        : format === "csv"
          ? scoresCsv(snapshot, country)
          : format === "answers-csv"
            ? answersCsv(snapshot, country)
            : sdmxCsv(snapshot, country);
  const name = downloadFileName(slug, format, country);
  return {
    body,
    contentType: DOWNLOAD_CONTENT_TYPES[format],
    fileName: country ? `${slug}-${name}` : name,
    path: country ? `countries/${name}` : name,
  };
}
