/**
 * Integration global setup. On PostgreSQL: migrate a template database once, then clone one
 * database per worker from it. On PGlite: nothing to do (each test file starts its own
 * in-memory database).
 */
import postgres from "postgres";
import { createDb } from "../client";
import { runMigrations } from "../migrate";
import { TEMPLATE_DB, TEST_PG_ADMIN_URL, testDriver, urlForDatabase, workerDbName } from "./env";

export default async function setup() {
  if (testDriver() !== "postgres") return;
  const workers = Number(process.env.INTEGRATION_WORKERS ?? 2);
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
    const handle = await createDb({ databaseUrl: urlForDatabase(TEMPLATE_DB), maxConnections: 1 });
    await runMigrations(handle);
    await handle.close();
    // Vitest numbers pool workers from 1; clone a few spare in case it uses more.
    for (let i = 1; i <= workers + 2; i++) {
      const name = workerDbName(i);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    }
  } finally {
    await admin.end();
  }
}
