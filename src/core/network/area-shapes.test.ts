import { describe, expect, it } from "vitest";
import { moldovaShapesText } from "../../../test/support/area-release-fixture.ts";
import {
  type AreaShapeCollection,
  areaShapesToSvg,
  MAX_AREA_SHAPES_BYTES,
  readAreaShapes,
} from "./area-shapes.ts";

const fixture = moldovaShapesText();
const MD = ["MD-N", "MD-C", "MD-S", "MD-CU", "MD-BA", "MD-SO", "MD-OR", "MD-UN", "MD-CA", "MD-GA"];
const read = (value: unknown, codeProperty?: string, areaCodes = MD) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return readAreaShapes(text, Buffer.byteLength(text), { areaCodes, codeProperty });
};
const square = (x: number, y: number, size = 1) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties,
  geometry,
});

describe("reading area shapes", () => {
  it("reads a GeoJSON FeatureCollection into one MultiPolygon per area, small and closed", () => {
    const result = read(fixture);
    expect(result.problems).toEqual([]);
    const shapes = result.shapes!;
    expect(shapes.features.map((f) => f.properties.code).sort()).toEqual([...MD].sort());
    expect(shapes.bbox).toEqual([26.7, 45.45, 29.6, 48.5]);
    const orhei = shapes.features.find((f) => f.properties.code === "MD-OR")!;
    expect(orhei.geometry.type).toBe("MultiPolygon");
    // Its outer ring and the hole where Chișinău is, each closed.
    expect(orhei.geometry.coordinates[0]).toHaveLength(2);
    for (const ring of orhei.geometry.coordinates[0]!) expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(JSON.stringify(shapes).length).toBeLessThan(fixture.length);
  });

  it("takes the code from the property the upload names, and joins the features of one area", () => {
    const result = read(
      {
        type: "FeatureCollection",
        features: [
          feature({ iso: "MD-GA" }, { type: "Polygon", coordinates: square(28, 46) }),
          feature({ iso: "MD-GA" }, { type: "MultiPolygon", coordinates: [square(29, 46)] }),
        ],
      },
      "iso",
    );
    expect(result.problems).toEqual([]);
    expect(result.shapes!.features).toHaveLength(1);
    expect(result.shapes!.features[0]!.geometry.coordinates).toHaveLength(2);
  });

  it("rounds coordinates to a grid fitted to the country and drops points that add nothing", () => {
    // A side of the square with 200 points on a straight line and sub-millimetre noise.
    const side = Array.from({ length: 200 }, (_, i) => [28 + i / 200, 46 + (i % 2) * 1e-9]);
    const ring = [...side, [29, 46], [29, 47], [28, 47], [28, 46]];
    const result = read({
      type: "FeatureCollection",
      features: [feature({ code: "MD-CA" }, { type: "Polygon", coordinates: [ring] })],
    });
    expect(result.shapes!.features[0]!.geometry.coordinates[0]![0]).toEqual([
      [28, 46],
      [29, 46],
      [29, 47],
      [28, 47],
      [28, 46],
    ]);
  });

  it("names every problem and returns no shapes", () => {
    const result = read({
      type: "FeatureCollection",
      features: [
        feature({ name: "Cahul" }, { type: "Polygon", coordinates: square(28, 46) }),
        feature({ code: "MD-XX" }, { type: "Polygon", coordinates: square(28, 46) }),
        feature({ code: "MD-GA" }, { type: "Point", coordinates: [28, 46] }),
        feature(
          { code: "MD-SO" },
          {
            type: "Polygon",
            coordinates: [
              [
                [500000, 46],
                [28, 47],
                [29, 47],
                [500000, 46],
              ],
            ],
          },
        ),
        feature(
          { code: "MD-BA" },
          {
            type: "Polygon",
            coordinates: [
              [
                [28, 46],
                [29, 47],
              ],
            ],
          },
        ),
        { type: "Feature", properties: { code: "MD-OR" } },
      ],
    });
    expect(result.shapes).toBeNull();
    expect(result.problems).toEqual([
      'features[0]: no property "code" naming the area (or say which property holds the code)',
      'features[1]: "MD-XX" is not one of this country\'s areas (add it to the areas first)',
      "features[2].geometry: a Polygon or MultiPolygon is needed, not Point",
      "features[3].geometry.coordinates[0][0]: [500000,46] is not a longitude and latitude in degrees (within ±180 and ±90; projected coordinates must be converted to WGS 84 first)",
      "features[4].geometry.coordinates[0]: a ring needs at least 4 positions (the first repeated last)",
      "features[5].geometry: the feature has no geometry",
    ]);
  });

  it("refuses what is not a FeatureCollection, not JSON, empty or too large", () => {
    expect(read({ type: "Feature", geometry: null }).problems[0]).toMatch(
      /^the file is a Feature: send a GeoJSON FeatureCollection/,
    );
    expect(read("{not json").problems[0]).toMatch(/^the file is not JSON/);
    expect(read({ type: "FeatureCollection", features: [] }).problems).toEqual([
      "features: the file holds no shapes",
    ]);
    const big = readAreaShapes("{}", MAX_AREA_SHAPES_BYTES + 1, { areaCodes: MD });
    expect(big.problems[0]).toMatch(/^the file is 5\.0 MB, over the limit of 5 MB: simplify/);
    const many = read({
      type: "FeatureCollection",
      features: Array.from({ length: 40 }, () =>
        feature({ code: "X" }, { type: "Polygon", coordinates: square(1, 1) }),
      ),
    });
    expect(many.problems).toHaveLength(31);
    expect(many.problems[30]).toBe("… and 10 more problems");
  });

  it("reads a quantised TopoJSON Topology (shared arcs, one reversed)", () => {
    // Two squares side by side sharing the arc x = 1, in a 10 × 10 grid scaled to 0.1°.
    const topology = {
      type: "Topology",
      transform: { scale: [0.1, 0.1], translate: [28, 46] },
      objects: {
        areas: {
          type: "GeometryCollection",
          geometries: [
            { type: "Polygon", properties: { code: "MD-CA" }, arcs: [[0, 1]] },
            { type: "Polygon", properties: { code: "MD-GA" }, arcs: [[2, ~0]] },
          ],
        },
      },
      arcs: [
        [
          [10, 0],
          [0, 10],
        ],
        [
          [10, 10],
          [-10, 0],
          [0, -10],
          [10, 0],
        ],
        [
          [10, 10],
          [10, 0],
          [0, -10],
          [-10, 0],
        ],
      ],
    };
    const result = read(topology);
    expect(result.problems).toEqual([]);
    expect(result.shapes!.features.map((f) => f.geometry.coordinates[0]![0])).toEqual([
      [
        [29, 46],
        [29, 47],
        [28, 47],
        [28, 46],
        [29, 46],
      ],
      [
        [29, 47],
        [30, 47],
        [30, 46],
        [29, 46],
        [29, 47],
      ],
    ]);
    expect(read({ ...topology, arcs: [[[0, 0]]] }).problems).toContain(
      "objects.areas.geometries[0].arcs[0]: arc 1 is not in the Topology's arcs",
    );
  });
});

