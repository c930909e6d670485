import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import {
  auditLog,
  ballotBatches,
  ballotEnvelopes,
  ballots,
  ballotTokens,
  competitionJudges,
  competitions,
  criteria,
  deliveries,
  evaluationComments,
  funds,
  judgeRecusals,
  judgeScores,
  liveSessions,
  needs,
  objections,
  pitchDraws,
  pollingStations,
  proposalNeeds,
  proposals,
  registryEntries,
  resultRuns,
  users,
} from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { seedDeliveryDemo } from "../../seeds/delivery-demo";
import { DEMO_SECOND_ROUND_SLUG, seedSecondRound } from "../../seeds/next-round";
import { seedDemo } from "../../seeds/seed";
import { simulateFinishedShow } from "../../seeds/simulate";
import { shiftOneYear } from "../domain/next-round";
import { verifyAuditLog } from "./audit.server";
import { createNextRound, roundChain } from "./next-round.server";
import { actorOf } from "./user.server";

const t = useTestDb();

async function setup() {
  await seedDemo(t.db);
  const [c] = await t.db.select().from(competitions).where(eq(competitions.slug, "huashan-2026"));
  await simulateFinishedShow(t.db, c!.id, {
    seed: "next-round",
    ballots: 20,
    stations: [{ community: "兰园社区", ballots: 15 }],
  });
  await seedDeliveryDemo(t.db, c!.id);
  const [admin] = await t.db.select().from(users).where(eq(users.username, "admin"));
  // As it is now (publishing set the 公示 dates).
  const [source] = await t.db.select().from(competitions).where(eq(competitions.id, c!.id));
  return { source: source!, actor: actorOf(admin!) };
}

const INPUT = {
  title: "花山街2027年社区书记路演",
  slug: "huashan-2027",
  year: 2027,
  totals: { street: 600_000_00, foundation: 120_000_00 },
};

