import { ApiRequestError } from "../api/send-api.ts";

/** The server's refusal as lines: its message, then each problem it names (by row and column). */
export function problemsOf(error: unknown): string[] {
  if (error instanceof ApiRequestError) {
    const body = error.body as { error?: string; details?: string[] } | null;
    return [body?.error ?? error.message, ...(body?.details ?? [])];
  }
  return [(error as Error).message];
}

export function Problems({ lines }: { lines: string[] }) {
  return (
    <div className="cd-problems" role="alert">
      <p>{lines[0]}</p>
      {lines.length > 1 && (
        <ul>
          {lines.slice(1).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
