import type { FastifyInstance, FastifyServerOptions } from "fastify";

/*
 * Headers every answer carries, so a browser limits what a page can do even if some text ever
 * slipped through escaping: scripts and styles from this server only, no framing by other sites
 * (except the portal's chart embeds, made to be framed), no MIME sniffing, no full addresses sent
 * to other sites. The web app and the portal have no inline script; the portal's server-rendered
 * charts colour some elements with `style` attributes, hence `style-src-attr 'unsafe-inline'`
 * (attributes only: no `<style>` element, no script).
 */

/**
 * The Content-Security-Policy of every page; `frameAncestors` is `'none'` except for embeds.
 * `inlineStyles` for the API docs only: Swagger UI adds `<style>` elements as it renders.
 */
export function contentSecurityPolicy(frameAncestors: string, inlineStyles = false): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** The portal's embeddable charts (`/portal/{slug}/{lang}/embed/…`), which any site may frame. */
export function isEmbeddable(url: string): boolean {
  return /^\/portal\/[^?#]*\/embed\//.test(url);
}

/**
 * Adds the security headers to every reply: Content-Security-Policy (unless the route set its
 * own), X-Frame-Options DENY and `frame-ancestors 'none'` (embeds: any site), Referrer-Policy,
 * X-Content-Type-Options. Call it on the root instance.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    const embeddable = isEmbeddable(request.url);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "strict-origin-when-cross-origin");
    if (!reply.hasHeader("content-security-policy"))
      reply.header(
        "content-security-policy",
        contentSecurityPolicy(embeddable ? "*" : "'none'", request.url.startsWith("/api/docs")),
      );
    if (!embeddable) reply.header("x-frame-options", "DENY");
    return payload;
  });
}

/**
 * Fastify's `trustProxy` from CHILDMARK_TRUST_PROXY: unset or `false` trusts no proxy; `true`
 * trusts every hop; a number trusts that many hops; otherwise a comma-separated list of
 * addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`). Behind a trusted proxy, `X-Forwarded-Proto`
 * and `X-Forwarded-For` give the request's protocol (Secure cookies) and client address.
 */
export function trustProxySetting(
  value = process.env.CHILDMARK_TRUST_PROXY,
): FastifyServerOptions["trustProxy"] {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address: string, hop: number) => hop < hops;
  }
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
