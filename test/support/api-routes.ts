import type { FastifyInstance } from "fastify";

/** One API operation as the OpenAPI document states it. */
export interface ApiOperation {
  /** `METHOD /api/path/:param`, the key of ROUTE_ACCESS. */
  key: string;
  method: string;
  path: string;
  required: string[];
  optional: string[];
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
}

/**
 * Every API operation of the app: those of its OpenAPI document, plus any route the app
 * registered without documenting it (so an undocumented route is crawled too).
 */
export async function listApiOperations(app: FastifyInstance): Promise<ApiOperation[]> {
  const doc = (await app.inject("/api/docs/json")).json() as {
    paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
  };
  const operations = new Map<string, ApiOperation>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith("/api/")) continue;
    const route = path.replace(/\{([^}]+)\}/g, ":$1").replace(/:\*$/, "*");
    for (const [method, op] of Object.entries(methods)) {
      const query = (op.parameters ?? []).filter((p) => p.in === "query");
      const key = `${method.toUpperCase()} ${route}`;
      operations.set(key, {
        key,
        method: method.toUpperCase(),
        path: route,
        required: query.filter((p) => p.required).map((p) => p.name),
        optional: query.filter((p) => !p.required).map((p) => p.name),
      });
    }
  }
  for (const key of app.apiRoutes) {
    if (operations.has(key)) continue;
    const [method, path] = key.split(" ") as [string, string];
    operations.set(key, { key, method, path, required: [], optional: [] });
  }
  return [...operations.values()];
}

/** Values for path parameters, by the segment before them and their name (`assessments/:id`). */
export type ParamValues = Record<string, string[]>;

/**
 * The URLs that exercise an operation: every combination of the given path parameter values,
 * first with the required query parameters only, then with every optional one that has a value.
 * Throws, naming the route, when a parameter has no value: a new route is then added here.
 */
export function urlsOf(op: ApiOperation, params: ParamValues, query: Record<string, string>): string[] {
  let paths = [""];
  const segments = op.path.split("/").slice(1);
  segments.forEach((segment, i) => {
    const name = segment.startsWith(":") ? segment.slice(1) : segment === "*" ? "*" : null;
    if (!name) {
      paths = paths.map((p) => `${p}/${segment}`);
      return;
    }
    const values = params[`${segments[i - 1]}/${name}`];
    if (!values?.length) throw new Error(`no value for ${segments[i - 1]}/${segment} of ${op.key}`);
    paths = paths.flatMap((p) => values.map((v) => `${p}/${encodeURIComponent(v)}`));
  });
  const missing = op.required.filter((name) => !query[name]);
  if (missing.length) throw new Error(`no value for the query parameter ${missing.join(", ")} of ${op.key}`);
  const variants = [op.required, [...op.required, ...op.optional.filter((name) => query[name])]].map(
    (names) => names.map((name) => [name, query[name]!]),
  );
  return [
    ...new Set(
      paths.flatMap((p) =>
        variants.map((pairs) => (pairs.length ? `${p}?${new URLSearchParams(pairs)}` : p)),
      ),
    ),
  ];
}
