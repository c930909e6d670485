import { readFile } from "node:fs/promises";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "../../db/rows";
import {
  auditLog,
  ballotChoices,
  ballotEnvelopes,
  ballots,
  ballotTokens,
  competitions,
  users,
} from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { verifyAuditLog } from "./audit.server";
import { flushBallots, MIN_BATCH, registerBallotKey } from "./ballot-box.server";
import {
  castBallot,
  computeTally,
  getBallot,
  importRegistry,
  issueBatch,
  listBatches,
  lookupToken,
  receiptCounted,
  receiptFor,
  receiptHash,
  tokenForResident,
  tokenHash,
  voidToken,
  voteCounts,
} from "./ballot.server";
import { createStation, enterCount, PaperError, resolveCount } from "./paper.server";
import { actorOf } from "./user.server";

// Every test starts from the demo data.
const t = useTestDb({ seeded: true });

async function open() {
  const [c] = await t.db.select().from(competitions);
  const now = Date.now();
  await t.db
    .update(competitions)
    .set({
      phase: "voting",
      votingOpensAt: new Date(now - 3600_000),
      votingClosesAt: new Date(now + 3600_000),
    })
    .where(eq(competitions.id, c!.id));
  const [admin] = await t.db.select().from(users).where(eq(users.username, "admin"));
  const ballot = (await getBallot(t.db, c!.id, true))!;
  return { competitionId: c!.id, admin: { ...actorOf(admin!), userId: admin!.id }, ballot };
}

async function clerk(username: string) {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return { ...actorOf(u!), userId: u!.id };
}

