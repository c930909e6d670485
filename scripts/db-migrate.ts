/** npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database. */
import path from "node:path";
import { parseConfig } from "../app/env.server";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";

const config = parseConfig(process.env);
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
try {
  await runMigrations(handle);
  console.log(`Migrations applied (${handle.driver}).`);
} finally {
  await handle.close();
}
