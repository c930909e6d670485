/**
 * 效果共评 on the database (PostgreSQL and PGlite): a round over funded projects of a published
 * competition, ratings and comments cast through the real cast path and flushed, the tally,
 * comment moderation, the published scores with their hash, one person one ballot.
 */
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../db/rows";
import {
  auditLog,
  ballotChoices,
  ballotTokens,
  competitions,
  evaluationComments,
  proposals,
  users,
} from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { seedEvaluationDemo } from "../../seeds/evaluation";
import { DAY, noticeWeek, publishFinishedShow } from "../testing/results";
import { verifyAuditLog } from "./audit.server";
import { flushBallots } from "./ballot-box.server";
import { castBallot, computeTally, getBallot, issueBatch } from "./ballot.server";
import {
  createEvaluationRound,
  EvaluationError,
  fundedProjects,
  listComments,
  moderateComments,
  publishedScoresOf,
  type NewRound,
} from "./evaluation.server";
import { createStation, PaperError } from "./paper.server";
import {
  getPublishedEvaluation,
  getPublishedResult,
  hashOutput,
  publishRun,
  ResultsError,
  runResults,
} from "./results.server";
import { actorOf } from "./user.server";

const t = useTestDb({ seeded: true });

/** The demo competition, played to its end and published. */
async function published() {
  const [c] = await t.db.select().from(competitions);
  const [adminRow] = await t.db.select().from(users).where(eq(users.username, "admin"));
  const admin = actorOf(adminRow!);
  await publishFinishedShow(t.db, admin, c!.id, { seed: "evaluation-test", ballots: 20 });
  const funded = (await fundedProjects(t.db, c!.id))!;
  const unfunded = await t.db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.competitionId, c!.id), eq(proposals.status, "accepted")));
  return {
    contestId: c!.id,
    admin,
    funded,
    unfunded: unfunded.map((p) => p.id).filter((id) => !funded.some((f) => f.id === id)),
  };
}

const round = (s: { contestId: number }, items: number[], over: Partial<NewRound> = {}) => ({
  evaluatesId: s.contestId,
  title: "花山 2026 · 效果共评",
  slug: "huashan-2026-eval",
  rule: "rating" as const,
  approvalMaxChoices: 3,
  verificationMode: "token" as const,
  votingOpensAt: null,
  votingClosesAt: new Date(Date.now() + DAY),
  items,
  ...over,
});

async function refusalOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof EvaluationError || e instanceof ResultsError || e instanceof PaperError)
      return e.refusal;
    throw e;
  }
  return null;
}

