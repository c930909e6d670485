/**
 * The rows of `db.execute(…)`, whichever driver ran it: postgres-js answers an array of rows,
 * PGlite (like node-postgres) an object with `rows`. The one place that knows the difference.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] } | null)?.rows ?? []) as T[];
}
