import { beforeAll, expect, it } from "vitest";
import type { Db } from "../../src/server/db/connect.ts";
import { preparedStatement, runPrepared } from "../../src/server/db/prepared.ts";
import { describeEachDatabase } from "../support/databases.ts";

/*
 * The hot path's prepared statements (src/server/db/prepared.ts): on PGlite
 * their parameters travel as quoted literals, so any text must come back
 * verbatim, never as SQL; the same calls inside a transaction run through Drizzle.
 */

const ECHO = preparedStatement(
  "test_echo",
  ["text", "float8", "int", "uuid", "jsonb"],
  "select $1 as t, $2 as n, $3 as i, $4 as u, $5 as j",
);
const TRICKY = [
  "it's",
  "''; drop table users; --",
  "back\\slash \\' and E'\\x41'",
  "$1 $$ dollar $tag$",
  "اللغة العربية",
  "",
  "line\nbreak\ttab",
];

describeEachDatabase("prepared statements", (database) => {
  let db: Db;
  beforeAll(() => {
    db = database().db;
  });

  it("returns every parameter verbatim, typed, whatever its characters", async () => {
    for (const text of TRICKY) {
      const [row] = await runPrepared<{ t: string; n: number; i: number; u: string; j: unknown }>(db, ECHO, [
        text,
        -1.5e-7,
        42,
        "0b5c2b1e-7f7a-4b8e-9a51-3e0f6b1c2d3e",
        JSON.stringify({ value: text }),
      ]);
      expect(row).toEqual({
        t: text,
        n: -1.5e-7,
        i: 42,
        u: "0b5c2b1e-7f7a-4b8e-9a51-3e0f6b1c2d3e",
        j: { value: text },
      });
    }
    const [nulls] = await runPrepared(db, ECHO, [null, null, null, null, null]);
    expect(nulls).toEqual({ t: null, n: null, i: null, u: null, j: null });
  });

  it("gives the same rows inside a transaction, and refuses a wrong parameter count or a NUL", async () => {
    const inside = await db.transaction((tx) =>
      runPrepared(tx as unknown as Db, ECHO, [
        TRICKY[2]!,
        1,
        2,
        "0b5c2b1e-7f7a-4b8e-9a51-3e0f6b1c2d3e",
        "[1]",
      ]),
    );
    expect(inside).toEqual([{ t: TRICKY[2], n: 1, i: 2, u: "0b5c2b1e-7f7a-4b8e-9a51-3e0f6b1c2d3e", j: [1] }]);
    await expect(runPrepared(db, ECHO, ["x"])).rejects.toThrow(/1 parameters for 5/);
    await expect(runPrepared(db, ECHO, ["a\0b", 1, 2, null, null])).rejects.toThrow();
  });

  it("survives many callers preparing the same statement at once", async () => {
    const SAME = preparedStatement("test_many", ["int"], "select $1 + 1 as n");
    const rows = await Promise.all(
      Array.from({ length: 20 }, (_, i) => runPrepared<{ n: number }>(db, SAME, [i])),
    );
    expect(rows.map((r) => r[0]!.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
