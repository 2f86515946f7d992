import type { z } from "zod";
import { ApiError } from "./use-api.ts";

/** A refused change, with the server's status and body (a 409 carries the current value). */
export class ApiRequestError extends ApiError {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

let csrfToken = "";

/** Set by the session once signed in: every change carries this token in `x-csrf-token`. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/**
 * Sends a change (POST, PUT, DELETE) as JSON or form data with the CSRF
 * header, and checks the answer against `schema`. Network failures throw
 * ApiError (the caller may retry); refusals throw ApiRequestError with the
 * status, so a 409 conflict can be shown and resolved.
 */
export async function sendApi<S extends z.ZodType>(
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const isForm = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: "application/json",
        "x-csrf-token": csrfToken,
        ...(body === undefined || isForm ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("The Childmark server could not be reached.");
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload as { error?: string; details?: string[] } | null;
    const detail = [error?.error, ...(error?.details ?? [])].filter(Boolean).join(": ");
    throw new ApiRequestError(
      detail || `${response.status} ${response.statusText}`,
      response.status,
      payload,
    );
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(`Unexpected answer from ${path}: ${issue?.path.join(".")} ${issue?.message}`);
  }
  return parsed.data;
}
