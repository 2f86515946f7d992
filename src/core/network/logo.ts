/**
 * An organisation's logo: which images are accepted, and their metadata taken out before they
 * are stored and shown to the public (a photo's EXIF can hold where and when it was taken, a
 * PNG's text chunks or a GIF's comments anything at all). Pure: bytes in, bytes out.
 */

/** The image kinds a logo may be, by extension (SVG is not: it can carry script). */
export const LOGO_TYPES: Readonly<Record<string, { label: string; mediaType: string }>> = {
  ".png": { label: "PNG", mediaType: "image/png" },
  ".jpg": { label: "JPEG", mediaType: "image/jpeg" },
  ".jpeg": { label: "JPEG", mediaType: "image/jpeg" },
  ".gif": { label: "GIF", mediaType: "image/gif" },
  ".webp": { label: "WEBP", mediaType: "image/webp" },
};

/** The file extension a logo is served with, by its media type. */
export function logoExtension(mediaType: string): string {
  return (
    { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" }[mediaType] ?? "img"
  );
}

/** PNG chunks kept: the image itself and how to render it; text, time and EXIF chunks go. */
const PNG_KEPT = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "pHYs",
  "bKGD",
  "acTL",
  "fcTL",
  "fdAT",
]);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function stripPng(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error("it does not start as a PNG does");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let ended = false;
  while (at < bytes.length && !ended) {
    if (at + 12 > bytes.length) throw new Error("a chunk is cut short");
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) throw new Error("a chunk is cut short");
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Error("a chunk has no valid type");
    if (at === 8 && type !== "IHDR") throw new Error("the image header is missing");
    if (PNG_KEPT.has(type)) kept.push(bytes.subarray(at, end));
    // An unknown critical chunk (upper-case first letter) cannot be dropped without breaking the image.
    else if (type[0]! === type[0]!.toUpperCase()) throw new Error(`it holds an unknown ${type} chunk`);
    ended = type === "IEND";
    at = end;
  }
  if (!ended) throw new Error("the image has no end");
  return concat(kept);
}

/** JPEG segments dropped: APP1 (EXIF, XMP), APP3–APP13, APP15 and comments; APP0, APP2 (ICC) and APP14 (Adobe colour) stay. */
function droppedJpegMarker(marker: number): boolean {
  return marker === 0xe1 || (marker >= 0xe3 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("it does not start as a JPEG does");
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error("a segment is not where it should be");
    // Fill bytes: any number of 0xFF before a marker.
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1];
    if (marker === undefined) throw new Error("a segment is cut short");
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at, at + 2));
      return concat(kept);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new Error("a segment is cut short");
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) throw new Error("a segment is cut short");
    if (marker === 0xda) {
      // Start of scan: the compressed image (and any later scans) to the end of the file, as it is.
      kept.push(bytes.subarray(at));
      return concat(kept);
    }
    if (!droppedJpegMarker(marker)) kept.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  throw new Error("the image has no end");
}

/** WEBP chunks dropped: EXIF and XMP (their flags in the VP8X header are cleared with them). */
const WEBP_DROPPED = new Set(["EXIF", "XMP "]);

function stripWebp(bytes: Uint8Array): Uint8Array {
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WEBP")
    throw new Error("it does not start as a WEBP does");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [];
  let at = 12;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new Error("a chunk is cut short");
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > bytes.length) throw new Error("a chunk is cut short");
    const type = tag(at);
    if (!WEBP_DROPPED.has(type)) {
      const chunk = bytes.slice(at, Math.min(end, bytes.length));
      // VP8X: clear the "has EXIF" and "has XMP" flags of the chunks left out.
      if (type === "VP8X" && size > 0) chunk[8] = chunk[8]! & ~0x0c;
      kept.push(chunk);
    }
    at = end;
  }
  if (!kept.length) throw new Error("it holds no image");
  const body = concat(kept);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** GIF application extensions kept: the animation loop count; any other (XMP …) goes, as do comments. */
const GIF_KEPT_APPLICATIONS = new Set(["NETSCAPE2.0", "ANIMEXTS1.0"]);

function stripGif(bytes: Uint8Array): Uint8Array {
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  if (head !== "GIF87a" && head !== "GIF89a") throw new Error("it does not start as a GIF does");
  const need = (n: number) => {
    if (n > bytes.length) throw new Error("a block is cut short");
  };
  /** The end of the data sub-blocks starting at `at` (after their terminator). */
  const subBlocksEnd = (start: number) => {
    let at = start;
    for (;;) {
      need(at + 1);
      const size = bytes[at]!;
      at += 1 + size;
      if (size === 0) return at;
    }
  };
  need(13);
  const packed = bytes[10]!;
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  need(at);
  const kept: Uint8Array[] = [bytes.subarray(0, at)];
  for (;;) {
    need(at + 1);
    const introducer = bytes[at]!;
    if (introducer === 0x3b) {
      kept.push(bytes.subarray(at, at + 1));
      return concat(kept);
    }
    if (introducer === 0x2c) {
      need(at + 10);
      const local = bytes[at + 9]!;
      const data = at + 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0) + 1;
      need(data);
      const end = subBlocksEnd(data);
      kept.push(bytes.subarray(at, end));
      at = end;
    } else if (introducer === 0x21) {
      need(at + 2);
      const label = bytes[at + 1]!;
      const end = subBlocksEnd(at + 2);
      const application =
        label === 0xff && bytes[at + 2] === 11 ? String.fromCharCode(...bytes.subarray(at + 3, at + 14)) : "";
      if (label === 0xf9 || GIF_KEPT_APPLICATIONS.has(application)) kept.push(bytes.subarray(at, end));
      at = end;
    } else {
      throw new Error("a block is not where it should be");
    }
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The image without its metadata (the pixels are untouched): PNG text, time and EXIF chunks; JPEG
 * EXIF, XMP and comment segments; WEBP EXIF and XMP chunks; GIF comments and application
 * extensions other than the animation loop. Throws an Error saying what is wrong when the image
 * is not well formed; any other media type is refused.
 */
export function stripImageMetadata(bytes: Uint8Array, mediaType: string): Uint8Array {
  if (mediaType === "image/png") return stripPng(bytes);
  if (mediaType === "image/jpeg") return stripJpeg(bytes);
  if (mediaType === "image/webp") return stripWebp(bytes);
  if (mediaType === "image/gif") return stripGif(bytes);
  throw new Error(`${mediaType} is not an image a logo may be`);
}
