import { type GeoPermissibleObjects, geoAzimuthalEqualArea, geoBounds, geoCentroid, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlas from "world-atlas/countries-50m.json" with { type: "json" };
import { isoNumeric } from "./iso-numeric.ts";

/** A country shape projected into the map's frame, as an SVG path. */
export interface MapShape {
  /** ISO alpha-2 of a release country; null for a neighbour. */
  code: string | null;
  /** The shape's name in world-atlas (a stable key). */
  name: string;
  d: string;
  /** Label anchor (projected centroid). */
  x: number;
  y: number;
}

export interface MapGeometry {
  width: number;
  height: number;
  shapes: MapShape[];
}

type CountryFeature = GeoJSON.Feature<GeoJSON.Geometry, { name: string }> & { id?: string };

const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
let features: CountryFeature[] | undefined;

function allFeatures(): CountryFeature[] {
  features ??= (feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection)
    .features as CountryFeature[];
  return features;
}

/** The world-atlas shape of a country: by ISO numeric id, or by name for Kosovo (which has no ISO code). */
function findShape(code: string): CountryFeature | undefined {
  const all = allFeatures();
  // Kosovo's shape has no id; the code table gives it 983, a user-assigned number world-atlas does not use.
  if (code.toUpperCase() === "XK") return all.find((f) => f.properties.name === "Kosovo");
  const id = isoNumeric(code);
  return id ? all.find((f) => f.id === id) : undefined;
}

/** Drops repeated points that rounding made identical ("L1,2L1,2"), keeping paths short. */
function compact(d: string): string {
  return d.replace(/L(-?[\d.]+,-?[\d.]+)(?:L\1)+/g, "L$1");
}

const cache = new Map<string, MapGeometry>();

/**
 * The map of a release: its countries fitted to a frame `width` wide, with
 * the neighbouring shapes that fall inside the frame (drawn grey), clipped to
 * the frame and rounded to 0.1 unit so the SVG stays small. Cached per set of
 * countries (the projection is the costly part).
 */
export function mapGeometry(codes: string[], width = 800): MapGeometry {
  const key = `${width}:${[...codes].sort().join(",")}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const mine = codes
    .map((code) => ({ code, f: findShape(code) }))
    .filter((x): x is { code: string; f: CountryFeature } => x.f !== undefined);
  const collection: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: mine.map((x) => x.f) };
  const [[west, south], [east, north]] = mine.length
    ? geoBounds(collection)
    : [
        [-10, 35],
        [40, 60],
      ];
  const [cx, cy] = mine.length ? geoCentroid(collection) : [15, 48];
  const pad = 24;
  const projection = geoAzimuthalEqualArea().rotate([-cx, -cy]);
  projection.fitWidth(width - 2 * pad, mine.length ? collection : { type: "Sphere" });
  const path = geoPath(projection);
  const [[x0, y0], [, y1]] = path.bounds(collection as GeoPermissibleObjects);
  const height = Math.max(240, Math.round(y1 - y0 + 2 * pad));
  const [tx, ty] = projection.translate();
  projection.translate([tx + pad - x0, ty + pad - y0]);
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const framed = geoPath(projection).digits(0);
  const margin = 12;
  const mineIds = new Set(mine.map((x) => x.f));
  const shapes: MapShape[] = [];
  for (const f of allFeatures()) {
    if (mineIds.has(f)) continue;
    const [[w, s], [e, n]] = geoBounds(f);
    if (e < west - margin || w > east + margin || n < south - margin || s > north + margin) continue;
    const d = framed(f);
    if (d) shapes.push({ code: null, name: f.properties.name, d: compact(d), x: 0, y: 0 });
  }
  for (const { code, f } of mine) {
    const d = framed(f);
    const [x, y] = framed.centroid(f);
    if (d) shapes.push({ code, name: f.properties.name, d: compact(d), x: Math.round(x), y: Math.round(y) });
  }
  const geometry = { width, height, shapes };
  cache.set(key, geometry);
  return geometry;
}
