/**
 * A `Content-Disposition: attachment` header for a file name: an ASCII
 * fallback in `filename` and the exact name in RFC 5987 `filename*`, so no
 * name can break out of the header or be opened inline.
 */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