describe("ballot tokens", () => {
  let s: Awaited<ReturnType<typeof open>>;
  beforeEach(async () => {
    s = await open();
  });

  it("200 concurrent submissions over 100 tokens (each twice) store exactly 100 ballots", async () => {
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "春和一号",
      communityId: null,
      count: 100,
    });
    const ids = s.ballot.projects.map((p) => p.id);
    const submissions = tokens.flatMap(({ token }, i) => {
      const choices = [ids[i % ids.length]!, ids[(i + 1) % ids.length]!];
      return [
        { token, choices },
        { token, choices },
      ];
    });
    const results = await Promise.all(submissions.map((x) => castBallot(t.db, x.token, x.choices)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.status === "cast")).toHaveLength(100);
    expect(results.filter((r) => r.ok && r.status === "already")).toHaveLength(100);
    // A retry gets the very same receipt.
    for (let i = 0; i < results.length; i += 2)
      expect((results[i] as { receipt: string }).receipt).toBe(
        (results[i + 1] as { receipt: string }).receipt,
      );
    // Counted once each while pending (sealed envelopes) …
    const pending = await computeTally(t.db, s.competitionId);
    expect(pending!.ballotsOnline).toBe(100);
    expect(pending!.projects.reduce((sum, p) => sum + p.online, 0)).toBe(200);
    // … and once each after the flush moved them into the ballot table.
    expect(await flushBallots(t.db, { minBatch: 0 })).toBe(100);
    expect(await flushBallots(t.db, { minBatch: 0 })).toBe(0);
    const [{ n }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(ballots)) as [
      { n: number },
    ];
    expect(n).toBe(100);
    const [{ c }] = (await t.db.select({ c: sql<number>`count(*)::int` }).from(ballotChoices)) as [
      { c: number },
    ];
    expect(c).toBe(200);
    expect(await t.db.select().from(ballotEnvelopes)).toHaveLength(0);
    const flushed = await computeTally(t.db, s.competitionId);
    expect(flushed!.ballotsOnline).toBe(100);
    expect(flushed!.projects.map((p) => p.online)).toEqual(pending!.projects.map((p) => p.online));
    // No audit entry per ballot: one per flushed batch, with a count.
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "ballot.cast"))).toEqual(
      [],
    );
    const batches = await t.db.select().from(auditLog).where(eq(auditLog.action, "ballot.flush"));
    expect(batches.reduce((sum, b) => sum + (b.payload as { ballots: number }).ballots, 0)).toBe(
      100,
    );
    expect((await listBatches(t.db, s.competitionId))[0]).toMatchObject({
      issued: 100,
      used: 100,
      void: 0,
    });
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });

  it("refuses void, unknown and malformed tokens, and keeps used ones to their first ballot", async () => {
    const { batch, tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "失卡测试",
      communityId: null,
      count: 3,
    });
    const a = tokens[0]!;
    const b = tokens[1]!;
    // Another competition's page cannot void this competition's cards.
    expect(await voidToken(t.db, s.admin, s.competitionId + 1000, batch.id, a.checkCode, "x")).toBe(
      "notFound",
    );
    expect(
      await voidToken(
        t.db,
        s.admin,
        s.competitionId,
        batch.id,
        a.checkCode.toLowerCase(),
        "卡片遗失",
      ),
    ).toBe("voided");
    const p = s.ballot.projects[0]!.id;
    expect(await castBallot(t.db, a.token, [p])).toEqual({ ok: false, refusal: "void" });
    expect(await castBallot(t.db, "x".repeat(27), [p])).toEqual({ ok: false, refusal: "unknown" });
    expect(await castBallot(t.db, "../../etc/passwd", [p])).toEqual({
      ok: false,
      refusal: "unknown",
    });
    const first = await castBallot(t.db, b.token, [p]);
    const second = await castBallot(t.db, b.token, [s.ballot.projects[1]!.id]);
    expect(first).toMatchObject({ ok: true, status: "cast" });
    expect(second).toMatchObject({
      ok: true,
      status: "already",
      receipt: (first as { receipt: string }).receipt,
    });
    expect(await voidToken(t.db, s.admin, s.competitionId, batch.id, b.checkCode, "x")).toBe(
      "alreadyUsed",
    );
    const tally = (await computeTally(t.db, s.competitionId))!;
    expect(tally.projects.find((x) => x.id === p)!.online).toBe(1);
    expect(tally.ballotsOnline).toBe(1);
    expect(
      await receiptCounted(
        t.db,
        s.competitionId,
        (first as { receipt: string }).receipt.toLowerCase(),
      ),
    ).toBe(true);
    expect(await receiptCounted(t.db, s.competitionId, "AAAAA-AAAAA")).toBe(false);
    // Still counted once it has moved from its envelope into the ballot table.
    expect(await flushBallots(t.db, { minBatch: 0 })).toBe(1);
    expect(
      await receiptCounted(t.db, s.competitionId, (first as { receipt: string }).receipt),
    ).toBe(true);
    expect((await computeTally(t.db, s.competitionId))!.ballotsOnline).toBe(1);
  });

  it("checks the ballot: up to K choices of projects on it", async () => {
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "规则",
      communityId: null,
      count: 1,
    });
    const ids = s.ballot.projects.map((p) => p.id);
    expect(await castBallot(t.db, tokens[0]!.token, ids.slice(0, 4))).toEqual({
      ok: false,
      refusal: "tooMany",
    });
    expect(await castBallot(t.db, tokens[0]!.token, [])).toEqual({ ok: false, refusal: "empty" });
    expect(await castBallot(t.db, tokens[0]!.token, [999_999])).toEqual({
      ok: false,
      refusal: "notOnBallot",
    });
    expect((await lookupToken(t.db, tokens[0]!.token)).status).toBe("issued");
  });

  it("enforces the voting window and phase", async () => {
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "窗口",
      communityId: null,
      count: 1,
    });
    const p = s.ballot.projects[0]!.id;
    await t.db.update(competitions).set({ votingOpensAt: new Date(Date.now() + 60_000) });
    await getBallot(t.db, s.competitionId, true);
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toEqual({ ok: false, refusal: "notYet" });
    await t.db.update(competitions).set({
      votingOpensAt: new Date(Date.now() - 120_000),
      votingClosesAt: new Date(Date.now() - 60_000),
    });
    await getBallot(t.db, s.competitionId, true);
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toEqual({ ok: false, refusal: "closed" });
    await t.db.update(competitions).set({ votingClosesAt: null, phase: "review" });
    await getBallot(t.db, s.competitionId, true);
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toEqual({ ok: false, refusal: "notYet" });
    const [row] = await t.db.select().from(ballotTokens);
    expect(row!.status).toBe("issued");
  });

  it("refuses a ballot the moment voting closes, whatever the cache still says (database clock)", async () => {
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "刚截止",
      communityId: null,
      count: 2,
    });
    const p = s.ballot.projects[0]!.id;
    // The cached ballot says "open" (loaded a moment ago) …
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toMatchObject({
      ok: true,
      status: "cast",
    });
    // … and voting closes (a second ago, by the database's clock) without touching the cache.
    await t.db.execute(
      sql`update competitions set voting_closes_at = now() - interval '1 second' where id = ${s.competitionId}`,
    );
    expect(await castBallot(t.db, tokens[1]!.token, [p])).toEqual({ ok: false, refusal: "closed" });
    // The phase is checked in the same statement.
    await t.db.execute(
      sql`update competitions set voting_closes_at = null, phase = 'results' where id = ${s.competitionId}`,
    );
    expect(await castBallot(t.db, tokens[1]!.token, [p])).toEqual({ ok: false, refusal: "closed" });
    expect((await lookupToken(t.db, tokens[1]!.token)).status).toBe("issued");
    // The card that voted in time keeps its receipt.
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toMatchObject({
      ok: true,
      status: "already",
    });
  });

  it("refuses a ballot checked under a rule the street has since switched (stale cache)", async () => {
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "改规则",
      communityId: null,
      count: 1,
    });
    const p = s.ballot.projects[0]!.id;
    // This instance's cached ballot says approval; the street switches to budget voting (on
    // another instance, before any ballot is in) without touching the cache.
    await t.db.update(competitions).set({ voteRule: "budget", voterBudgetFen: 1 });
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toEqual({
      ok: false,
      refusal: "ruleChanged",
    });
    expect((await lookupToken(t.db, tokens[0]!.token)).status).toBe("issued");
    // The refusal refreshed the cache: the same choice is now checked under the budget rule.
    expect((await getBallot(t.db, s.competitionId))!.rule).toBe("budget");
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toEqual({
      ok: false,
      refusal: "overBudget",
    });
    await t.db.update(competitions).set({ voterBudgetFen: null });
    await getBallot(t.db, s.competitionId, true);
    expect(await castBallot(t.db, tokens[0]!.token, [p])).toMatchObject({ status: "cast" });
  });

  it("keeps no link from a ballot to a token or a resident", async () => {
    const columns = await t.db.execute<{ table_name: string; column_name: string }>(
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in ('ballots', 'ballot_choices')`,
    );
    const rows = (
      Array.isArray(columns) ? columns : (columns as unknown as { rows: typeof columns }).rows
    ) as Array<{ table_name: string; column_name: string }>;
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`).sort()).toEqual([
      "ballot_choices.ballot_id",
      "ballot_choices.proposal_id",
      // 效果共评: a rating (1–5) of the choice, nothing more.
      "ballot_choices.rating",
      "ballots.competition_id",
      "ballots.id",
      "ballots.receipt_hash",
    ]);
    const fks = await t.db.execute<{ from_table: string; to_table: string }>(sql`
      select cl.relname as from_table, ref.relname as to_table from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_class ref on ref.oid = c.confrelid
      where c.contype = 'f' and (ref.relname in ('ballots', 'ballot_choices') or cl.relname in ('ballots', 'ballot_choices'))`);
    const links = (
      Array.isArray(fks) ? fks : (fks as unknown as { rows: typeof fks }).rows
    ) as Array<{ from_table: string; to_table: string }>;
    for (const l of links) {
      expect(["ballot_tokens", "registry_entries", "users"]).not.toContain(l.from_table);
      expect(["ballot_tokens", "registry_entries", "users"]).not.toContain(l.to_table);
    }
  });
});

