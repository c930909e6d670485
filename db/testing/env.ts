/** Which database the integration suite runs on: TEST_DB=postgres (default) or pglite. */
type TestDriver = "postgres" | "pglite";

export function testDriver(): TestDriver {
  const value = process.env.TEST_DB ?? "postgres";
  if (value !== "postgres" && value !== "pglite")
    throw new Error(`TEST_DB must be postgres or pglite, not ${value}`);
  return value;
}

/** The server to create test databases on (maintenance database). */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Prefix of the test databases; lets several checkouts test on one server at once. */
const PREFIX = process.env.TEST_DB_PREFIX ?? "roadshow_test";

/** Migrated once per run (global-setup.ts); the worker databases are copies of it. */
export const TEMPLATE_DB = `${PREFIX}_template`;
/** The same with the demo data: test servers start on a copy of it. */
export const SEEDED_TEMPLATE_DB = `${PREFIX}_seeded`;

export function workerDbName(workerId: number | string) {
  return `${PREFIX}_w${workerId}`;
}

export function urlForDatabase(name: string) {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
