/**
 * npm run db:seed — creates the demo data (idempotent). Refuses on a production PostgreSQL
 * unless SEED_DEMO=always says so explicitly.
 */
import path from "node:path";
import { parseConfig, shouldSeedDemo } from "../app/env.server";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { existingDemoAccounts, formatDemoAccounts, seedDemo } from "../seeds/seed";

const config = parseConfig(process.env);
if (!shouldSeedDemo(config)) {
  console.error(
    "Refusing to create demo accounts in production on a real PostgreSQL. Set SEED_DEMO=always to insist.",
  );
  process.exit(1);
}
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
try {
  await runMigrations(handle);
  const { created } = await seedDemo(handle.db);
  console.log(
    created > 0
      ? `Seeded demo data (${created} accounts created).`
      : "Demo data already present; nothing changed.",
  );
  console.log(formatDemoAccounts(await existingDemoAccounts(handle.db)));
} finally {
  await handle.close();
}