describe("the secret ballot", () => {
  const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

  it("links no ballot to its card, registry entry or person: xmin, order, time, audit, logs", async () => {
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        lines.push(
          args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "),
        );
      }),
    );
    try {
      const s = await open();
      const [community] = await t.db.query.communities.findMany({ limit: 1 });
      const people = [
        { name: "赵一", phone: "13800000001" },
        { name: "钱二", phone: "13800000002" },
        { name: "孙三", phone: "13800000003" },
      ];
      await importRegistry(
        t.db,
        s.admin,
        s.competitionId,
        people.map((p) => ({ ...p, communityId: community!.id })),
      );
      const { tokens: cards } = await issueBatch(t.db, s.admin, {
        competitionId: s.competitionId,
        name: "保密测试",
        communityId: community!.id,
        count: 24,
      });
      const registryTokens: string[] = [];
      for (const p of people) {
        const r = await tokenForResident(t.db, s.competitionId, p);
        registryTokens.push((r as { token: string }).token);
      }
      const tokens = [...cards.map((c) => c.token), ...registryTokens];
      const ids = s.ballot.projects.map((p) => p.id);
      // One after another, so token order = cast order = what a linker would try.
      const cast: Array<{ token: string; receipt: string; hash: string }> = [];
      for (const [i, token] of tokens.entries()) {
        const r = await castBallot(t.db, token, [ids[i % ids.length]!]);
        expect(r).toMatchObject({ ok: true, status: "cast" });
        const receipt = (r as { receipt: string }).receipt;
        cast.push({ token, receipt, hash: receiptHash(receipt) });
      }
      await castBallot(t.db, `${s.competitionId}.${"Z".repeat(27)}`, [ids[0]!]);

      // Pending: an envelope shares its card's transaction, but holds no readable receipt or choice.
      const envelopes = await t.db.select().from(ballotEnvelopes);
      expect(envelopes).toHaveLength(tokens.length);
      for (const e of envelopes)
        for (const c of cast) {
          expect(JSON.stringify(e)).not.toContain(c.hash);
          expect(JSON.stringify(e)).not.toContain(c.receipt);
        }
      expect(JSON.stringify(envelopes)).not.toMatch(/"choices"|\[\d+(,\d+)*\]/);

      expect(await flushBallots(t.db, { minBatch: 0 })).toBe(tokens.length);

      // 1. Transaction ids: no ballot or choice shares one with a token, a registry entry or a
      //    cast-time audit entry.
      for (const [table, other] of [
        ["ballots", "ballot_tokens"],
        ["ballots", "registry_entries"],
        ["ballot_choices", "ballot_tokens"],
        ["ballot_choices", "registry_entries"],
      ] as const) {
        const [{ n }] = rows<{ n: number }>(
          await t.db.execute(
            sql`select count(*)::int as n from ${sql.identifier(table)} a join ${sql.identifier(other)} b on a.xmin = b.xmin`,
          ),
        ) as [{ n: number }];
        expect(n, `${table}.xmin = ${other}.xmin`).toBe(0);
      }
      const sameTx = rows<{ action: string }>(
        await t.db.execute(
          sql`select distinct a.action from audit_log a join ballots b on a.xmin = b.xmin`,
        ),
      );
      expect(sameTx.map((r) => r.action)).toEqual(["ballot.flush"]);
      const tokenTx = rows<{ action: string }>(
        await t.db.execute(
          sql`select distinct a.action from audit_log a join ballot_tokens b on a.xmin = b.xmin where b.status = 'used'`,
        ),
      );
      expect(tokenTx).toEqual([]);

      // 2. Order: neither the physical order nor the ids follow the order the cards voted in.
      const castIndex = new Map(cast.map((c, i) => [c.hash, i]));
      for (const order of [sql`ctid`, sql`id`]) {
        const seq = rows<{ receipt_hash: string }>(
          await t.db.execute(sql`select receipt_hash from ballots order by ${order}`),
        ).map((r) => castIndex.get(r.receipt_hash)!);
        expect(seq).toHaveLength(tokens.length);
        const ascending = [...seq].sort((a, b) => a - b);
        expect(seq).not.toEqual(ascending);
        expect(seq).not.toEqual([...ascending].reverse());
      }
      const choiceOrder = rows<{ ballot_id: string }>(
        await t.db.execute(
          sql`select b.receipt_hash as ballot_id from ballot_choices c join ballots b on b.id = c.ballot_id order by c.ctid`,
        ),
      ).map((r) => castIndex.get(r.ballot_id)!);
      expect(choiceOrder).not.toEqual([...choiceOrder].sort((a, b) => a - b));

      // 3. Time: no ballot table has a time column.
      const timeColumns = rows<{ c: string }>(
        await t.db
          .execute(sql`select table_name || '.' || column_name as c from information_schema.columns
          where table_schema = 'public' and table_name in ('ballots', 'ballot_choices', 'ballot_envelopes')
          and (data_type like 'timestamp%' or data_type in ('date', 'time without time zone', 'time with time zone'))`),
      );
      expect(timeColumns).toEqual([]);

      // 4. Audit: no entry per ballot, and no payload names a ballot, a receipt or a token.
      const audit = await t.db.select().from(auditLog);
      expect(audit.filter((a) => a.action === "ballot.cast")).toEqual([]);
      const ballotIds = (await t.db.select({ id: ballots.id }).from(ballots)).map((b) => b.id);
      const auditText = JSON.stringify(audit);
      for (const c of cast) {
        expect(auditText).not.toContain(c.hash);
        expect(auditText).not.toContain(c.receipt);
        expect(auditText).not.toContain(tokenHash(c.token));
      }
      for (const id of ballotIds) expect(auditText).not.toContain(id);

      // 5. Logs: nothing printed names a token, a receipt or their hashes.
      const logText = lines.join("\n");
      for (const c of cast)
        for (const secret of [c.token, tokenHash(c.token), c.receipt, c.hash])
          expect(logText).not.toContain(secret);

      // The ballots are all there, counted once, and each receipt still checks out.
      const tally = (await computeTally(t.db, s.competitionId))!;
      expect(tally.ballotsOnline).toBe(tokens.length);
      for (const c of cast.slice(0, 3))
        expect(await receiptCounted(t.db, s.competitionId, c.receipt)).toBe(true);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("flushes batches of at least MIN_BATCH while voting is open, keeping MIN_BATCH back for the last one", async () => {
    const s = await open();
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "批量",
      communityId: null,
      count: 2 * MIN_BATCH + 1,
    });
    const p = s.ballot.projects[0]!.id;
    const cast = async (from: number, to: number) => {
      for (const { token } of tokens.slice(from, to)) await castBallot(t.db, token, [p]);
    };
    await cast(0, 2 * MIN_BATCH - 1);
    expect(await flushBallots(t.db)).toBe(0); // a batch of MIN_BATCH would leave fewer behind
    expect((await computeTally(t.db, s.competitionId))!.ballotsOnline).toBe(2 * MIN_BATCH - 1);
    await cast(2 * MIN_BATCH - 1, 2 * MIN_BATCH);
    expect(await flushBallots(t.db)).toBe(MIN_BATCH);
    await cast(2 * MIN_BATCH, 2 * MIN_BATCH + 1);
    expect(await flushBallots(t.db)).toBe(0);
    await t.db.execute(
      sql`update competitions set voting_closes_at = now() - interval '1 second' where id = ${s.competitionId}`,
    );
    // The last batch, after closing, is MIN_BATCH + 1: never a handful of identifiable ballots.
    expect(await flushBallots(t.db)).toBe(MIN_BATCH + 1);
    const tally = (await computeTally(t.db, s.competitionId))!;
    expect(tally.ballotsOnline).toBe(2 * MIN_BATCH + 1);
    expect(tally.projects.find((x) => x.id === p)!.online).toBe(2 * MIN_BATCH + 1);
  });
});

