/**
 * No log line carries a query's bound values: statements are made to fail (a trigger refuses
 * them) on the vote path and on a password change, and everything logged is read back; and
 * LOG_QUERIES prints SQL text only.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "../../db/client";
import { describeError } from "../../db/log-safe";
import { competitions, users } from "../../db/schema";
import { testDriver } from "../../db/testing/env";
import { workerDatabaseUrl } from "../../db/testing/test-db";
import { getBallot, issueBatch, receiptFor, receiptHash, tokenHash } from "../models/ballot.server";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer();
  await server.services.db.execute(sql`
    create or replace function rs_test_refuse() returns trigger language plpgsql as $$
    begin raise exception 'refused by the test'; end $$`);
});
afterAll(async () => {
  await server?.services.db.execute(sql`drop function if exists rs_test_refuse() cascade`);
  await server?.close();
});

/** Runs `work` with every table in `tables` refusing `event`, and returns what was logged. */
async function logsWhileRefusing(tables: string[], event: string, work: () => Promise<void>) {
  const db = server.services.db;
  for (const t of tables)
    await db.execute(
      sql.raw(
        `create trigger rs_test_refuse before ${event} on ${t} for each row execute function rs_test_refuse()`,
      ),
    );
  const lines: string[] = [];
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const error = vi.spyOn(console, "error").mockImplementation(capture);
  const log = vi.spyOn(console, "log").mockImplementation(capture);
  const warn = vi.spyOn(console, "warn").mockImplementation(capture);
  try {
    await work();
  } finally {
    error.mockRestore();
    log.mockRestore();
    warn.mockRestore();
    for (const t of tables) await db.execute(sql.raw(`drop trigger rs_test_refuse on ${t}`));
  }
  return lines.join("\n");
}

describe("logs of a failing query", () => {
  it("on the vote path name the statement, never the token, its hash or the receipt", async () => {
    const db = server.services.db;
    const [c] = await db.select().from(competitions);
    await db
      .update(competitions)
      .set({
        phase: "voting",
        votingOpensAt: new Date(Date.now() - 3600_000),
        votingClosesAt: new Date(Date.now() + 3600_000),
      })
      .where(eq(competitions.id, c!.id));
    const projectId = (await getBallot(db, c!.id, true))!.projects[0]!.id;
    const [admin] = await db.select().from(users).where(eq(users.username, "admin"));
    const { tokens } = await issueBatch(
      db,
      { userId: admin!.id, label: "test" },
      { competitionId: c!.id, name: "日志测试", communityId: null, count: 1 },
    );
    const token = tokens[0]!.token;
    const receipt = await receiptFor(db, token);

    const logs = await logsWhileRefusing(
      ["ballot_tokens", "ballots"],
      "insert or update",
      async () => {
        const res = await fetch(`${server.url}/api/ballots/${token}`, {
          method: "POST",
          body: new URLSearchParams({ choice: String(projectId) }),
        });
        expect(res.status).toBe(500);
      },
    );
    expect(logs).toContain("[vote api]");
    expect(logs).toContain("query failed:");
    expect(logs).toContain("refused by the test");
    for (const secret of [token, tokenHash(token), receipt, receiptHash(receipt), "params:"])
      expect(logs).not.toContain(secret);
  });

  it("through Remix name the statement, never the password hash", async () => {
    const judge = new Browser(server.url);
    await judge.login("judge3");
    const logs = await logsWhileRefusing(["users"], "update", async () => {
      const res = await judge.post("/me/password", {
        current: "huashan2026",
        password: "a-new-long-password",
        confirm: "a-new-long-password",
      });
      expect(res.status).toBe(500);
    });
    expect(logs).toContain("[remix]");
    expect(logs).toContain('query failed: update "users" set "password_hash" = $1');
    expect(logs).not.toContain("$argon2");
    expect(logs).not.toContain("params:");
  });
});

describe("LOG_QUERIES", () => {
  it("prints SQL text, never parameters", async () => {
    const handle = await createDb(
      testDriver() === "postgres"
        ? { databaseUrl: workerDatabaseUrl(), logQueries: true, maxConnections: 1 }
        : { pgliteDataDir: "memory://", logQueries: true },
    );
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...a) => void lines.push(a.join(" ")));
    let failure: unknown;
    try {
      await handle.db.execute(sql`select ${"13800138000"}::text as phone`);
      // PostgreSQL quotes the value in a data exception's message ('… integer: "1380…"').
      failure = await handle.db.execute(sql`select ${"13800138000x"}::int`).catch((e) => e);
    } finally {
      log.mockRestore();
      await handle.close();
    }
    expect(lines.join("\n")).toContain("[sql] select $1::text as phone");
    expect(lines.join("\n")).not.toContain("13800138000");
    const described = describeError(failure);
    expect(described).toContain("query failed: select $1::int");
    expect(described).toMatch(/ 22[0-9A-Z]{3}: data exception/);
    expect(described).not.toContain("13800138000");
  });
});
