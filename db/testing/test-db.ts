/**
 * The database of one integration test file: the worker's own PostgreSQL database, or a
 * fresh in-memory PGlite, both fully migrated. `reset()` empties every table between tests.
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { createDb, type DbHandle } from "../client";
import { runMigrations } from "../migrate";
import { rowsOf } from "../rows";
import { testDriver, urlForDatabase, workerDbName } from "./env";

export function workerDatabaseUrl() {
  const id = process.env.VITEST_POOL_ID ?? "1";
  return urlForDatabase(workerDbName(id));
}

export async function openTestDb(): Promise<DbHandle> {
  if (testDriver() === "postgres") {
    return createDb({ databaseUrl: workerDatabaseUrl(), maxConnections: 10 });
  }
  const snapshot = pgliteSnapshot("migrated");
  const handle = await createDb({ pgliteDataDir: "memory://", pgliteSnapshot: snapshot });
  if (!snapshot) await runMigrations(handle);
  return handle;
}

/** The run's PGlite dump (global-setup.ts), when the suite runs under it. */
export function pgliteSnapshot(kind: "migrated" | "seeded"): Blob | undefined {
  const files = inject("pgliteSnapshots");
  if (!files) return undefined;
  return new Blob([fs.readFileSync(files[kind])]);
}

export async function resetDb(handle: DbHandle) {
  const rows = await handle.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const tables = rowsOf<{ tablename: string }>(rows).map((r) => `"public"."${r.tablename}"`);
  if (!tables.length) return;
  // audit_log refuses TRUNCATE by trigger; the tests' owner role may switch it off for a reset.
  const audit = tables.includes(`"public"."audit_log"`);
  await handle.db.transaction(async (tx) => {
    if (audit) await tx.execute(sql.raw(`alter table "audit_log" disable trigger user`));
    await tx.execute(sql.raw(`truncate ${tables.join(", ")} restart identity cascade`));
    if (audit) await tx.execute(sql.raw(`alter table "audit_log" enable trigger user`));
  });
}

/** Opens the file's database before its tests, empties it before each, closes it after. */
export function useTestDb() {
  const ref = {} as { handle: DbHandle };
  beforeAll(async () => {
    ref.handle = await openTestDb();
  });
  beforeEach(async () => {
    await resetDb(ref.handle);
  });
  afterAll(async () => {
    await ref.handle?.close();
  });
  return {
    get handle() {
      return ref.handle;
    },
    get db() {
      return ref.handle.db;
    },
  };
}
