/**
 * npm run audit:verify — walks the whole audit hash chain and names the first broken entry.
 * Exit code 0 when intact, 2 when broken, 1 when it could not run. It only reads: it never
 * seals (entries not sealed yet are counted, not blessed). The chain is checked against every
 * head published with a 公示 and against `--head <seq>:<hash>` (repeatable), e.g. one copied
 * from a printed 公示 or the open data, so a chain cut short or rewritten since shows.
 */
import path from "node:path";
import type { ChainHead } from "../app/domain/audit-chain";
import { parseConfig } from "../app/env.server";
import { verifyAuditLog } from "../app/models/audit.server";
import { createDb } from "../db/client";
import { describeError } from "../db/log-safe";

const config = parseConfig(process.env);
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
const heads: ChainHead[] = [];
process.argv.forEach((arg, i) => {
  const value =
    arg === "--head" ? process.argv[i + 1] : arg.startsWith("--head=") ? arg.slice(7) : null;
  if (value == null) return;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (!match) {
    console.error(`--head must be <seq>:<64 hex digits>, got "${value}"`);
    process.exit(1);
  }
  heads.push({ seq: Number(match[1]), hash: match[2]! });
});
try {
  const result = await verifyAuditLog(handle.db, { heads });
  if (result.ok) {
    console.log(
      `audit chain OK: ${result.checked} entries, head ${result.head}, ${result.heads} published heads matched`,
    );
    if (result.unsealed > 0) console.log(`(${result.unsealed} entries not sealed yet)`);
  } else {
    const b = result.broken!;
    console.error(
      `audit chain BROKEN at entry id=${b.id ?? "-"} seq=${b.seq} (${b.kind}${b.action ? `, action ${b.action}` : ""}${
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
