/**
 * npm run audit:verify — walks the whole audit hash chain and names the first broken entry.
 * Exit code 0 when intact, 2 when broken. `--no-seal` checks only what is already sealed.
 */
import path from "node:path";
import { parseConfig } from "../app/env.server";
import { verifyAuditLog } from "../app/models/audit.server";
import { createDb } from "../db/client";
import { describeError } from "../db/log-safe";

const config = parseConfig(process.env);
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
try {
  const result = await verifyAuditLog(handle.db, { seal: !process.argv.includes("--no-seal") });
  if (result.ok) {
    console.log(`audit chain OK: ${result.checked} entries, head ${result.head}`);
    if (result.unsealed > 0) console.log(`(${result.unsealed} entries not sealed yet)`);
  } else {
    const b = result.broken!;
    console.error(
      `audit chain BROKEN at entry id=${b.id} seq=${b.seq} (${b.kind}${b.action ? `, action ${b.action}` : ""}${
        b.createdAt ? `, ${b.createdAt}` : ""
      }); ${result.checked} entries before it are intact.`,
    );
    process.exitCode = 2;
  }
} catch (error) {
  // Never the error as such: a failed query's message carries its parameters (hashes, phones).
  console.error(describeError(error));
  process.exitCode = 1;
} finally {
  await handle.close();
}
