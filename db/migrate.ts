/** Runs the committed drizzle-kit migrations (db/migrations) on either driver. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DbHandle } from "./client";

/** db/migrations, whether this module runs from db/ (tsx) or from a bundle in server-build/ or server-build/cli/. */
export function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.ROADSHOW_MIGRATIONS_DIR,
    path.join(here, "migrations"),
    path.join(here, "..", "db", "migrations"),
    path.join(here, "..", "..", "db", "migrations"),
    path.resolve("db", "migrations"),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(path.join(p, "meta", "_journal.json")));
  if (!found) throw new Error(`drizzle migrations not found (looked in ${candidates.join(", ")})`);
  return found;
}

export async function runMigrations(handle: DbHandle, folder = migrationsFolder()) {
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- both drivers share the schema
    await migrate(handle.db as any, { migrationsFolder: folder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder: folder });
  }
}
