/** Which database the integration suite runs on: TEST_DB=postgres (default) or pglite. */
export type TestDriver = "postgres" | "pglite";

export function testDriver(): TestDriver {
  const value = process.env.TEST_DB ?? "postgres";
  if (value !== "postgres" && value !== "pglite")
    throw new Error(`TEST_DB must be postgres or pglite, not ${value}`);
  return value;
}

/** The server to create test databases on (maintenance database). */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const TEMPLATE_DB = "roadshow_test_template";

export function workerDbName(workerId: number | string) {
  return `roadshow_test_w${workerId}`;
}

export function urlForDatabase(name: string) {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
