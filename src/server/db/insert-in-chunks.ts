/** Rows per INSERT: large enough to be fast, small enough to stay under PostgreSQL's 65,535 parameters. */
export const CHUNK_ROWS = 1000;

/** Runs `insert` on successive chunks of `rows` and concatenates what each returns. */
export async function insertInChunks<Row, Out>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => Promise<Out[]>,
  chunkRows = CHUNK_ROWS,
): Promise<Out[]> {
  const out: Out[] = [];
  for (let i = 0; i < rows.length; i += chunkRows) {
    out.push(...(await insert(rows.slice(i, i + chunkRows))));
  }
  return out;
}