describe("createNextRound", () => {
  it("copies the setup and nothing that was recorded; drafts carry the unfinished needs", async () => {
    const { source, actor } = await setup();
    // One of last round's linked needs is resolved: it is not carried.
    const [resolved] = await t.db
      .select({ needId: proposalNeeds.needId })
      .from(proposalNeeds)
      .innerJoin(proposals, eq(proposals.id, proposalNeeds.proposalId))
      .where(eq(proposals.competitionId, source.id))
      .orderBy(asc(proposalNeeds.needId))
      .limit(1);
    await t.db.update(needs).set({ status: "resolved" }).where(eq(needs.id, resolved!.needId));

    const outcome = await createNextRound(t.db, actor, source.id, INPUT);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const id = outcome.id;
    const [round] = await t.db.select().from(competitions).where(eq(competitions.id, id));
    expect(round).toMatchObject({
      slug: "huashan-2027",
      title: INPUT.title,
      year: 2027,
      round: source.round + 1,
      phase: "draft",
      kind: "contest",
      previousCompetitionId: source.id,
      voteRule: source.voteRule,
      approvalMaxChoices: source.approvalMaxChoices,
      voterBudgetFen: source.voterBudgetFen,
      verificationMode: source.verificationMode,
      registryProof: source.registryProof,
      judgeWeightPct: source.judgeWeightPct,
      residentWeightPct: source.residentWeightPct,
      judgeAggregation: source.judgeAggregation,
      pitchSeconds: source.pitchSeconds,
      qaSeconds: source.qaSeconds,
    });
    for (const f of [
      "proposalDeadline",
      "roadshowAt",
      "votingOpensAt",
      "votingClosesAt",
      "noticeStartsAt",
      "noticeEndsAt",
    ] as const)
      expect(round![f]).toEqual(shiftOneYear(source[f]));

    const strip = <T extends Record<string, unknown>>(rows: T[], drop: string[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
    const of = async (id: number) => ({
      criteria: strip(
        await t.db
          .select()
          .from(criteria)
          .where(eq(criteria.competitionId, id))
          .orderBy(asc(criteria.position)),
        ["id", "competitionId"],
      ),
      funds: strip(
        await t.db.select().from(funds).where(eq(funds.competitionId, id)).orderBy(asc(funds.kind)),
        ["id", "competitionId", "createdAt", "totalFen"],
      ),
      totals: (
        await t.db.select().from(funds).where(eq(funds.competitionId, id)).orderBy(asc(funds.kind))
      ).map((f) => [f.kind, Number(f.totalFen)]),
      panel: strip(
        await t.db
          .select()
          .from(competitionJudges)
          .where(eq(competitionJudges.competitionId, id))
          .orderBy(asc(competitionJudges.userId)),
        ["competitionId"],
      ),
      recusals: strip(
        await t.db
          .select()
          .from(judgeRecusals)
          .where(eq(judgeRecusals.competitionId, id))
          .orderBy(asc(judgeRecusals.judgeUserId), asc(judgeRecusals.communityId)),
        ["competitionId"],
      ),
    });
    const before = await of(source.id);
    const after = await of(id);
    expect(before.criteria.length).toBeGreaterThan(0);
    expect(before.recusals.length).toBeGreaterThan(0);
    expect(after.criteria).toEqual(before.criteria);
    expect(after.funds).toEqual(before.funds);
    expect(after.panel).toEqual(before.panel);
    expect(after.recusals).toEqual(before.recusals);
    expect(Object.fromEntries(after.totals)).toEqual(INPUT.totals);

    // Nothing recorded while the last round ran (which had all of these) comes along.
    const counts = async (cid: number) => {
      const n = async (table: PgTable, col: AnyPgColumn) =>
        (
          await t.db
            .select({ n: sql<number>`count(*)::int` })
            .from(table)
            .where(eq(col, cid))
        )[0]!.n;
      return {
        ballots: await n(ballots, ballots.competitionId),
        envelopes: await n(ballotEnvelopes, ballotEnvelopes.competitionId),
        tokens: await n(ballotTokens, ballotTokens.competitionId),
        batches: await n(ballotBatches, ballotBatches.competitionId),
        registry: await n(registryEntries, registryEntries.competitionId),
        scores: await n(judgeScores, judgeScores.competitionId),
        live: await n(liveSessions, liveSessions.competitionId),
        draws: await n(pitchDraws, pitchDraws.competitionId),
        stations: await n(pollingStations, pollingStations.competitionId),
        results: await n(resultRuns, resultRuns.competitionId),
        objections: await n(objections, objections.competitionId),
        deliveries: await n(deliveries, deliveries.competitionId),
        comments: await n(evaluationComments, evaluationComments.competitionId),
      };
    };
    const last = await counts(source.id);
    for (const k of ["ballots", "tokens", "scores", "stations", "results", "deliveries"] as const)
      expect(last[k], k).toBeGreaterThan(0);
    expect(Object.values(await counts(id)).every((v) => v === 0)).toBe(true);

    // One audit entry on the new round: its creation.
    const entries = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, "competition"), eq(auditLog.subjectId, String(id))));
    expect(entries).toEqual([{ action: "competition.next_round" }]);

    // Drafts: per community, last round's needs not resolved, the project's title and brand.
    const drafts = await t.db
      .select()
      .from(proposals)
      .where(eq(proposals.competitionId, id))
      .orderBy(asc(proposals.communityId));
    expect(drafts.length).toBe(outcome.drafts);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.status === "draft")).toBe(true);
    expect(new Set(drafts.map((d) => d.communityId)).size).toBe(drafts.length);
    const lastRound = await t.db
      .select()
      .from(proposals)
      .where(eq(proposals.competitionId, source.id));
    for (const d of drafts) {
      const mine = lastRound.filter((p) => p.communityId === d.communityId);
      expect(mine.map((p) => p.title)).toContain(d.title);
      expect(mine.map((p) => p.brand)).toContain(d.brand);
      const linked = await t.db
        .select({ id: needs.id, status: needs.status })
        .from(proposalNeeds)
        .innerJoin(needs, eq(needs.id, proposalNeeds.needId))
        .where(eq(proposalNeeds.proposalId, d.id));
      expect(linked.length).toBeGreaterThan(0);
      expect(linked.every((n) => n.status !== "resolved")).toBe(true);
      // Each linked need was answered by the same community's project last round.
      const lastLinks = await t.db
        .select({ needId: proposalNeeds.needId })
        .from(proposalNeeds)
        .where(
          inArray(
            proposalNeeds.proposalId,
            mine.map((p) => p.id),
          ),
        );
      for (const n of linked) expect(lastLinks.map((l) => l.needId)).toContain(n.id);
    }
    const carried = await t.db
      .select({ needId: proposalNeeds.needId })
      .from(proposalNeeds)
      .where(
        inArray(
          proposalNeeds.proposalId,
          drafts.map((d) => d.id),
        ),
      );
    expect(carried.map((c) => c.needId)).not.toContain(resolved!.needId);

    expect((await roundChain(t.db, id)).map((c) => c.id)).toEqual([source.id, id]);
    expect((await roundChain(t.db, source.id)).map((c) => c.id)).toEqual([source.id, id]);
    expect((await verifyAuditLog(t.db)).ok).toBe(true);
  });

  it("a second submit of the same form creates no second round", async () => {
    const { source, actor } = await setup();
    const first = await createNextRound(t.db, actor, source.id, INPUT);
    expect(first.ok).toBe(true);
    const [again, other] = [
      await createNextRound(t.db, actor, source.id, INPUT),
      await createNextRound(t.db, actor, source.id, { ...INPUT, slug: "huashan-2027-b" }),
    ];
    expect(again).toEqual({ ok: false, error: "slugTaken" });
    expect(other).toEqual({ ok: false, error: "nextExists" });
    const rounds = await t.db
      .select({ id: competitions.id })
      .from(competitions)
      .where(eq(competitions.previousCompetitionId, source.id));
    expect(rounds).toHaveLength(1);
  });

  it("refuses a total below a copied cap, and creates nothing", async () => {
    const { source, actor } = await setup();
    const [street] = await t.db
      .select()
      .from(funds)
      .where(and(eq(funds.competitionId, source.id), eq(funds.kind, "street")));
    await t.db.update(funds).set({ perProjectCapFen: 50_000_00 }).where(eq(funds.id, street!.id));
    const outcome = await createNextRound(t.db, actor, source.id, {
      ...INPUT,
      totals: { street: 10_000_00, foundation: null },
    });
    expect(outcome).toEqual({
      ok: false,
      error: "fundTotals",
      funds: { street: "capAboveTotal", foundation: "missing" },
    });
    expect(
      await t.db.select().from(competitions).where(eq(competitions.slug, INPUT.slug)),
    ).toHaveLength(0);
  });

  it("db:seed --second-round: the demo's round two, once", async () => {
    await seedDemo(t.db);
    const made = await seedSecondRound(t.db);
    expect(made?.ok).toBe(true);
    const [round] = await t.db
      .select()
      .from(competitions)
      .where(eq(competitions.slug, DEMO_SECOND_ROUND_SLUG));
    expect(round).toMatchObject({ year: 2027, phase: "draft" });
    expect(round!.title.startsWith("2027年")).toBe(true);
    expect(await seedSecondRound(t.db)).toBeNull();
  });
});
