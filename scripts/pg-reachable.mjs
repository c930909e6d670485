// Exit 0 when the PostgreSQL server at the given URL answers, 1 otherwise.
import postgres from "postgres";

const sql = postgres(process.argv[2], { max: 1, connect_timeout: 3, onnotice: () => {} });
try {
  await sql`select 1`;
  await sql.end();
} catch {
  process.exit(1);
}
