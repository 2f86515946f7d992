/**
 * The shapes of a country's areas, for maps: read from a GeoJSON FeatureCollection or a TopoJSON
 * Topology the administrator uploads, checked (every problem named, with where it is), made small
 * (coordinates rounded to a grid fitted to the country, points that add nothing dropped) and kept
 * as a GeoJSON FeatureCollection of MultiPolygons with the area's code as the only property.
 * Then projected to SVG paths for the portal and the workspace. Pure.
 */

/** A longitude, latitude pair. */
export type LonLat = [number, number];
/** Outer ring first, then holes; each ring closed (first position = last). */
export type PolygonCoordinates = LonLat[][];

/** One area's shape as stored and served: GeoJSON, a MultiPolygon, the area code as property. */
export interface AreaShapeFeature {
  type: "Feature";
  properties: { code: string };
  geometry: { type: "MultiPolygon"; coordinates: PolygonCoordinates[] };
}

/** A country's area shapes as stored and served (a GeoJSON FeatureCollection). */
export interface AreaShapeCollection {
  type: "FeatureCollection";
  /** West, south, east, north. */
  bbox: [number, number, number, number];
  features: AreaShapeFeature[];
}

/** Largest shapes file taken: 5 MB. */
export const MAX_AREA_SHAPES_BYTES = 5 * 1024 * 1024;
/** Problems named at most (the rest counted), so that a wrong file gives a readable answer. */
const MAX_PROBLEMS = 30;

export interface ReadAreaShapesOptions {
  /** The property of each feature that holds the area's code (`code` by default; `id` also reads the feature's id). */
  codeProperty?: string;
  /** The codes of the country's areas. */
  areaCodes: readonly string[];
}

export type ReadAreaShapesResult =
  | { shapes: AreaShapeCollection; problems: []; format: "GeoJSON" | "TopoJSON" }
  | { shapes: null; problems: string[] };

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an uploaded shapes file (its bytes as text, with its size in bytes): a GeoJSON
 * FeatureCollection of Polygons and MultiPolygons, or a TopoJSON Topology, each feature naming
 * its area by `codeProperty`. Several features of one area are joined. Returns the small stored
 * form, or every problem (each naming the feature and what to fix) and no shapes.
 */
