/**
 * What a log may say about a database error or a query: never a bound value. Query parameters
 * carry token hashes, receipt hashes, password hashes, phone numbers; so do some PostgreSQL
 * error fields (`detail`: "Key (receipt_hash)=(…) already exists", `where`, and the message of
 * a data exception: 'invalid input syntax for type integer: "…"').
 *
 * A failing drizzle query is logged as its SQL text (placeholders $1, $2…, no values), the
 * SQLSTATE code, the names of the constraint/table/column involved and the PostgreSQL message
 * unless it is a data exception (class 22), plus the stack frames. Every server log line
 * about an error goes through describeError.
 */
import { DrizzleQueryError } from "drizzle-orm/errors";
import type { Logger } from "drizzle-orm/logger";

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  table?: unknown;
  table_name?: unknown;
  column?: unknown;
  column_name?: unknown;
}

/** An error as one safe, multi-line log entry. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    lines.push((depth ? "caused by: " : "") + describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const frames = error instanceof Error ? stackFrames(error) : "";
  return frames ? `${lines.join("\n")}\n${frames}` : lines.join("\n");
}

function describeOne(error: unknown): string {
  if (error instanceof DrizzleQueryError) return `query failed: ${oneLine(error.query)}`;
  if (!(error instanceof Error)) return `thrown: ${typeof error}`;
  const fields = error as Error & PgErrorFields;
  // PostgreSQL's (postgres.js and PGlite; PGlite's also carry the query and its params).
  if (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) {
    const names = [
      ["constraint", fields.constraint ?? fields.constraint_name],
      ["table", fields.table ?? fields.table_name],
      ["column", fields.column ?? fields.column_name],
    ]
      .filter(([, v]) => typeof v === "string" && v)
      .map(([k, v]) => `${k as string} ${v as string}`);
    // Class 22 (data exception) messages quote the offending value.
    const message = fields.code.startsWith("22") ? "data exception" : error.message;
    return [`${error.name} ${fields.code}: ${message}`, ...names].join("; ");
  }
  if (isQueryError(error)) return `query failed: ${oneLine(error.query)}`;
  return `${error.name}: ${error.message}`;
}

/** A query error from another copy of drizzle-orm (instanceof fails across copies). */
function isQueryError(error: Error): error is Error & { query: string } {
  const e = error as { query?: unknown; params?: unknown };
  return typeof e.query === "string" && Array.isArray(e.params);
}

/** The "at …" lines of a stack, without its first line (which repeats the message). */
function stackFrames(error: Error) {
  return (error.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .join("\n");
}

function oneLine(sql: string) {
  return sql.replace(/\s+/g, " ").trim();
}

/** LOG_QUERIES: the SQL text of each query, never its parameters. */
export const sqlTextLogger: Logger = {
  logQuery(query: string) {
    console.log(`[sql] ${oneLine(query)}`);
  },
};
