import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type AreaShapeCollection,
  type ReleaseArea,
  type ReleaseSnapshot,
  readAreaShapes,
} from "../../src/core/index.ts";

/*
 * Moldova's demo areas in a release, until publishing carries real ones: six assessed districts
 * (level 2), three regions rolled up from them and Chișinău assessed on its own (level 1), with
 * invented scores for the overall score and each section of the release's framework. And their
 * shapes, from the hand-made test/fixtures/md-areas.geojson.
 */

const NAMES: Record<string, [string, string, string]> = {
  "MD-N": ["North", "Nord", "الشمال"],
  "MD-C": ["Centre", "Centre", "الوسط"],
  "MD-S": ["South", "Sud", "الجنوب"],
  "MD-CU": ["Chișinău municipality", "Municipalité de Chișinău", "بلدية كيشيناو"],
  "MD-BA": ["Bălți", "Bălți", "بالتي"],
  "MD-SO": ["Soroca", "Soroca", "سوروكا"],
  "MD-OR": ["Orhei", "Orhei", "أورهي"],
  "MD-UN": ["Ungheni", "Ungheni", "أونغيني"],
  "MD-CA": ["Cahul", "Cahul", "كاهول"],
  "MD-GA": ["Gagauzia", "Gagaouzie", "غاغاوزيا"],
};
const DISTRICTS: Record<string, { parent: string; score: number | null }> = {
  "MD-BA": { parent: "MD-N", score: 61.2 },
  "MD-SO": { parent: "MD-N", score: 44.8 },
  "MD-OR": { parent: "MD-C", score: 52.5 },
  "MD-UN": { parent: "MD-C", score: 38.1 },
  "MD-CA": { parent: "MD-S", score: 29.4 },
  "MD-GA": { parent: "MD-S", score: null },
};

function bandOf(snapshot: ReleaseSnapshot, score: number | null): string | null {
  if (score === null) return null;
  return snapshot.framework.bands.find((b) => score >= b.min && score <= b.max)?.code ?? null;
}

/** The release with Moldova's areas (`areas`), scored for its root and each of its sections. */
export function withMoldovaAreas(snapshot: ReleaseSnapshot): ReleaseSnapshot {
  const framework = snapshot.framework;
  const root = framework.nodes.find((n) => n.parent === null)!.code;
  const sections = framework.nodes.filter((n) => n.parent === root).map((n) => n.code);
  const items = [root, ...sections];
  const name = (code: string) => {
    const [en, fr, ar] = NAMES[code]!;
    return { en, fr, ar, ro: en };
  };
  const scoresFor = (overall: number | null) =>
    items.map((item, i) => {
      const score =
        overall === null ? null : Math.round((overall + (i === 0 ? 0 : ((i * 7) % 19) - 9)) * 10) / 10;
      return { item, score, band: bandOf(snapshot, score), rank: null as number | null };
    });
  const districts: ReleaseArea[] = Object.entries(DISTRICTS).map(([code, d]) => ({
    country: "MD",
    code,
    parent: d.parent,
    level: 2,
    name: name(code),
    source: "assessed",
    scores: scoresFor(d.score),
  }));
  const mean = (values: number[]) =>
    Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
  const regions: ReleaseArea[] = ["MD-N", "MD-C", "MD-S"].map((code) => {
    const below = districts.filter((d) => d.parent === code);
    const scored = below.filter((d) => d.scores[0]!.score !== null);
    return {
      country: "MD",
      code,
      parent: null,
      level: 1,
      name: name(code),
      source: "rolled-up",
      from: scored.length,
      scores: items.map((item, i) => {
        const score = mean(scored.map((d) => d.scores[i]!.score!));
        return { item, score, band: bandOf(snapshot, score), rank: null };
      }),
    };
  });
  const capital: ReleaseArea = {
    country: "MD",
    code: "MD-CU",
    parent: null,
    level: 1,
    name: name("MD-CU"),
    source: "assessed",
    scores: scoresFor(71.6),
  };
  const areas = [...regions, capital, ...districts];
  // Ranks among the areas of the same level, per item.
  for (const level of [1, 2]) {
    const here = areas.filter((a) => a.level === level);
    items.forEach((_, i) => {
      const ranked = here
        .filter((a) => a.scores[i]!.score !== null)
        .sort((a, b) => b.scores[i]!.score! - a.scores[i]!.score!);
      ranked.forEach((a, r) => {
        a.scores[i]!.rank = r + 1;
      });
    });
  }
  return { ...snapshot, areas };
}

/** The hand-made GeoJSON of Moldova's areas (test/fixtures/md-areas.geojson), as text. */
export function moldovaShapesText(): string {
  return readFileSync(fileURLToPath(new URL("../fixtures/md-areas.geojson", import.meta.url)), "utf8");
}

/** Moldova's area shapes as stored (read from the hand-made fixture). */
export function moldovaAreaShapes(): AreaShapeCollection {
  const text = moldovaShapesText();
  const read = readAreaShapes(text, text.length, { areaCodes: Object.keys(NAMES) });
  if (!read.shapes) throw new Error(read.problems.join("; "));
  return read.shapes;
}