export function readAreaShapes(
  text: string,
  bytes: number,
  options: ReadAreaShapesOptions,
): ReadAreaShapesResult {
  const codeProperty = options.codeProperty?.trim() || "code";
  if (bytes > MAX_AREA_SHAPES_BYTES) {
    return {
      shapes: null,
      problems: [
        `the file is ${(bytes / 1048576).toFixed(1)} MB, over the limit of ${MAX_AREA_SHAPES_BYTES / 1048576} MB: simplify the shapes (for example with mapshaper, -simplify 10%) and send it again`,
      ],
    };
  }
  let data: Json;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return {
      shapes: null,
      problems: [`the file is not JSON (${(error as Error).message}): send a GeoJSON or TopoJSON file`],
    };
  }
  const problems: string[] = [];
  let features: { where: string; code: Json; geometry: Json }[];
  let format: "GeoJSON" | "TopoJSON";
  if (isObject(data) && data.type === "Topology") {
    format = "TopoJSON";
    features = topologyFeatures(data, codeProperty, problems);
  } else if (isObject(data) && data.type === "FeatureCollection" && Array.isArray(data.features)) {
    format = "GeoJSON";
    features = data.features.map((f, i) => ({
      where: `features[${i}]`,
      code: isObject(f) ? codeOf(f, codeProperty) : undefined,
      geometry: isObject(f) ? f.geometry : undefined,
    }));
  } else {
    const type = isObject(data) && typeof data.type === "string" ? `a ${data.type}` : "something else";
    return {
      shapes: null,
      problems: [
        `the file is ${type}: send a GeoJSON FeatureCollection (of Polygons or MultiPolygons) or a TopoJSON Topology`,
      ],
    };
  }
  if (!features.length && !problems.length) problems.push("features: the file holds no shapes");
  const known = new Set(options.areaCodes);
  const byCode = new Map<string, PolygonCoordinates[]>();
  for (const f of features) {
    const code = typeof f.code === "number" ? String(f.code) : f.code;
    if (typeof code !== "string" || !code.trim()) {
      problems.push(
        `${f.where}: no property "${codeProperty}" naming the area (or say which property holds the code)`,
      );
    } else if (!known.has(code.trim())) {
      problems.push(`${f.where}: "${code}" is not one of this country's areas (add it to the areas first)`);
    }
    const polygons = readGeometry(f.geometry, `${f.where}.geometry`, problems);
    if (polygons && typeof code === "string" && known.has(code.trim())) {
      byCode.set(code.trim(), [...(byCode.get(code.trim()) ?? []), ...polygons]);
    }
  }
  if (problems.length) return { shapes: null, problems: capped(problems) };
  return { shapes: compactShapes(byCode), problems: [], format };
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`];
}

function codeOf(f: Record<string, Json>, codeProperty: string): Json {
  const properties = isObject(f.properties) ? f.properties : {};
  if (properties[codeProperty] !== undefined && properties[codeProperty] !== null)
    return properties[codeProperty];
  return codeProperty === "id" ? f.id : undefined;
}

/** A geometry's polygons, or null after naming its problems. */
function readGeometry(geometry: Json, where: string, problems: string[]): PolygonCoordinates[] | null {
  if (!isObject(geometry)) {
    problems.push(`${where}: the feature has no geometry`);
    return null;
  }
  if (geometry.type === "Polygon") {
    const polygon = readPolygon(geometry.coordinates, `${where}.coordinates`, problems);
    return polygon ? [polygon] : null;
  }
  if (geometry.type === "MultiPolygon") {
    if (!Array.isArray(geometry.coordinates) || !geometry.coordinates.length) {
      problems.push(`${where}.coordinates: a MultiPolygon needs a list of polygons`);
      return null;
    }
    const polygons = geometry.coordinates.map((p, i) =>
      readPolygon(p, `${where}.coordinates[${i}]`, problems),
    );
    return polygons.every((p) => p !== null) ? (polygons as PolygonCoordinates[]) : null;
  }
  problems.push(`${where}: a Polygon or MultiPolygon is needed, not ${String(geometry.type ?? "nothing")}`);
  return null;
}

function readPolygon(value: Json, where: string, problems: string[]): PolygonCoordinates | null {
  if (!Array.isArray(value) || !value.length) {
    problems.push(`${where}: a polygon needs at least one ring of positions`);
    return null;
  }
  const rings: LonLat[][] = [];
  for (const [r, ring] of value.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) {
      problems.push(`${where}[${r}]: a ring needs at least 4 positions (the first repeated last)`);
      return null;
    }
    const positions: LonLat[] = [];
    for (const [p, position] of ring.entries()) {
      const [lon, lat] = Array.isArray(position) ? position : [];
      if (
        typeof lon !== "number" ||
        typeof lat !== "number" ||
        !Number.isFinite(lon) ||
        !Number.isFinite(lat) ||
        Math.abs(lon) > 180 ||
        Math.abs(lat) > 90
      ) {
        problems.push(
          `${where}[${r}][${p}]: ${JSON.stringify(position)?.slice(0, 40)} is not a longitude and latitude in degrees (within ±180 and ±90; projected coordinates must be converted to WGS 84 first)`,
        );
        return null;
      }
      positions.push([lon, lat]);
    }
    const [first, last] = [positions[0]!, positions[positions.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) positions.push([first[0], first[1]]);
    rings.push(positions);
  }
  return rings;
}

/** The features of a TopoJSON Topology's first object holding the code property (arcs decoded). */
function topologyFeatures(
  topology: Record<string, Json>,
  codeProperty: string,
  problems: string[],
): { where: string; code: Json; geometry: Json }[] {
  const objects = isObject(topology.objects) ? Object.entries(topology.objects) : [];
  const collections = objects.filter(
    ([, o]) => isObject(o) && o.type === "GeometryCollection" && Array.isArray(o.geometries),
  ) as [string, { geometries: Json[] }][];
  if (!collections.length || !Array.isArray(topology.arcs)) {
    problems.push("objects: the Topology holds no GeometryCollection with arcs");
    return [];
  }
  const hasCode = (g: Json) => isObject(g) && codeOf(g, codeProperty) !== undefined;
  const [name, collection] = collections.find(([, c]) => c.geometries.some(hasCode)) ?? collections[0]!;
  const arcs = decodeArcs(topology.arcs, topology.transform, problems);
  if (!arcs) return [];
  return collection.geometries.map((g, i) => {
    const where = `objects.${name}.geometries[${i}]`;
    if (!isObject(g)) return { where, code: undefined, geometry: undefined };
    const ring = (indexes: Json, at: string): Json => {
      if (!Array.isArray(indexes)) return null;
      const out: LonLat[] = [];
      for (const index of indexes) {
        const arc = typeof index === "number" ? arcs[index < 0 ? ~index : index] : undefined;
        if (!arc) {
          problems.push(`${at}: arc ${JSON.stringify(index)} is not in the Topology's arcs`);
          return null;
        }
        const points = index < 0 ? [...arc].reverse() : arc;
        out.push(...(out.length ? points.slice(1) : points));
      }
      return out;
    };
    const polygon = (p: Json, at: string) =>
      Array.isArray(p) ? p.map((r, k) => ring(r, `${at}[${k}]`)) : null;
    let geometry: Json = { type: g.type };
    if (g.type === "Polygon") geometry = { type: "Polygon", coordinates: polygon(g.arcs, `${where}.arcs`) };
    else if (g.type === "MultiPolygon") {
      geometry = {
        type: "MultiPolygon",
        coordinates: Array.isArray(g.arcs) ? g.arcs.map((p, k) => polygon(p, `${where}.arcs[${k}]`)) : null,
      };
    }
    return { where, code: codeOf(g, codeProperty), geometry };
  });
}

