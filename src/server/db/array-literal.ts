/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) of `values`, sent as one text
 * parameter and cast in SQL (`${arrayLiteral(ids)}::uuid[]`): a bulk statement
 * then carries thousands of rows in a few parameters, whatever the driver.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const items = values.map((v) => {
    if (v === null) return "NULL";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
      return String(v);
    }
    return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${items.join(",")}}`;
}
