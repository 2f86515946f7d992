import { describe, expect, it } from "vitest";
import { logoExtension, stripImageMetadata } from "./logo.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const has = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(needle);

/** A PNG chunk (the CRC is not checked by the stripper: zeros). */
const chunk = (type: string, data: Uint8Array = new Uint8Array()) =>
  bytes(u32(data.length), ascii(type), data, [0, 0, 0, 0]);
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = chunk("IHDR", bytes(u32(1), u32(1), [8, 6, 0, 0, 0]));
const IDAT = chunk("IDAT", bytes([1, 2, 3, 4]));
const IEND = chunk("IEND");

/** A JPEG segment with a length. */
const segment = (marker: number, data: Uint8Array) => {
  const length = data.length + 2;
  return bytes([0xff, marker, length >> 8, length & 255], data);
};

describe("stripImageMetadata", () => {
  it("takes a PNG's text, time and EXIF chunks out and keeps the image's own", () => {
    const png = bytes(
      SIGNATURE,
      IHDR,
      chunk("tEXt", ascii("Author\0SECRET-author")),
      chunk("iTXt", ascii("Where\0\0\0\0\0SECRET-place")),
      chunk("eXIf", ascii("SECRET-exif")),
      chunk("pHYs", bytes(u32(2835), u32(2835), [1])),
      IDAT,
      IEND,
    );
    const clean = stripImageMetadata(png, "image/png");
    expect(has(clean, "SECRET")).toBe(false);
    expect([...clean]).toEqual([
      ...SIGNATURE,
      ...IHDR,
      ...chunk("pHYs", bytes(u32(2835), u32(2835), [1])),
      ...IDAT,
      ...IEND,
    ]);
  });

  it("refuses a PNG that is cut short, has no header, or holds an unknown critical chunk", () => {
    const whole = bytes(SIGNATURE, IHDR, IDAT, IEND);
    expect(() => stripImageMetadata(whole.subarray(0, whole.length - 6), "image/png")).toThrow(/cut short/);
    expect(() => stripImageMetadata(bytes(SIGNATURE, IDAT, IEND), "image/png")).toThrow(/header/);
    expect(() => stripImageMetadata(bytes(SIGNATURE, IHDR, chunk("ABCD"), IEND), "image/png")).toThrow(
      /unknown ABCD/,
    );
    expect(() => stripImageMetadata(bytes(SIGNATURE, IHDR, IDAT), "image/png")).toThrow(/no end/);
  });

  it("takes a JPEG's EXIF, XMP and comments out, keeping JFIF, the colour profile and the scan", () => {
    const jfif = segment(0xe0, ascii("JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    const icc = segment(0xe2, ascii("ICC_PROFILE\0\x01\x01data"));
    const quant = segment(0xdb, bytes([0], new Uint8Array(64).fill(1)));
    const scan = bytes(
      segment(0xda, bytes([1, 1, 0, 0, 63, 0])),
      [0x12, 0x34, 0xff, 0x00, 0x56],
      [0xff, 0xd9],
    );
    const jpeg = bytes(
      [0xff, 0xd8],
      jfif,
      segment(0xe1, ascii("Exif\0\0SECRET-gps")),
      segment(0xe1, ascii("http://ns.adobe.com/xap/1.0/\0SECRET-xmp")),
      icc,
      segment(0xfe, ascii("SECRET-comment")),
      quant,
      scan,
    );
    const clean = stripImageMetadata(jpeg, "image/jpeg");
    expect(has(clean, "SECRET")).toBe(false);
    expect([...clean]).toEqual([0xff, 0xd8, ...jfif, ...icc, ...quant, ...scan]);
  });

  it("refuses a JPEG whose segments do not add up", () => {
    expect(() =>
      stripImageMetadata(bytes([0xff, 0xd8], [0xff, 0xe1, 0x40, 0x00, 1, 2]), "image/jpeg"),
    ).toThrow(/cut short/);
    expect(() => stripImageMetadata(bytes([0xff, 0xd8, 0x00, 0x01]), "image/jpeg")).toThrow(/segment/);
    expect(logoExtension("image/jpeg")).toBe("jpg");
    expect(logoExtension("image/webp")).toBe("webp");
  });

  it("takes a WEBP's EXIF and XMP chunks out and clears their flags", () => {
    const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
    const riff = (type: string, data: Uint8Array) =>
      bytes(ascii(type), le32(data.length), data, data.length % 2 ? [0] : []);
    const vp8x = (flags: number) => riff("VP8X", bytes([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const image = riff("VP8L", bytes([0x2f, 0, 0, 0, 0]));
    const file = (...chunks: Uint8Array[]) => {
      const body = bytes(ascii("WEBP"), ...chunks);
      return bytes(ascii("RIFF"), le32(body.length), body);
    };
    const webp = file(
      vp8x(0x10 | 0x08 | 0x04),
      image,
      riff("EXIF", ascii("SECRET-gps")),
      riff("XMP ", ascii("SECRET-xmp")),
    );
    const clean = stripImageMetadata(webp, "image/webp");
    expect(has(clean, "SECRET")).toBe(false);
    expect([...clean]).toEqual([...file(vp8x(0x10), image)]);
    expect(() => stripImageMetadata(webp.subarray(0, 34), "image/webp")).toThrow(/cut short/);
  });

  it("takes a GIF's comments and XMP out, keeping its frames and the animation loop", () => {
    const head = bytes(ascii("GIF89a"), [1, 0, 1, 0, 0, 0, 0]);
    const comment = bytes([0x21, 0xfe, 10], ascii("SECRET-gif"), [0]);
    const xmp = bytes([0x21, 0xff, 11], ascii("XMP DataXMP"), [10], ascii("SECRET-xmp"), [0]);
    const loop = bytes([0x21, 0xff, 11], ascii("NETSCAPE2.0"), [3, 1, 0, 0, 0]);
    const control = bytes([0x21, 0xf9, 4, 0, 0, 0, 0, 0]);
    const frame = bytes([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 1, 0]);
    const gif = bytes(head, comment, loop, xmp, control, frame, [0x3b]);
    const clean = stripImageMetadata(gif, "image/gif");
    expect(has(clean, "SECRET")).toBe(false);
    expect([...clean]).toEqual([...head, ...loop, ...control, ...frame, 0x3b]);
    expect(() => stripImageMetadata(gif.subarray(0, gif.length - 4), "image/gif")).toThrow(/cut short/);
    expect(() => stripImageMetadata(ascii("GIF89a"), "image/gif")).toThrow(/cut short/);
    expect(() => stripImageMetadata(gif, "image/svg+xml")).toThrow(/not an image a logo may be/);
  });
});