/** A Topology's arcs as positions, delta-decoded and scaled when quantised (`transform`). */
function decodeArcs(arcs: Json[], transform: Json, problems: string[]): LonLat[][] | null {
  const scale = isObject(transform) && Array.isArray(transform.scale) ? (transform.scale as number[]) : null;
  const translate =
    isObject(transform) && Array.isArray(transform.translate) ? (transform.translate as number[]) : [0, 0];
  const out: LonLat[][] = [];
  for (const [a, arc] of arcs.entries()) {
    if (!Array.isArray(arc)) {
      problems.push(`arcs[${a}]: an arc is a list of positions`);
      return null;
    }
    let x = 0;
    let y = 0;
    const points: LonLat[] = [];
    for (const [p, point] of arc.entries()) {
      const [dx, dy] = Array.isArray(point) ? point : [];
      if (typeof dx !== "number" || typeof dy !== "number" || !Number.isFinite(dx) || !Number.isFinite(dy)) {
        problems.push(`arcs[${a}][${p}]: ${JSON.stringify(point)?.slice(0, 40)} is not a position`);
        return null;
      }
      if (scale) {
        x += dx;
        y += dy;
        points.push([x * scale[0]! + translate[0]!, y * scale[1]! + translate[1]!]);
      } else points.push([dx, dy]);
    }
    out.push(points);
  }
  return out;
}

/**
 * The stored form: positions rounded to a grid of about 1/4000 of the country's extent, then
 * simplified (Douglas–Peucker, half a grid step), repeated points dropped; a ring that would
 * vanish is kept as rounded.
 */
function compactShapes(byCode: Map<string, PolygonCoordinates[]>): AreaShapeCollection {
  const all = [...byCode.values()].flat(3) as LonLat[];
  const bbox = boundsOf(all);
  const extent = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1], 1e-6);
  const step = extent / 4000;
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step))));
  const round = (v: number) => Number(v.toFixed(decimals));
  const features: AreaShapeFeature[] = [];
  for (const [code, polygons] of byCode) {
    const coordinates = polygons.map((polygon) =>
      polygon.map((ring) => {
        const rounded = dedupe(ring.map(([x, y]) => [round(x), round(y)] as LonLat));
        const simple = dedupe(simplify(rounded, step / 2));
        return simple.length >= 4 ? simple : rounded;
      }),
    );
    features.push({ type: "Feature", properties: { code }, geometry: { type: "MultiPolygon", coordinates } });
  }
  return { type: "FeatureCollection", bbox: bbox.map(round) as AreaShapeCollection["bbox"], features };
}

