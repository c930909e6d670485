/** npm run db:migrate — applies pending migrations to DATABASE_OWNER_URL (else DATABASE_URL) or the embedded database. */
import path from "node:path";
import { parseConfig } from "../app/env.server";
import { createDb } from "../db/client";
import { describeError } from "../db/log-safe";
import { runMigrations } from "../db/migrate";

const config = parseConfig(process.env);
const handle = await createDb({
  databaseUrl: config.databaseOwnerUrl ?? config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
try {
  await runMigrations(handle);
  console.log(`Migrations applied (${handle.driver}).`);
} catch (error) {
  // Never the error as such: a failed query's message carries its parameters (hashes, phones).
  console.error(describeError(error));
  process.exitCode = 1;
} finally {
  await handle.close();
}
