import { deflateSync } from "node:zlib";

/*
 * Invented logos for the demo's network: a coloured badge (a rounded square with a white ring)
 * per organisation, drawn here as a PNG so the demo needs no image files.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB colour from a hue (0–360) at the saturation and lightness of the badges. */
function colourOf(hue: number): [number, number, number] {
  const s = 0.55;
  const l = 0.42;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A 96×96 PNG badge in the colour of `hue`: transparent corners, a white ring in the middle. */
export function demoLogoPng(hue: number, size = 96): Buffer {
  const [r, g, b] = colourOf(hue);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const radius = size * 0.18;
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < size; x++) {
      // Distance outside the rounded square's inner corner, for its transparent corners.
      const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
      const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
      const outside = Math.hypot(dx, dy) > radius;
      const d = Math.hypot(x - centre, y - centre);
      const ring = d > size * 0.24 && d < size * 0.32;
      const at = row + 1 + x * 4;
      raw[at] = ring ? 255 : r;
      raw[at + 1] = ring ? 255 : g;
      raw[at + 2] = ring ? 255 : b;
      raw[at + 3] = outside ? 0 : 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