function boundsOf(points: readonly LonLat[]): [number, number, number, number] {
  let [w, s, e, n] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const [x, y] of points) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

function dedupe(ring: LonLat[]): LonLat[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
}

/** Douglas–Peucker on a closed ring (its first and last positions kept). */
function simplify(ring: LonLat[], tolerance: number): LonLat[] {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // A closed ring's ends are the same point: split it at the point farthest from the start.
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i]![0] - ring[0]![0]) ** 2 + (ring[i]![1] - ring[0]![1]) ** 2;
    if (d > farDistance) [far, farDistance] = [i, d];
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let index = -1;
    let max = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(ring[i]!, ring[a]!, ring[b]!);
      if (d > max) [index, max] = [i, d];
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

function segmentDistance(p: LonLat, a: LonLat, b: LonLat): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** An area's shape as an SVG path in a frame, with where to put its label. */
export interface AreaShapePath {
  code: string;
  d: string;
  /** Label anchor: the centre of the area's largest ring's bounds. */
  x: number;
  y: number;
  /** How wide the largest ring is, in the frame's units (whether a label fits). */
  room: number;
}

/**
 * Projects a country's area shapes into an SVG frame `width` wide (equirectangular, longitudes
 * shortened by the cosine of the middle latitude so the country keeps its proportions), fitted
 * with `padding` on every side and at most `maxHeight` high (`width` by default): the frame's
 * width and height follow the country's shape. Paths rounded to 0.1.
 * `only` keeps the areas with these codes (the frame is fitted to them).
 */
export function areaShapesToSvg(
  shapes: AreaShapeCollection,
  options: { width?: number; maxHeight?: number; padding?: number; only?: readonly string[] } = {},
): { width: number; height: number; paths: AreaShapePath[] } {
  const width = options.width ?? 600;
  const padding = options.padding ?? 8;
  const features = options.only
    ? shapes.features.filter((f) => options.only!.includes(f.properties.code))
    : shapes.features;
  const points = features.flatMap((f) => f.geometry.coordinates.flat(2));
  if (!points.length) return { width, height: 0, paths: [] };
  const [w, s, e, n] = boundsOf(points);
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const spanX = Math.max((e - w) * k, 1e-9);
  const spanY = Math.max(n - s, 1e-9);
  const maxHeight = options.maxHeight ?? width;
  const scale = Math.min((width - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY);
  const frameWidth = Math.round(spanX * scale + 2 * padding);
  const height = Math.round(spanY * scale + 2 * padding);
  const x = (lon: number) => Math.round(((lon - w) * k * scale + padding) * 10) / 10;
  const y = (lat: number) => Math.round(((n - lat) * scale + padding) * 10) / 10;
  const paths = features.map((f) => {
    let d = "";
    let label: LonLat = [0, 0];
    let room = 0;
    let largest = -1;
    for (const polygon of f.geometry.coordinates) {
      for (const ring of polygon) {
        const projected = dedupe(ring.map(([lon, lat]) => [x(lon), y(lat)] as LonLat));
        const [first, last] = [projected[0]!, projected[projected.length - 1]!];
        if (projected.length > 1 && first[0] === last[0] && first[1] === last[1]) projected.pop();
        if (projected.length < 3) continue;
        d += `M${projected.map(([px, py]) => `${px},${py}`).join("L")}Z`;
        const [rw, rs, re, rn] = boundsOf(projected);
        const size = (re - rw) * (rn - rs);
        if (size > largest) {
          [largest, room] = [size, Math.round(re - rw)];
          label = [Math.round((rw + re) / 2), Math.round((rs + rn) / 2)];
        }
      }
    }
    return { code: f.properties.code, d, x: label[0], y: label[1], room };
  });
  return { width: frameWidth, height, paths };
}
