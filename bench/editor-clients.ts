import type { HttpSession } from "./workspace-server.ts";

/*
 * The simulated editors of bench/workspace-editors.bench.ts: each loops "read
 * the answer's history, save a new value with its latest version". They run
 * in a process of their own (bench/editor-clients-process.ts) for the main
 * figures, as people's browsers run outside the server, or in the bench's own
 * process for its import phase.
 */

export interface Editor {
  session: HttpSession;
  assessment: string;
  indicator: string;
  key: string;
  index: number;
}

export interface Tally {
  requests: number;
  errors: number;
  conflicts: number;
  illegitimateConflicts: number;
  latencies: number[];
  putLatencies: number[];
  /** Requests answered as intended (200, or a legitimate-looking 409) per editor, by editor index. */
  served: number[];
  /** Successful PUTs that changed the answer, by `assessment/indicator`. */
  changes: Map<string, number>;
  firstErrors: string[];
}

/** A bound on a run besides time, so a very fast machine cannot run away. */
const MAX_REQUESTS = 1_000_000;

export function freshTally(editors: number): Tally {
  return {
    requests: 0,
    errors: 0,
    conflicts: 0,
    illegitimateConflicts: 0,
    latencies: [],
    putLatencies: [],
    served: Array.from({ length: editors }, () => 0),
    changes: new Map(),
    firstErrors: [],
  };
}

/** One editor's loop: read the current version, save a new value with it, until the deadline. */
export async function edit(
  baseUrl: string,
  editor: Editor,
  tally: Tally,
  deadline: number | (() => number),
): Promise<void> {
  const until = typeof deadline === "number" ? () => deadline : deadline;
  const url = new URL(`/api/assessments/${editor.assessment}/answers/${editor.indicator}`, baseUrl).href;
  const headers = { cookie: editor.session.cookie, "x-csrf-token": editor.session.csrf };
  let round = 0;
  const fail = (what: string) => {
    tally.errors++;
    if (tally.firstErrors.length < 5) tally.firstErrors.push(`editor ${editor.index}: ${what}`);
  };
  while (performance.now() < until() && tally.requests < MAX_REQUESTS) {
    round++;
    let version = 0;
    let start = performance.now();
    try {
      const res = await fetch(`${url}/history`, { headers });
      tally.requests++;
      const body = (await res.json()) as { version: number }[];
      tally.latencies.push(performance.now() - start);
      if (res.status !== 200) {
        fail(`GET ${res.status}`);
        continue;
      }
      tally.served[editor.index]!++;
      version = Math.max(0, ...body.map((h) => h.version));
    } catch (error) {
      tally.requests++;
      fail(`GET ${(error as Error).message}`);
      continue;
    }
    start = performance.now();
    try {
      const res = await fetch(url, {
        method: "PUT",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ value: editor.index * 1_000_000 + round, expectedVersion: version }),
      });
      tally.requests++;
      const body = (await res.json()) as {
        changed?: boolean;
        version?: number;
        current?: { version: number };
      };
      const ms = performance.now() - start;
      tally.latencies.push(ms);
      tally.putLatencies.push(ms);
      if (res.status === 200 || res.status === 409) tally.served[editor.index]!++;
      if (res.status === 200) {
        if (body.changed) tally.changes.set(editor.key, (tally.changes.get(editor.key) ?? 0) + 1);
      } else if (res.status === 409) {
        tally.conflicts++;
        // Legitimate only when someone else really saved since this editor read the version.
        if (!body.current || body.current.version <= version) tally.illegitimateConflicts++;
      } else {
        fail(`PUT ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    } catch (error) {
      tally.requests++;
      fail(`PUT ${(error as Error).message}`);
    }
  }
}

/** What the parent sends the client process: who edits, where, for how long. */
export interface ClientsJob {
  url: string;
  editors: Editor[];
  seconds: number;
}

/** What the client process answers: the tally and the CPU it spent itself. */
export interface ClientsResult {
  tally: Tally;
  cpu: NodeJS.CpuUsage;
}