describe("ballots sealed under another key", () => {
  it("are counted as unreadable (and stop publishing), never silently dropped", async () => {
    const s = await open();
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "换钥匙",
      communityId: null,
      count: 2,
    });
    const p = s.ballot.projects[0]!.id;
    registerBallotKey(t.db, "the secret at the time of voting");
    try {
      for (const { token } of tokens) await castBallot(t.db, token, [p]);
      // SESSION_SECRET changed since: the pending envelopes no longer open.
      registerBallotKey(t.db, "another secret");
      const counts = await voteCounts(t.db, s.competitionId, [p]);
      expect(counts.ballotsOnline).toBe(0);
      expect(counts.unreadableOnline).toBe(2);
      expect(await flushBallots(t.db, { minBatch: 0, log: () => {} })).toBe(0);
    } finally {
      delete (t.db as unknown as Record<symbol, unknown>)[Symbol.for("roadshow.ballotKey")];
    }
  });
});

describe("migration of ballots cast before envelopes", () => {
  it("rewrites stored ballots under new ids in a new transaction and order, keeping every choice", async () => {
    const s = await open();
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.competitionId,
      name: "旧选票",
      communityId: null,
      count: 12,
    });
    const ids = s.ballot.projects.map((p) => p.id);
    // As the old cast statement did: token, ballot and choices in one transaction.
    for (const [i, { token }] of tokens.entries()) {
      await t.db.transaction(async (tx) => {
        await tx
          .update(ballotTokens)
          .set({ status: "used" })
          .where(eq(ballotTokens.tokenHash, tokenHash(token)));
        const [b] = await tx
          .insert(ballots)
          .values({ competitionId: s.competitionId, receiptHash: `old-${i}` })
          .returning();
        await tx.insert(ballotChoices).values([
          { ballotId: b!.id, proposalId: ids[i % ids.length]! },
          { ballotId: b!.id, proposalId: ids[(i + 1) % ids.length]! },
        ]);
      });
    }
    const linked = async () =>
      (
        rowsOf<{ n: number }>(
          await t.db.execute(
            sql`select count(*)::int as n from ballots b join ballot_tokens k on k.xmin = b.xmin`,
          ),
        )[0] as { n: number }
      ).n;
    expect(await linked()).toBe(12);
    const oldIds = new Set((await t.db.select({ id: ballots.id }).from(ballots)).map((b) => b.id));
    const tallyBefore = (await computeTally(t.db, s.competitionId))!;

    const file = await readFile(
      new URL("../../db/migrations/0006_ballots_unlinked.sql", import.meta.url),
      "utf8",
    );
    await t.db.transaction(async (tx) => {
      for (const statement of file.split("--> statement-breakpoint"))
        await tx.execute(sql.raw(statement));
    });

    expect(await linked()).toBe(0);
    const newIds = (await t.db.select({ id: ballots.id }).from(ballots)).map((b) => b.id);
    expect(newIds).toHaveLength(12);
    expect(newIds.filter((id) => oldIds.has(id))).toEqual([]);
    const tallyAfter = (await computeTally(t.db, s.competitionId))!;
    expect(tallyAfter.ballotsOnline).toBe(12);
    expect(tallyAfter.projects.map((p) => p.online)).toEqual(
      tallyBefore.projects.map((p) => p.online),
    );
  });
});

