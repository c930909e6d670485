/**
 * kill -9 in the middle of the ballot flush. Thousands of sealed envelopes wait while voting is
 * open (sealed as the cast seals them); the built server, started as a process of its own on the same PostgreSQL database, moves
 * them into the ballot table at start (what it does after a crash) in chunks of 2,000, each one
 * transaction, keeping MIN_BATCH back.
 * The test watches the server's database sessions and sends SIGKILL at the moment a flush
 * transaction is writing ballots: first in the first chunk, then in a later one after a chunk
 * has been committed. After each kill the killed transaction must have been rolled back and
 * every ballot be either stored or still pending, exactly once. A last start flushes the rest
 * but MIN_BATCH, a flush after voting closed those; then every envelope has become exactly one
 * ballot with its own choices, the tally equals the choices cast, and the audit chain (one
 * `ballot.flush` entry per committed chunk) verifies.
 *
 * PostgreSQL only: PGlite is a database inside the process that opened it (one process, guarded
 * by the data-folder lock), so no second process can open it while the server flushes, neither
 * to see the flush's transaction and time the kill on it, nor to flush alongside. Killing a
 * process that holds PGlite kills the database with it; that crash is covered by
 * app/server/live.int.test.ts › "a real crash", which runs on both drivers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../db/rows";
import { auditLog, ballotEnvelopes, competitions } from "../../db/schema";
import { testDriver } from "../../db/testing/env";
import { useTestDb, workerDatabaseUrl } from "../../db/testing/test-db";
import { seedDemo } from "../../seeds/seed";
import { sealAuditLog, verifyAuditLog } from "./audit.server";
import { flushBallots, MIN_BATCH, registerBallotKey, sealEnvelope } from "./ballot-box.server";
import { computeTally, getBallot, receiptHash } from "./ballot.server";

const t = useTestDb();

/** The server's SESSION_SECRET: the test seals with the key the server derives from it. */
const SECRET = "ballot-flush-kill-test-secret-0123456789";
/** Three flush chunks of 2,000. */
const TOTAL = 6000;

function startServer(dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: workerDatabaseUrl(),
    SESSION_SECRET: SECRET,
    SEED_DEMO: "never",
  };
  delete env.REDIS_URL;
  delete env.DATABASE_OWNER_URL;
  const child = spawn(process.execPath, ["server-build/index.js"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes("listening on")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) =>
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  listening.catch(() => {});
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, listening, exited, output: () => output };
}

async function kill(child: ChildProcess, exited: Promise<void>) {
  child.kill("SIGKILL");
  await exited;
}