describe("效果共评 on the database", () => {
  it("a rating round: items only from funded projects, ratings and comments through the cast path, tally, moderation, published with its hash", async () => {
    const s = await published();
    expect(s.funded.length).toBeGreaterThanOrEqual(3);
    expect(s.unfunded.length).toBeGreaterThan(0);
    const [a, b, c] = s.funded.map((f) => f.id) as [number, number, number];

    // What may be evaluated, and how.
    expect(await refusalOf(createEvaluationRound(t.db, s.admin, round(s, [])))).toBe("noItems");
    expect(
      await refusalOf(createEvaluationRound(t.db, s.admin, round(s, [a, s.unfunded[0]!]))),
    ).toBe("notFunded");
    expect(
      await refusalOf(
        createEvaluationRound(t.db, s.admin, round(s, [a], { rule: "budget" as "rating" })),
      ),
    ).toBe("badRule");
    const id = await createEvaluationRound(t.db, s.admin, round(s, [a, b, c]));
    expect(
      await refusalOf(createEvaluationRound(t.db, s.admin, round(s, [a], { evaluatesId: id }))),
    ).toBe("notContest");
    expect(await refusalOf(createEvaluationRound(t.db, s.admin, round(s, [a])))).toBe("slugTaken");

    // The ballot is the round's items; project pages are the evaluated competition's.
    const ballot = (await getBallot(t.db, id, true))!;
    expect(ballot).toMatchObject({
      kind: "evaluation",
      rule: "rating",
      projectsSlug: "huashan-2026",
    });
    expect(ballot.projects.map((p) => p.id).sort()).toEqual([a, b, c].sort());

    // (Paper stations of a rating round, counted per level: paper-rating.int.test.ts.)

    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: id,
      name: "共评卡",
      communityId: null,
      count: 30,
    });
    const [first, ...rest] = tokens.map((x) => x.token) as [string, ...string[]];

    // Refused ballots record nothing.
    expect(await castBallot(t.db, first, [a], { ratings: [6] })).toEqual({
      ok: false,
      refusal: "badRating",
    });
    expect(await castBallot(t.db, first, [s.unfunded[0]!], { ratings: [4] })).toEqual({
      ok: false,
      refusal: "notOnBallot",
    });
    expect(await castBallot(t.db, first, [], { ratings: [] })).toEqual({
      ok: false,
      refusal: "empty",
    });
    expect(
      await castBallot(t.db, first, [a], {
        ratings: [5],
        comments: [{ proposalId: a, body: "好".repeat(501) }],
      }),
    ).toEqual({ ok: false, refusal: "commentTooLong" });
    const [stillIssued] = await t.db
      .select({ status: ballotTokens.status })
      .from(ballotTokens)
      .where(eq(ballotTokens.competitionId, id))
      .limit(1);
    expect(stillIssued!.status).toBe("issued");

    // One card, one ballot: a retry gets the same receipt and changes nothing.
    const cast = await castBallot(t.db, first, [a, b], {
      ratings: [5, 4],
      comments: [
        { proposalId: a, body: "  路灯亮了,晚上散步安心多了  " },
        { proposalId: b, body: "  " },
      ],
    });
    expect(cast).toMatchObject({ ok: true, status: "cast" });
    const again = await castBallot(t.db, first, [a], { ratings: [1] });
    expect(again).toMatchObject({ ok: true, status: "already" });
    expect(again.ok && cast.ok && again.receipt === cast.receipt).toBe(true);

    // 24 more: a gets 4 on each, b 2 on half of them, c a comment on two, nothing else.
    for (const [i, token] of rest.slice(0, 24).entries()) {
      const r = await castBallot(t.db, token, i % 2 === 0 ? [a, b] : [a], {
        ratings: i % 2 === 0 ? [4, 2] : [4],
        comments: i < 2 ? [{ proposalId: c, body: `意见 ${i}` }] : [],
      });
      expect(r).toMatchObject({ ok: true, status: "cast" });
    }
    // Counted before and after the flush alike (envelopes and ballots in one snapshot).
    const before = (await computeTally(t.db, id))!;
    await flushBallots(t.db, { competitionId: id, minBatch: 0 });
    const after = (await computeTally(t.db, id))!;
    expect(after).toEqual(before);
    expect(after.rule).toBe("rating");
    expect(after.ballotsOnline).toBe(25);
    const row = (pid: number) => after.projects.find((p) => p.id === pid)!;
    // a: one 5 and 24 fours = 101 / 25 = 4.04; b: one 4 and 12 twos = 28 / 13 = 2.1538 → 2.15.
    expect(row(a)).toMatchObject({ total: 25, ratings: [0, 0, 0, 24, 1], count: 25, mean: "4.04" });
    expect(row(b)).toMatchObject({ total: 13, ratings: [0, 12, 0, 1, 0], count: 13, mean: "2.15" });
    expect(row(c)).toMatchObject({ total: 0, ratings: [0, 0, 0, 0, 0], count: 0, mean: "—" });

    // Stored: a rating per choice; comments unlinked (no ballot, no time), pending.
    const [rated] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ballotChoices)
      .where(sql`${ballotChoices.rating} is not null`);
    expect(rated!.n).toBe(38);
    const names = rowsOf<{ column_name: string }>(
      await t.db.execute(
        sql`select column_name from information_schema.columns where table_name = 'evaluation_comments' order by column_name`,
      ),
    );
    expect(names.map((r) => r.column_name)).toEqual([
      "body",
      "competition_id",
      "id",
      "moderated_at",
      "moderated_by",
      "proposal_id",
      "status",
    ]);
    const pending = await listComments(t.db, id, "pending");
    expect(pending.map((p) => p.body).sort()).toEqual(
      ["意见 0", "意见 1", "路灯亮了,晚上散步安心多了"].sort(),
    );

    // Moderation, audited; only approved comments are published.
    const good = pending.filter((p) => p.body !== "意见 1").map((p) => p.id);
    const bad = pending.filter((p) => p.body === "意见 1").map((p) => p.id);
    expect(await moderateComments(t.db, s.admin, id, good, "approved")).toBe(2);
    expect(await moderateComments(t.db, s.admin, id, good, "approved")).toBe(0);
    expect(await moderateComments(t.db, s.admin, id, bad, "rejected")).toBe(1);
    const audits = await t.db
      .select({ payload: auditLog.payload })
      .from(auditLog)
      .where(eq(auditLog.action, "evaluation.moderate"));
    expect(audits).toHaveLength(2);

    // Publishing: refused while voting is open; then published with its hash, frozen.
    const draft = await runResults(t.db, s.admin, id, { kind: "evaluation" }, "");
    expect(await refusalOf(publishRun(t.db, s.admin, id, draft.id, noticeWeek()))).toBe(
      "votingOpen",
    );
    await t.db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, id));
    const run = await runResults(t.db, s.admin, id, { kind: "evaluation" }, "");
    await publishRun(t.db, s.admin, id, run.id, noticeWeek());
    const pub = (await getPublishedEvaluation(t.db, id))!;
    expect(pub.outputHash).toBe(hashOutput(pub.output));
    expect(pub.outputHash).toBe(run.hash);
    expect(pub.output.rows[0]).toMatchObject({ id: a, rank: 1, mean: "4.04", count: 25, sum: 101 });
    expect(pub.output.comments.map((m) => m.body).sort()).toEqual(
      ["意见 0", "路灯亮了,晚上散步安心多了"].sort(),
    );
    expect(pub.output.brands.reduce((n, x) => n + x.count, 0)).toBe(38);
    expect(pub.chainHead).not.toBeNull();
    // The contest views never read a round's scores as a ranking with money.
    expect(await getPublishedResult(t.db, id)).toBeNull();
    // Moderating after publication does not change the published result.
    await moderateComments(t.db, s.admin, id, bad, "approved");
    expect((await getPublishedEvaluation(t.db, id))!.outputHash).toBe(pub.outputHash);
    await expect(
      t.db.execute(sql`update result_runs set output_hash = 'x' where id = ${run.id}`),
    ).rejects.toThrow();

    // The project's page shows its score.
    const scores = await publishedScoresOf(t.db, a);
    expect(scores).toEqual([
      expect.objectContaining({
        roundId: id,
        rule: "rating",
        row: expect.objectContaining({ mean: "4.04" }),
      }),
    ]);
    expect(await publishedScoresOf(t.db, s.unfunded[0]!)).toEqual([]);

    // Every count and comment row is written by a flush: no entry per ballot, chain intact.
    const pendingComments = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(evaluationComments);
    expect(pendingComments[0]!.n).toBe(3);
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });

  it("an approval round works like a competition's ballot, paper stations included", async () => {
    const s = await published();
    const [a, b] = s.funded.map((f) => f.id) as [number, number];
    const id = await createEvaluationRound(
      t.db,
      s.admin,
      round(s, [a, b], { rule: "approval", approvalMaxChoices: 1, slug: "eval-approval" }),
    );
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: id,
      name: "卡",
      communityId: null,
      count: 2,
    });
    // (The ballot cache is per competition id; an earlier test's database had the same ids.)
    await getBallot(t.db, id, true);
    expect(await castBallot(t.db, tokens[0]!.token, [a, b])).toEqual({
      ok: false,
      refusal: "tooMany",
    });
    expect(await castBallot(t.db, tokens[0]!.token, [a])).toMatchObject({ status: "cast" });
    expect(
      await createStation(t.db, s.admin, { competitionId: id, communityId: 1, name: "兰园站" }),
    ).toMatchObject({ name: "兰园站" });
    const tally = (await computeTally(t.db, id))!;
    expect(tally.rule).toBe("approval");
    expect(tally.projects.find((p) => p.id === a)).toMatchObject({ online: 1, total: 1 });
    expect(tally.projects.find((p) => p.id === a)!.ratings).toBeUndefined();
  });

  it("the demo seed adds its round once the result is published, once", async () => {
    expect(await seedEvaluationDemo(t.db)).toBeNull();
    await published();
    const id = await seedEvaluationDemo(t.db);
    expect(id).not.toBeNull();
    expect(await seedEvaluationDemo(t.db)).toBeNull();
    const ballot = (await getBallot(t.db, id!, true))!;
    expect(ballot).toMatchObject({ kind: "evaluation", rule: "rating", phase: "voting" });
    expect(ballot.projects.length).toBeGreaterThan(0);
  });

  it("a round needs a published result", async () => {
    const [c] = await t.db.select().from(competitions);
    const [adminRow] = await t.db.select().from(users).where(eq(users.username, "admin"));
    const [p] = await t.db.select({ id: proposals.id }).from(proposals).limit(1);
    expect(
      await refusalOf(
        createEvaluationRound(t.db, actorOf(adminRow!), round({ contestId: c!.id }, [p!.id])),
      ),
    ).toBe("notPublished");
  });
});
