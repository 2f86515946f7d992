import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalText } from "../../core/index.ts";

/** One of the 169 SDG targets (`4.2`, `16.b`), its goal and its title in ar, en, es, fr, ru, zh. */
export interface SdgTarget {
  code: string;
  goal: number;
  title: LocalText;
}

interface SdgFile {
  source: string;
  targets: SdgTarget[];
}

let cache: SdgFile | undefined;

/**
 * The 169 SDG targets in the six UN languages, built in (sdg-targets.json, written by
 * scripts/write-sdg-targets.ts from open-sdg/sdg-translations, MIT: see SDG-LICENSE).
 */
export function listSdgTargets(): readonly SdgTarget[] {
  cache ??= JSON.parse(
    readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "sdg-targets.json"), "utf8"),
  ) as SdgFile;
  return cache.targets;
}

/** The target with this code (`16.2`), or undefined. */
export function findSdgTarget(code: string): SdgTarget | undefined {
  return listSdgTargets().find((t) => t.code === code.trim().toLowerCase());
}

/** Where the titles come from and under what licence, for an "about the data" page. */
export function sdgAttribution(): string {
  listSdgTargets();
  return cache!.source;
}