describe("resident registry", () => {
  it("gives one ballot per registry entry, matched however people type", async () => {
    const s = await open();
    const [community] = await t.db.query.communities.findMany({ limit: 1 });
    const added = await importRegistry(t.db, s.admin, s.competitionId, [
      { name: "张三丰", phone: "13812345678", communityId: community!.id },
      {
        name: "李四",
        phone: "13900001111",
        communityId: community!.id,
        document: "42010619900101123X",
      },
      { name: "张三丰", phone: "138 1234 5678", communityId: community!.id },
    ]);
    expect(added).toBe(2);
    expect(
      await tokenForResident(t.db, s.competitionId, { name: "张三", phone: "13812345678" }),
    ).toEqual({ ok: false, refusal: "notFound" });
    // 李四's 证件号 is on file: asked for when missing, checked when typed.
    expect(
      await tokenForResident(t.db, s.competitionId, { name: "李四", phone: "13900001111" }),
    ).toEqual({ ok: false, refusal: "documentRequired" });
    expect(
      await tokenForResident(t.db, s.competitionId, {
        name: "李四",
        phone: "13900001111",
        document: "420106199001011230",
      }),
    ).toEqual({ ok: false, refusal: "notFound" });
    expect(
      await tokenForResident(t.db, s.competitionId, {
        name: "李四",
        phone: "13900001111",
        document: "42010619900101123x",
      }),
    ).toMatchObject({ ok: true });
    const first = await tokenForResident(t.db, s.competitionId, {
      name: " 张三丰",
      phone: "+86 138-1234-5678",
    });
    const second = await tokenForResident(t.db, s.competitionId, {
      name: "张三丰",
      phone: "13812345678",
    });
    // Checking again hands out the same card: nothing is voided, no second card exists.
    expect(first.ok && second.ok).toBe(true);
    const token = (first as { token: string }).token;
    expect((second as { token: string }).token).toBe(token);
    const p = s.ballot.projects[0]!.id;
    const cast = await castBallot(t.db, token, [p]);
    expect(cast).toMatchObject({ ok: true, status: "cast" });
    // A repeat visit leads to the same card, now used: its page shows the receipt.
    const again = await tokenForResident(t.db, s.competitionId, {
      name: "张三丰",
      phone: "13812345678",
    });
    expect(again).toEqual({ ok: true, token });
    expect((await lookupToken(t.db, token)).status).toBe("used");
    expect(await receiptFor(t.db, token)).toBe((cast as { receipt: string }).receipt);
    const live = await t.db.select().from(ballotTokens);
    expect(live.filter((x) => x.status === "void")).toEqual([]);
    expect((await computeTally(t.db, s.competitionId))!.ballotsOnline).toBe(1);
    const stored = await t.db.query.registryEntries.findMany();
    expect(stored.map((e) => e.maskedName).sort()).toEqual(["张*丰", "李*"]);
    expect(JSON.stringify(stored)).not.toContain("13812345678");
  });
});

