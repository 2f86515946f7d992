import type { FastifyInstance, FastifyReply } from "fastify";

/*
 * PostgreSQL stores no NUL character (U+0000) in text or jsonb: a NUL reaching a query fails it
 * with a 500. A NUL is never meaningful input, so every request carrying one (in a JSON body, the
 * query string, the path or a cookie) is answered 400 naming the field, before validation and
 * before any handler. File imports check their rows and cells themselves (`hasNul`).
 */

const NUL = "\u0000";
const MESSAGE = "must not contain a NUL character (\\u0000)";

/** True when a text holds a NUL character, which the database cannot store. */
export function hasNul(text: string): boolean {
  return text.includes(NUL);
}

/** The message of a NUL problem, for `field`: the same words for requests and imported files. */
export function nulProblem(field: string): string {
  return `${field}: ${MESSAGE}`;
}

/**
 * The path (`answers/0/value`, as validation errors name fields) of the first string or key
 * holding a NUL in a parsed JSON value, or null when there is none. `""` is the value itself.
 */
export function findNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return hasNul(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], join(path, String(i)));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const here = join(path, key);
      if (hasNul(key)) return here;
      const found = findNul(item, here);
      if (found !== null) return found;
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path ? `${path}/${key}` : key;
}

function refuse(reply: FastifyReply, field: string) {
  return reply.code(400).send({ error: "invalid request", details: [nulProblem(field)] });
}

/**
 * Answers 400 to any request with a NUL in its cookies, path, query string or JSON body. Call it
 * on the root instance before anything else, so it runs for every route and before the hooks
 * that read the session or load objects.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  // Cookies are read by the session hook (onRequest), before any body is parsed.
  app.addHook("onRequest", async (request, reply) => {
    const cookies = request.headers.cookie;
    if (cookies && /%00/.test(cookies)) return refuse(reply, "cookie");
  });
  app.addHook("preValidation", async (request, reply) => {
    const parts: [string, unknown][] = [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ];
    for (const [part, value] of parts) {
      const found = findNul(value);
      if (found !== null) return refuse(reply, found || part);
    }
  });
}
