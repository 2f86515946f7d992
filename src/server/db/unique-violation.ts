/** True for PostgreSQL's unique violation (23505), as node-postgres and PGlite throw it (or wrap it). */
export const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string }).code === "23505" ||
  (error as { cause?: { code?: string } }).cause?.code === "23505";
