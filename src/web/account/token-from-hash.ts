/**
 * The single-use token of a reset or invitation link. It travels in the
 * fragment (`#token=…`) so it never reaches server logs or Referer headers.
 */
export function readTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && token.length >= 10 ? token : null;
}
