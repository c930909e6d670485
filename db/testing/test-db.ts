/**
 * The database of one integration test file: the worker's own PostgreSQL database, or a
 * fresh in-memory PGlite, both fully migrated. `useTestDb()` gives every test an empty one (or
 * one with the demo data).
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { seedDemo } from "../../seeds/seed";
import { createDb, type DbHandle } from "../client";
import { runMigrations } from "../migrate";
import { rowsOf } from "../rows";
import {
  SEEDED_TEMPLATE_DB,
  TEMPLATE_DB,
  TEST_PG_ADMIN_URL,
  testDriver,
  urlForDatabase,
  workerDbName,
} from "./env";

const workerDb = () => workerDbName(process.env.VITEST_POOL_ID ?? "1");

export function workerDatabaseUrl() {
  return urlForDatabase(workerDb());
}

/**
 * PostgreSQL: makes this worker's database again as a copy of a template made once per run
 * (global-setup.ts), migrated or with the demo data too. Much faster than emptying every table
 * and seeding. Whatever is still connected to it is cut off.
 */
export async function cloneWorkerDb(from: "migrated" | "seeded") {
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${workerDb()} with (force)`);
    await admin.unsafe(
      `create database ${workerDb()} template ${from === "seeded" ? SEEDED_TEMPLATE_DB : TEMPLATE_DB}`,
    );
  } finally {
    await admin.end();
  }
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

/**
 * The file's database, fresh for each test: empty (migrated), or with the demo data when
 * `seeded`. On PostgreSQL each test gets a new copy of the run's template; on PGlite the file's
 * in-memory database is emptied (and seeded) before each test.
 */
export function useTestDb(options: { seeded?: boolean } = {}) {
  const ref = {} as { handle: DbHandle };
  const postgresDriver = testDriver() === "postgres";
  beforeAll(async () => {
    if (!postgresDriver) ref.handle = await openTestDb();
  });
  beforeEach(async () => {
    if (postgresDriver) {
      await ref.handle?.close();
      await cloneWorkerDb(options.seeded ? "seeded" : "migrated");
      ref.handle = await openTestDb();
    } else {
      await resetDb(ref.handle);
      if (options.seeded) await seedDemo(ref.handle.db);
    }
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