describe("paper ballots (double entry)", () => {
  it("adds stations during voting, none once the competition is past voting", async () => {
    const s = await open();
    const [community] = await t.db.query.communities.findMany({ limit: 1 });
    const station = (name: string) =>
      createStation(t.db, s.admin, {
        competitionId: s.competitionId,
        communityId: community!.id,
        name,
      });
    // During voting a late station is fine.
    expect(await station("晚开的投票点")).toMatchObject({ name: "晚开的投票点" });
    for (const phase of ["results", "closed"] as const) {
      await t.db.update(competitions).set({ phase }).where(eq(competitions.id, s.competitionId));
      const audited = (await t.db.select().from(auditLog)).length;
      await expect(station(`${phase} 之后的投票点`)).rejects.toMatchObject({
        refusal: "stationsClosed",
      });
      expect((await t.db.select().from(auditLog)).length).toBe(audited);
    }
    const rows = await t.db.query.pollingStations.findMany({
      where: (p, { eq: is }) => is(p.competitionId, s.competitionId),
    });
    expect(rows.map((r) => r.name)).toEqual(["晚开的投票点"]);
  });

  it("confirms agreeing counts, shows disagreements, and lets the street resolve them with a reason", async () => {
    const s = await open();
    const [community] = await t.db.query.communities.findMany({ limit: 1 });
    const a = await createStation(t.db, s.admin, {
      competitionId: s.competitionId,
      communityId: community!.id,
      name: "春和社区服务站",
    });
    const b = await createStation(t.db, s.admin, {
      competitionId: s.competitionId,
      communityId: community!.id,
      name: "春和广场",
    });
    const [p1, p2] = s.ballot.projects.map((p) => String(p.id));
    const clerk1 = await clerk("clerk1");
    const clerk2 = await clerk("clerk2");
    const count = { ballotsCast: 120, invalid: 3, votes: { [p1!]: 80, [p2!]: 65 } };

    expect((await enterCount(t.db, clerk1, a!.id, count)).status).toBe("single");
    expect((await enterCount(t.db, clerk2, a!.id, count)).status).toBe("agreed");
    await expect(enterCount(t.db, clerk1, a!.id, count)).rejects.toMatchObject({
      refusal: "confirmed",
    });

    expect(
      (await enterCount(t.db, clerk1, b!.id, { ballotsCast: 50, invalid: 1, votes: { [p1!]: 30 } }))
        .status,
    ).toBe("single");
    const mismatch = await enterCount(t.db, clerk2, b!.id, {
      ballotsCast: 50,
      invalid: 1,
      votes: { [p1!]: 31 },
    });
    expect(mismatch).toMatchObject({ status: "mismatch", diff: [{ line: p1, values: [30, 31] }] });
    await expect(
      enterCount(t.db, clerk1, b!.id, { ballotsCast: 50, invalid: 60, votes: {} }),
    ).rejects.toBeInstanceOf(PaperError);
    await resolveCount(
      t.db,
      s.admin,
      b!.id,
      { ballotsCast: 50, invalid: 1, votes: { [p1!]: 31 } },
      "复核原始选票,第二位计票员正确",
    );

    const tally = (await computeTally(t.db, s.competitionId))!;
    expect(tally.projects.find((p) => String(p.id) === p1)!.offline).toBe(80 + 31);
    expect(tally.projects.find((p) => String(p.id) === p2)!.offline).toBe(65);
    expect(tally).toMatchObject({
      stationsConfirmed: 2,
      stationsTotal: 2,
      ballotsOffline: 117 + 49,
      invalidOffline: 4,
    });
    const audits = (await t.db.select().from(auditLog)).map((e) => e.action);
    expect(audits.filter((x) => x.startsWith("paper."))).toEqual([
      "paper.entry",
      "paper.entry",
      "paper.confirmed",
      "paper.entry",
      "paper.entry",
      "paper.resolved",
    ]);
  });
});

