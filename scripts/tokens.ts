/**
 * npm run tokens -- --competition <id> --count N [--batch NAME] [--community <name>] [--format token|url|csv] [--base URL]
 * Issues N single-use ballot tokens and prints them, one per line (they are not stored: print them now).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { toCsv } from "../app/domain/csv";
import { parseConfig } from "../app/env.server";
import { registerBallotKey } from "../app/models/ballot-box.server";
import { issueBatch, MAX_BATCH } from "../app/models/ballot.server";
import { loadOrCreateSessionSecret } from "../app/server/secret.server";
import { createDb } from "../db/client";
import { describeError } from "../db/log-safe";
import { migrationsFolder, runMigrations } from "../db/migrate";
import { communities, competitions } from "../db/schema";

const { values } = parseArgs({
  options: {
    competition: { type: "string" },
    count: { type: "string" },
    batch: { type: "string" },
    community: { type: "string" },
    format: { type: "string", default: "token" },
    base: { type: "string" },
  },
});
const competitionId = Number(values.competition);
const count = Number(values.count);
if (
  !Number.isSafeInteger(competitionId) ||
  !Number.isSafeInteger(count) ||
  count < 1 ||
  count > MAX_BATCH
) {
  console.error(
    `usage: npm run tokens -- --competition <id> --count <1..${MAX_BATCH}> [--batch NAME] [--community NAME] [--format token|url|csv] [--base URL]`,
  );
  process.exit(64);
}
const config = parseConfig(process.env);
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
// Cards are sealed with the server's ballot key (from SESSION_SECRET or the data folder's secret),
// never with a key kept in the database: the server must open them, a database reader must not.
registerBallotKey(handle.db, config.sessionSecret ?? loadOrCreateSessionSecret(config.dataDir));
try {
  await runMigrations(handle, migrationsFolder());
  const [competition] = await handle.db
    .select()
    .from(competitions)
    .where(eq(competitions.id, competitionId));
  if (!competition) throw new Error(`no competition ${competitionId}`);
  let communityId: number | null = null;
  if (values.community) {
    const [c] = await handle.db
      .select()
      .from(communities)
      .where(eq(communities.name, values.community));
    if (!c) throw new Error(`no community ${values.community}`);
    communityId = c.id;
  }
  const name = values.batch ?? `命令行 ${new Date().toISOString().slice(0, 16)}`;
  const { tokens } = await issueBatch(
    handle.db,
    { userId: null, label: "cli tokens" },
    { competitionId, name, communityId, count },
  );
  const base = (values.base ?? config.publicUrl ?? `http://localhost:${config.port}`).replace(
    /\/$/,
    "",
  );
  if (values.format === "csv") {
    process.stdout.write(
      toCsv(
        ["token", "url", "check_code", "batch", "typed_code"],
        tokens.map((t) => [t.token, `${base}/v/${t.token}`, t.checkCode, name, t.typedCode]),
      ),
    );
  } else {
    for (const t of tokens) console.log(values.format === "url" ? `${base}/v/${t.token}` : t.token);
  }
} catch (error) {
  // Never the error as such: a failed query's message carries its parameters (hashes, phones).
  console.error(describeError(error));
  process.exitCode = 1;
} finally {
  await handle.close();
}
