import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "./connect.ts";
import { queryRows } from "./query-rows.ts";

/** A parameter of a prepared statement. */
export type PreparedParam = string | number | boolean | null;

/**
 * A statement of a hot path (the auth hook, an autosave), written once as SQL
 * with `$1…$n` parameters whose types are declared, prepared once per
 * connection and then executed by name.
 */
export interface PreparedStatement {
  name: string;
  /** PostgreSQL types of `$1…$n`, in order (`text`, `uuid`, `int`, `float8`…). */
  types: readonly string[];
  text: string;
}

export function preparedStatement(name: string, types: readonly string[], text: string): PreparedStatement {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a statement name: ${name}`);
  for (const type of types) if (!/^[a-z0-9_]+$/.test(type)) throw new Error(`not a type name: ${type}`);
  return { name: `cm_${name}`, types, text };
}

const preparedOn = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Runs a prepared statement and returns its rows (types parsed as the
 * drivers do: uuid and text as strings, int and float8 as numbers, jsonb as
 * values). Why: on PGlite a Drizzle query costs about three times the CPU of
 * the same SQL sent raw (query building and result mapping), and a raw query
 * is still parsed and planned each time, over six protocol round trips into
 * the WASM backend. Here the statement is planned once (`PREPARE`), and each
 * call is one `EXECUTE` over the simple protocol, its parameters written as
 * quoted literals of the declared types. On PostgreSQL, node-postgres
 * prepares a named statement once per pooled connection. Inside a
 * transaction (`tx`), the statement runs through Drizzle on the
 * transaction's connection, as any other.
 */
export async function runPrepared<Row extends Record<string, unknown>>(
  db: Db,
  statement: PreparedStatement,
  params: readonly PreparedParam[],
): Promise<Row[]> {
  if (params.length !== statement.types.length) {
    throw new Error(`${statement.name}: ${params.length} parameters for ${statement.types.length}`);
  }
  // Only the database object itself has `$client`; a transaction has not.
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    // One PREPARE per statement and instance, shared by callers that arrive while it runs.
    let prepared = preparedOn.get(client);
    if (!prepared) {
      prepared = new Map();
      preparedOn.set(client, prepared);
    }
    let ready = prepared.get(statement.name);
    if (!ready) {
      ready = prepare(client, statement, prepared.size === 0);
      prepared.set(statement.name, ready);
      ready.catch(() => prepared.delete(statement.name));
    }
    await ready;
    const args = params.map(literal).join(", ");
    const [result] = await client.exec(`execute ${statement.name}${args ? `(${args})` : ""}`);
    return (result?.rows ?? []) as Row[];
  }
  if (client && typeof (client as { query?: unknown }).query === "function") {
    const pool = client as {
      query(q: { name: string; text: string; values: readonly PreparedParam[] }): Promise<{ rows: Row[] }>;
    };
    return (await pool.query({ name: statement.name, text: typed(statement), values: params })).rows;
  }
  return queryRows<Row>(db, toSql(statement, params));
}

async function prepare(client: PGlite, statement: PreparedStatement, first: boolean): Promise<void> {
  if (first) {
    const [row] = (await client.exec("show standard_conforming_strings"))[0]?.rows ?? [];
    if ((row as { standard_conforming_strings?: string } | undefined)?.standard_conforming_strings !== "on") {
      throw new Error("standard_conforming_strings is off: prepared statements would quote wrongly");
    }
  }
  await client.exec(`prepare ${statement.name}(${statement.types.join(", ")}) as ${statement.text}`);
}

/** The statement's text with each `$n` cast to its declared type (for drivers that infer parameter types). */
function typed(statement: PreparedStatement): string {
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${n}::${statement.types[Number(n) - 1]}`);
}

/** The statement as Drizzle SQL with its parameters bound, for a transaction's connection. */
function toSql(statement: PreparedStatement, params: readonly PreparedParam[]): SQL {
  const parts = typed(statement).split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`);
  });
  return sql.join(chunks);
}

/**
 * A parameter as a SQL literal. Strings are quoted by doubling single quotes,
 * which is complete with `standard_conforming_strings` on (PostgreSQL's
 * default since 9.1; checked once per PGlite instance): backslashes are then ordinary
 * characters. A NUL character cannot be stored in text and is refused.
 */
function literal(value: PreparedParam): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `'${String(value)}'`;
  }
  if (value.includes("\0")) throw new Error("a NUL character cannot be stored");
  return `'${value.replaceAll("'", "''")}'`;
}