describe("area shapes as SVG", () => {
  const shapes: AreaShapeCollection = {
    type: "FeatureCollection",
    bbox: [28, 46, 30, 47],
    features: [
      {
        type: "Feature",
        properties: { code: "A" },
        geometry: { type: "MultiPolygon", coordinates: [square(28, 46) as [number, number][][]] },
      },
      {
        type: "Feature",
        properties: { code: "B" },
        geometry: { type: "MultiPolygon", coordinates: [square(29, 46) as [number, number][][]] },
      },
    ],
  };

  it("projects equirectangular with the cosine of the middle latitude, fitted to the frame", () => {
    const svg = areaShapesToSvg(shapes, { width: 210, padding: 5 });
    // 2° of longitude at 46.5° N are 2 × cos(46.5°) ≈ 1.377 units of latitude wide: scale 200 / 1.377.
    const scale = 200 / (2 * Math.cos((46.5 * Math.PI) / 180));
    expect(svg.width).toBe(210);
    expect(svg.height).toBe(Math.round(scale + 10));
    expect(svg.paths.map((p) => p.code)).toEqual(["A", "B"]);
    const bottom = Math.round((scale + 5) * 10) / 10;
    expect(svg.paths[0]!.d).toBe(`M5,${bottom}L105,${bottom}L105,5L5,5Z`);
    expect(svg.paths[1]!.x).toBe(155);
  });

  it("keeps the frame within the height asked, and fits to the areas kept", () => {
    const svg = areaShapesToSvg(shapes, { width: 400, maxHeight: 100, padding: 0 });
    expect(svg.height).toBe(100);
    expect(svg.width).toBe(Math.round(200 * Math.cos((46.5 * Math.PI) / 180)));
    const one = areaShapesToSvg(shapes, { width: 100, padding: 0, only: ["B"] });
    expect(one.paths.map((p) => p.code)).toEqual(["B"]);
    expect(one.paths[0]!.d.startsWith("M0,")).toBe(true);
    expect(areaShapesToSvg(shapes, { only: [] }).paths).toEqual([]);
  });
});
