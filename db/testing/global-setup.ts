/**
 * Integration global setup. On PostgreSQL: migrate a template database once, copy it into a
 * second template with the demo data, and clone one database per worker from the first (tests
 * then make their worker's database again from either template: test-db.ts). On PGlite: dump a
 * migrated and a seeded database once, for every test database and server to start from.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../../seeds/seed";
import { createDb } from "../client";
import { runMigrations } from "../migrate";
import {
  SEEDED_TEMPLATE_DB,
  TEMPLATE_DB,
  TEST_PG_ADMIN_URL,
  testDriver,
  urlForDatabase,
  workerDbName,
} from "./env";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite dumps made once per run: migrated, and migrated + demo data (files). */
    pgliteSnapshots: { migrated: string; seeded: string } | null;
  }
}

export default async function setup({ provide }: TestProject) {
  if (testDriver() === "pglite") {
    provide("pgliteSnapshots", await pgliteSnapshots());
    return;
  }
  provide("pgliteSnapshots", null);
  const workers = Number(process.env.INTEGRATION_WORKERS ?? 2);
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
    const handle = await createDb({ databaseUrl: urlForDatabase(TEMPLATE_DB), maxConnections: 1 });
    await runMigrations(handle);
    await handle.close();
    await admin.unsafe(`drop database if exists ${SEEDED_TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${SEEDED_TEMPLATE_DB} template ${TEMPLATE_DB}`);
    const seeded = await createDb({
      databaseUrl: urlForDatabase(SEEDED_TEMPLATE_DB),
      maxConnections: 1,
    });
    await seedDemo(seeded.db);
    await seeded.close();
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

/**
 * Every PGlite test database and test server starts from a dump instead of initdb, migrations
 * and seeding: the dumps are made here once per run.
 */
async function pgliteSnapshots() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-pglite-snap-"));
  const handle = await createDb({ pgliteDataDir: "memory://" });
  const write = async (name: string) => {
    const file = path.join(dir, `${name}.tar`);
    fs.writeFileSync(file, Buffer.from(await (await handle.snapshot!()).arrayBuffer()));
    return file;
  };
  try {
    await runMigrations(handle);
    const migrated = await write("migrated");
    await seedDemo(handle.db);
    const seeded = await write("seeded");
    return { migrated, seeded };
  } finally {
    await handle.close();
  }
}