describe("npm run tokens", () => {
  it("issues N tokens and prints them one per line (they vote)", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const exec = promisify(execFile);
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { testDriver } = await import("../../db/testing/env");
    const { pgliteSnapshot, workerDatabaseUrl } = await import("../../db/testing/test-db");
    const { createDb } = await import("../../db/client");

    let env: NodeJS.ProcessEnv;
    if (testDriver() === "postgres") {
      await open();
      env = { ...process.env, DATABASE_URL: workerDatabaseUrl() };
    } else {
      // The command opens the embedded database itself (one process at a time): a data folder
      // made from the run's seeded dump.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-tokens-"));
      const h = await createDb({
        pgliteDataDir: path.join(dataDir, "pglite"),
        pgliteSnapshot: pgliteSnapshot("seeded"),
      });
      await h.close();
      env = { ...process.env, DATA_DIR: dataDir };
      delete env.DATABASE_URL;
    }
    // The command as production runs it: bundled by `npm run build` (no npx or tsx to start).
    const tokensCli = "server-build/cli/tokens.js";
    const { stdout } = await exec(
      process.execPath,
      [tokensCli, "--competition", "1", "--count", "5", "--batch", "印刷厂一批"],
      { env },
    );
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(/^1\.[A-Za-z0-9_-]{27}$/);
    if (testDriver() === "postgres") {
      const batches = await listBatches(t.db, 1);
      expect(batches.find((b) => b.name === "印刷厂一批")).toMatchObject({ issued: 5, used: 0 });
      expect(
        (await castBallot(t.db, lines[0]!, [(await getBallot(t.db, 1, true))!.projects[0]!.id])).ok,
      ).toBe(true);
    }
    const usage = await exec(process.execPath, [tokensCli, "--competition", "1"], {
      env,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((usage as { code: number }).code).toBe(64);
  }, 120_000);
});
