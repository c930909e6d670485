/**
 * The one database client factory. `DATABASE_URL` set → real PostgreSQL through `postgres`;
 * otherwise embedded PostgreSQL (PGlite) persisted in a data folder. Same schema, same
 * migrations, same queries on both. Nothing here runs at import time.
 */
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql, type ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { lockDataDir } from "./data-dir-lock";
import { sqlTextLogger } from "./log-safe";
import * as schema from "./schema";

export { DataDirInUseError } from "./data-dir-lock";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Data functions accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;
export type DbDriver = "postgres" | "pglite";

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  /** Where the embedded data lives (pglite only). */
  dataDir?: string;
  /** PGlite only: the whole data folder as a tarball, to start another instance from. */
  snapshot?(): Promise<Blob>;
  /** Resolves when the database answers a trivial query, rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface DbOptions {
  databaseUrl?: string;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  pgliteDataDir?: string;
  /** A PGlite data folder dumped earlier (`dumpDataDir`) to start from instead of initdb. */
  pgliteSnapshot?: Blob;
  /** Max connections in the postgres pool. */
  maxConnections?: number;
  /** Log every SQL statement (its text, never its parameters). */
  logQueries?: boolean;
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl, options);
  return createPglite(options.pgliteDataDir ?? "./data/pglite", options);
}

async function createPostgres(url: string, options: DbOptions): Promise<DbHandle> {
  const { default: pg } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client: postgres.Sql = pg(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connection: { application_name: "roadshow" },
  });
  const db = drizzle(client, {
    schema,
    logger: options.logQueries ? sqlTextLogger : false,
  }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    ping: (timeoutMs = 2000) =>
      withTimeout(
        client`select 1`.then(() => undefined),
        timeoutMs,
      ),
    close: () => client.end({ timeout: 5 }),
  };
}

async function createPglite(dataDir: string, options: DbOptions): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dataDir.startsWith("memory://");
  const resolved = inMemory ? dataDir : path.resolve(dataDir);
  if (!inMemory) fs.mkdirSync(resolved, { recursive: true });
  // PGlite is single-process: a second process on the same folder would corrupt it.
  const release = inMemory ? undefined : await lockDataDir(resolved);
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: inMemory ? undefined : resolved,
      loadDataDir: options.pgliteSnapshot,
    });
  } catch (error) {
    await release?.();
    throw error;
  }
  const db = drizzle(client, {
    schema,
    logger: options.logQueries ? sqlTextLogger : false,
  }) as unknown as Db;
  let closed = false;
  return {
    db,
    driver: "pglite",
    dataDir: inMemory ? undefined : resolved,
    snapshot: () => client.dumpDataDir("none"),
    ping: async (timeoutMs = 2000) => {
      if (closed) throw new Error("database closed");
      await withTimeout(
        db.execute(sql`select 1`).then(() => undefined),
        timeoutMs,
      );
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        await release?.();
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const CONFLICT = new Set(["40001", "40P01", "23505"]);

/**
 * Runs a transaction again (up to `attempts` times) when it lost a race to a concurrent one:
 * serialization failure, deadlock, or a unique key another writer took first. For writes that
 * read before they write (insert-or-update), whose second run then sees the winner's row.
 */
export async function retryConflicts<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !CONFLICT.has(sqlState(error) ?? "")) throw error;
    }
  }
}

function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
