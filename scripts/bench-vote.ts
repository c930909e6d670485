/**
 * npm run bench:vote — thousands of residents voting at once, against the real server on real
 * PostgreSQL. Creates a fresh database, seeds the demo competition, opens voting, issues N ballot
 * tokens, starts the built server (server-build/) as its own process, and drives concurrent
 * voters through POST /api/ballots/<token>. A share of tokens is sent twice at the same time
 * (double clicks, retries). Prints votes per second, latency percentiles, and whether the stored
 * ballots equal the acknowledged ones.
 *
 *   VOTES=20000 CONCURRENCY=32 DUPLICATES=0.05 [BENCH_PATH=api|form] npm run bench:vote
 *   BENCH_PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (default)
 */
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { getBallot, issueBatch } from "../app/models/ballot.server";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { ballotEnvelopes, ballots, competitions } from "../db/schema";
import { seedDemo } from "../seeds/seed";

const VOTES = Number(process.env.VOTES ?? 20_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
/** api: POST /api/ballots/<token> (JSON); form: the page's own confirm post to /v/<token> (302). */
const PATH = process.env.BENCH_PATH === "form" ? "form" : "api";
const DUPLICATES = Number(process.env.DUPLICATES ?? 0.05);
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "roadshow_bench";

const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

// ── Prepare the database ────────────────────────────────────────────────────────────────
log(`preparing ${DB_NAME} …`);
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
await admin.unsafe(`create database ${DB_NAME}`);
await admin.end();

const handle = await createDb({ databaseUrl: dbUrl, maxConnections: 4 });
await runMigrations(handle);
await seedDemo(handle.db);
const [competition] = await handle.db.select().from(competitions);
await handle.db
  .update(competitions)
  .set({
    phase: "voting",
    votingOpensAt: new Date(Date.now() - 3600_000),
    votingClosesAt: new Date(Date.now() + 3600_000),
  })
  .where(eq(competitions.id, competition!.id));
const projectIds = (await getBallot(handle.db, competition!.id, true))!.projects.map((p) => p.id);
const tokens: string[] = [];
for (let left = VOTES; left > 0; left -= 5000) {
  const { tokens: batch } = await issueBatch(
    handle.db,
    { userId: null, label: "bench" },
    {
      competitionId: competition!.id,
      name: `bench ${tokens.length}`,
      communityId: null,
      count: Math.min(5000, left),
    },
  );
  tokens.push(...batch.map((t) => t.token));
}
log(`issued ${tokens.length} tokens`);

// ── Start the server ────────────────────────────────────────────────────────────────────
const port = await freePort();
const server = spawn(
  process.execPath,
  [...(process.env.BENCH_SERVER_ARGS?.split(" ").filter(Boolean) ?? []), "server-build/index.js"],
  {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: dbUrl,
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-01",
      SEED_DEMO: "never",
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
await new Promise<void>((resolve, reject) => {
  server.stdout!.on("data", (d: Buffer) => d.toString().includes("listening on") && resolve());
  server.once("exit", (code) => reject(new Error(`server exited ${code}`)));
});
log(
  `server on port ${port}; ${CONCURRENCY} concurrent voters, ${(DUPLICATES * 100).toFixed(0)}% sent twice at once`,
);

// ── Vote ────────────────────────────────────────────────────────────────────────────────
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function vote(token: string): Promise<{ ms: number; status: number; body: string }> {
  const k = 1 + Math.floor(Math.random() * 3);
  const chosen = [...projectIds].sort(() => Math.random() - 0.5).slice(0, k);
  const body =
    chosen.map((id) => `choice=${id}`).join("&") + (PATH === "form" ? "&intent=confirm" : "");
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: PATH === "form" ? `/v/${token}` : `/api/ballots/${token}`,
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (data += c));
        res.on("end", () => {
          // The page answers a recorded vote with a redirect to its receipt (?cast=1), a retry without.
          const location = res.headers.location ?? "";
          const formBody =
            res.statusCode === 302
              ? JSON.stringify({ status: location.endsWith("?cast=1") ? "cast" : "already" })
              : data;
          resolve({
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            status: PATH === "form" && res.statusCode === 302 ? 200 : (res.statusCode ?? 0),
            body: PATH === "form" ? formBody : data,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const work: string[][] = tokens.map((t) => (Math.random() < DUPLICATES ? [t, t] : [t]));
const latencies: number[] = [];
let acknowledged = 0;
let already = 0;
let failures = 0;
let next = 0;
const t0 = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      const i = next++;
      if (i >= work.length) return;
      const results = await Promise.all(work[i]!.map(vote));
      for (const r of results) {
        latencies.push(r.ms);
        const parsed = r.status === 200 ? (JSON.parse(r.body) as { status: string }) : null;
        if (parsed?.status === "cast") acknowledged++;
        else if (parsed?.status === "already") already++;
        else failures++;
      }
    }
  }),
);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
agent.destroy();

// Stored ballots plus those still sealed in envelopes (the server flushes them in batches).
const [{ stored }] = (await handle.db
  .select({
    stored: sql<number>`(select count(*) from ${ballots})::int + (select count(*) from ${ballotEnvelopes})::int`,
  })
  .from(sql`(select 1) as one`)) as [{ stored: number }];
await handle.close();

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
const requests = latencies.length;
console.log(
  `bench:vote — ${PATH === "api" ? "POST /api/ballots/<token>" : "the voting page's confirm post, POST /v/<token>"}; ${tokens.length} tokens, ${requests} requests (${requests - tokens.length} duplicates), ${CONCURRENCY} concurrent, real PostgreSQL`,
);
console.log(
  `throughput  ${(acknowledged / seconds).toFixed(0)} ballots/s   (${(requests / seconds).toFixed(0)} requests/s, ${seconds.toFixed(2)} s)`,
);
console.log(
  `latency     p50 ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   p99 ${pct(99).toFixed(1)} ms   max ${latencies[latencies.length - 1]!.toFixed(1)} ms`,
);
console.log(
  `ballots     acknowledged ${acknowledged}   stored ${stored}   retries answered "already" ${already}   failures ${failures}`,
);
console.log(
  stored === acknowledged && acknowledged === tokens.length && failures === 0
    ? "OK: every token voted exactly once; nothing lost, nothing duplicated"
    : "MISMATCH: see the figures above",
);
process.exit(stored === acknowledged && failures === 0 ? 0 : 1);