describe.runIf(testDriver() === "postgres")("kill -9 during the ballot flush", () => {
  it("every envelope becomes exactly one ballot, with its choices, across SIGKILLs mid-write", async () => {
    // 1. Thousands of ballots pending as sealed envelopes.
    await seedDemo(t.db);
    const [c] = await t.db.select().from(competitions);
    const competitionId = c!.id;
    await t.db
      .update(competitions)
      .set({
        phase: "voting",
        votingOpensAt: new Date(Date.now() - 3600_000),
        votingClosesAt: new Date(Date.now() + 3600_000),
      })
      .where(eq(competitions.id, competitionId));
    const ids = (await getBallot(t.db, competitionId, true))!.projects.map((p) => p.id);
    registerBallotKey(t.db, SECRET);
    const watcher = postgres(workerDatabaseUrl(), {
      max: 1,
      onnotice: () => {},
      connection: { application_name: "kill-test-watcher" },
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-flush-kill-"));
    let server: ReturnType<typeof startServer> | undefined;
    try {
      const expected = new Map<string, number[]>(); // receipt hash → sorted choices
      const perProject = new Map<number, number>(ids.map((id) => [id, 0]));
      // Sealed exactly as castBallot seals them (that path, token and window checks included, is
      // pinned by ballot.int.test.ts); written here in bulk, since the flush is what is tested.
      for (let n = 0; n < TOTAL; n += 500) {
        const rows = await Promise.all(
          Array.from({ length: Math.min(500, TOTAL - n) }, async (_, j) => {
            const k = n + j;
            // One to three projects, varying with the ballot.
            const picks = [k, k * 7 + 1, k * 13 + 2].slice(0, 1 + (k % 3));
            const choices = [...new Set(picks.map((x) => ids[x % ids.length]!))].sort(
              (x, y) => x - y,
            );
            const hash = receiptHash(randomBytes(16).toString("base64url"));
            expect(expected.has(hash)).toBe(false);
            expected.set(hash, choices);
            for (const id of choices) perProject.set(id, perProject.get(id)! + 1);
            const envelope = await sealEnvelope(t.db, { receiptHash: hash, choices });
            return { competitionId, ...envelope };
          }),
        );
        await t.db.insert(ballotEnvelopes).values(rows);
      }
      expect(expected.size).toBe(TOTAL);
      expect(await t.db.select({ id: ballotEnvelopes.id }).from(ballotEnvelopes)).toHaveLength(
        TOTAL,
      );
      // Voting is still open: a start flushes them 2,000 a transaction, keeping MIN_BATCH back.

      const counts = async () => {
        const [r] = await watcher<[{ ballots: number; distinct: number; envelopes: number }]>`
          select (select count(*)::int from ballots) as ballots,
                 (select count(distinct receipt_hash)::int from ballots) as distinct,
                 (select count(*)::int from ballot_envelopes) as envelopes`;
        return r;
      };

      /**
       * Starts the server and kills it with SIGKILL as soon as one of its sessions is inside a
       * flush transaction that is writing ballots (a transaction that has deleted envelopes,
       * still holds that lock, and runs or has just run an insert into `ballots`, with the
       * choices still to write: the kill lands well before its commit), once at least
       * `committedFirst` ballots are stored. Returns the killed transaction's full id.
       */
      const killMidFlush = async (committedFirst: number) => {
        server = startServer(dataDir);
        const started = Date.now();
        for (;;) {
          if (server.child.exitCode !== null || server.child.signalCode !== null)
            throw new Error(`the server stopped before the kill:\n${server.output()}`);
          if (Date.now() - started > 90_000)
            throw new Error(`no flush transaction seen writing:\n${server.output()}`);
          const [writing] = await watcher<[{ pid: number; xid: string } | undefined]>`
            select a.pid, ((txid_snapshot_xmax(txid_current_snapshot()) >> 32) << 32)
                     + a.backend_xid::text::bigint as xid
            from pg_stat_activity a
            where a.datname = current_database() and a.application_name = 'roadshow'
              and a.backend_xid is not null and a.query ilike 'insert into "ballots"%'
              and exists (select 1 from pg_locks l where l.pid = a.pid and l.granted
                and l.relation = 'ballot_envelopes'::regclass and l.mode = 'RowExclusiveLock')
              and (select count(*) from ballots) >= ${committedFirst}
            limit 1`;
          if (writing) {
            await kill(server.child, server.exited);
            // The killed session's backend ends once it notices its client is gone.
            for (let i = 0; ; i++) {
              const [left] =
                await watcher`select 1 from pg_stat_activity where pid = ${writing.pid}`;
              if (!left) break;
              if (i > 1000) throw new Error("the killed server's session did not end");
              await new Promise((r) => setTimeout(r, 10));
            }
            return writing.xid;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
      };

      /** Nothing lost or doubled at any moment: each ballot stored once or still pending. */
      const expectExactlyOnce = async () => {
        const now = await counts();
        expect(now.distinct).toBe(now.ballots);
        expect(now.ballots + now.envelopes).toBe(TOTAL);
        return now;
      };

      // 2. SIGKILL while the first chunk is being written: it is rolled back whole.
      const first = await killMidFlush(0);
      const [s1] = await watcher`select txid_status(${first}::bigint) as status`;
      expect(s1!.status, "the kill landed after the first chunk committed").toBe("aborted");
      const afterFirst = await expectExactlyOnce();
      expect(afterFirst.ballots).toBe(0);

      // 3. SIGKILL while a later chunk is being written, after one or more were committed.
      const second = await killMidFlush(1);
      const [s2] = await watcher`select txid_status(${second}::bigint) as status`;
      expect(s2!.status, "the kill landed after the chunk committed").toBe("aborted");
      const afterSecond = await expectExactlyOnce();
      expect(afterSecond.ballots).toBeGreaterThan(0);
      expect(afterSecond.envelopes).toBeGreaterThan(0);

      // 4. A new start flushes the rest (before it listens) but MIN_BATCH, kept back while
      //    voting is open; once it has closed, a flush moves those too, and then nothing is left.
      server = startServer(dataDir);
      await server.listening;
      server.child.kill("SIGTERM");
      await server.exited;
      server = undefined;
      expect(await expectExactlyOnce()).toMatchObject({ envelopes: MIN_BATCH });
      await t.db
        .update(competitions)
        .set({ votingClosesAt: new Date(Date.now() - 1000) })
        .where(eq(competitions.id, competitionId));
      expect(await flushBallots(t.db)).toBe(MIN_BATCH);
      expect(await flushBallots(t.db, { minBatch: 0 })).toBe(0);

      // Every envelope became exactly one ballot, holding the choices it was cast with.
      expect(await expectExactlyOnce()).toMatchObject({ ballots: TOTAL, envelopes: 0 });
      const stored = rowsOf<{ receipt_hash: string; choices: number[] | string }>(
        await t.db.execute(sql`
          select b.receipt_hash, array_agg(c.proposal_id order by c.proposal_id) as choices
          from ballots b left join ballot_choices c on c.ballot_id = b.id
          where b.competition_id = ${competitionId} group by b.id, b.receipt_hash`),
      );
      expect(stored).toHaveLength(TOTAL);
      for (const b of stored) {
        const choices = Array.isArray(b.choices)
          ? b.choices.map(Number)
          : b.choices.replace(/[{}]/g, "").split(",").map(Number);
        expect(choices, `ballot ${b.receipt_hash.slice(0, 8)}`).toEqual(
          expected.get(b.receipt_hash),
        );
      }
      // The tally equals the choices cast.
      const tally = (await computeTally(t.db, competitionId))!;
      expect(tally.ballotsOnline).toBe(TOTAL);
      expect(Object.fromEntries(tally.projects.map((p) => [p.id, p.online]))).toEqual(
        Object.fromEntries(perProject),
      );
      // Only committed chunks left an audit entry, and the chain is whole.
      const flushes = await t.db.select().from(auditLog).where(eq(auditLog.action, "ballot.flush"));
      expect(flushes.reduce((n, f) => n + (f.payload as { ballots: number }).ballots, 0)).toBe(
        TOTAL,
      );
      await sealAuditLog(t.db);
      expect((await verifyAuditLog(t.db)).ok).toBe(true);
    } finally {
      if (server) await kill(server.child, server.exited);
      await watcher.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
      delete (t.db as unknown as Record<symbol, unknown>)[Symbol.for("roadshow.ballotKey")];
    }
  }, 300_000);
});
