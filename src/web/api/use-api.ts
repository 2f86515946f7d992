import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";

/** What a component sees of one API request. */
export type ApiState<T> =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ok"; data: T };

/** An API failure explained in words a reader can act on. */
export class ApiError extends Error {}

/**
 * Fetches `path` from the API and checks the body against `schema`, so a
 * server/web mismatch shows up as a clear error instead of a broken page.
 */
export async function fetchApi<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/json" }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError("The Childmark server could not be reached. Is it running?");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = isErrorBody(body) ? body.error : response.statusText;
    throw new ApiError(`${response.status} ${detail}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(`Unexpected answer from ${path}: ${issue?.path.join(".")} ${issue?.message}`);
  }
  return parsed.data;
}

function isErrorBody(body: unknown): body is { error: string } {
  return typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string";
}

/**
 * Runs `load` whenever `key` changes (nothing while it is null) and tracks its
 * state. Earlier runs are aborted so a slow answer never overwrites a newer one.
 */
export function useLoader<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // The latest `load` is used, but only a new `key` (or a retry) triggers a request.
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is listed so that reload() re-runs the request.
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ok", data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  return { ...state, reload };
}

/** Loads one API path, checked against `schema`. */
export function useApi<S extends z.ZodType>(
  path: string | null,
  schema: S,
): ApiState<z.infer<S>> & { reload: () => void } {
  return useLoader(path, (signal) => fetchApi(path ?? "", schema, signal));
}
