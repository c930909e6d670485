import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../db/rows";
import { communities, competitions, funds, needs, streets, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { simulateFinishedShow } from "../../seeds/simulate";
import type { ResultOutput } from "../domain/results";
import { DAY, GREEDY } from "../testing/results";
import { flushBallots } from "./ballot-box.server";
import { castBallot, issueBatch } from "./ballot.server";
import { listDashboardCompetitions, loadDashboard, pickCompetition } from "./dashboard.server";
import {
  disburse,
  flagDelivery,
  getDelivery,
  listDeliveries,
  markDone,
  recordSpending,
  terminateDelivery,
  type DeliveryUser,
} from "./delivery.server";
import { createEvaluationRound } from "./evaluation.server";
import { getPublishedResult, publishRun, runResults } from "./results.server";
import { actorOf } from "./user.server";

const t = useTestDb({ seeded: true });

async function user(where: { username?: string; communityId?: number }): Promise<DeliveryUser> {
  const [u] = await t.db
    .select()
    .from(users)
    .where(
      where.username
        ? eq(users.username, where.username)
        : sql`${users.role} = 'secretary' and ${users.communityId} = ${where.communityId}`,
    );
  return { id: u!.id, username: u!.username, role: u!.role, communityId: u!.communityId };
}

/** Independent counts, by SQL written apart from the model's queries. */
async function countsFor(communityId: number, competitionId: number) {
  const result = await t.db.execute(sql`
    select count(*)::int as collected,
      count(*) filter (where exists (select 1 from resource_claims c
        where c.need_id = n.id and c.status = 'confirmed'))::int as matched,
      count(*) filter (where exists (select 1 from proposal_needs pn
        join deliveries d on d.proposal_id = pn.proposal_id
        where pn.need_id = n.id and d.competition_id = ${competitionId}))::int as in_project,
      count(*) filter (where n.status = 'resolved')::int as resolved
    from needs n where n.community_id = ${communityId}`);
  const r = rowsOf<Record<string, number>>(result);
  return {
    collected: Number(r[0]!.collected),
    matched: Number(r[0]!.matched),
    inProject: Number(r[0]!.in_project),
    resolved: Number(r[0]!.resolved),
  };
}

describe("dashboard model (效果清单)", () => {
  let competitionId: number;
  let output: ResultOutput;
  let paidStreet = 0;
  let done: { communityId: number; proposalId: number };
  const spent = 12_345;

  async function setup() {
    const [c] = await t.db.select().from(competitions);
    competitionId = c!.id;
    await simulateFinishedShow(t.db, competitionId, { seed: "dash", ballots: 30, stations: [] });
    const admin = await user({ username: "admin" });
    const run = await runResults(t.db, actorOf(admin), competitionId, GREEDY, "");
    await publishRun(t.db, actorOf(admin), competitionId, run.id, {
      startsAt: new Date(Date.now() - DAY),
      endsAt: new Date(Date.now() + 7 * DAY),
    });
    output = (await getPublishedResult(t.db, competitionId))!.output;

    const list = await listDeliveries(t.db, { competitionId });
    expect(list.length).toBeGreaterThanOrEqual(4);
    const [a, b, c3, d4] = list;
    // a: two tranches, spending, then done (its needs become resolved).
    const detailA = (await getDelivery(t.db, a!.id))!;
    const streetFund = detailA.grants.find((g) => g.kind === "street") ?? detailA.grants[0]!;
    await disburse(t.db, admin, a!.id, {
      fundId: streetFund.fundId,
      amountFen: 100_000,
      paidOn: "2026-12-20",
      note: "首笔",
    });
    await disburse(t.db, admin, a!.id, {
      fundId: streetFund.fundId,
      amountFen: 50_001,
      paidOn: "2026-12-27",
      note: "二笔",
    });
    paidStreet = 150_001;
    const secA = await user({ communityId: a!.communityId });
    await recordSpending(t.db, secA, a!.id, {
      budgetLineId: detailA.budgetLines[0]!.id,
      amountFen: spent,
      spentOn: "2026-12-28",
      description: "物资",
      receipts: [],
    });
    await markDone(t.db, admin, a!.id);
    done = { communityId: a!.communityId, proposalId: a!.proposalId };
    // b: terminated; c: late; d: at risk.
    await terminateDelivery(t.db, admin, b!.id, "场地无法落实");
    await flagDelivery(t.db, admin, c3!.id, "late", "施工延误");
    await flagDelivery(t.db, admin, d4!.id, "risk", "物资短缺");
    // A need in every state in one community (besides the demo's).
    const [lanyuan] = await t.db.select().from(communities).where(eq(communities.name, "兰园社区"));
    await t.db.insert(needs).values([
      { communityId: lanyuan!.id, title: "测试-开放", status: "open" },
      { communityId: lanyuan!.id, title: "测试-方案中", status: "in_proposal" },
      { communityId: lanyuan!.id, title: "测试-已解决", status: "resolved" },
    ]);
  }

  async function competitionsAndDefault() {
    const list = await listDashboardCompetitions(t.db);
    const demo = list.find((c) => c.id === competitionId)!;
    expect(demo.result?.outputHash).toMatch(/^[0-9a-f]{64}$/);
    // A newer competition without a result is not the default; asked for, it is given.
    const [street] = await t.db.select().from(streets);
    const [newer] = await t.db
      .insert(competitions)
      .values({ streetId: street!.id, slug: "dash-next", title: "下一届", year: 2099 })
      .returning();
    const again = await listDashboardCompetitions(t.db);
    expect(again[0]!.id).toBe(newer!.id);
    expect(pickCompetition(again)!.id).toBe(competitionId);
    expect(pickCompetition(again, newer!.id)!.id).toBe(newer!.id);
    expect(pickCompetition(again, 999_999)).toBeNull();
    const empty = await loadDashboard(t.db, pickCompetition(again, newer!.id)!);
    expect(empty.projects).toEqual([]);
    expect(empty.dashboard.street.money.grantedFen).toBe(0);
    expect(empty.dashboard.street.projects.total).toBe(0);
    expect(empty.funds).toEqual([]);
    // Needs are the street's: the same counts whichever competition.
    expect(empty.dashboard.street.needs.collected).toBeGreaterThan(0);
    expect(empty.dashboard.street.needs.inProject).toBe(0);
    await t.db.delete(competitions).where(eq(competitions.id, newer!.id));
  }

  async function exactFigures() {
    const list = await listDashboardCompetitions(t.db);
    const data = await loadDashboard(t.db, pickCompetition(list, competitionId)!);
    const { dashboard } = data;
    const allCommunities = await t.db.select().from(communities);
    expect(dashboard.communities).toHaveLength(allCommunities.length);

    // Needs: the model's counts equal an independent SQL count, for every community.
    for (const part of dashboard.communities)
      expect(part.needs, part.name).toEqual(await countsFor(part.communityId!, competitionId));
    const lanyuan = dashboard.communities.find((c) => c.name === "兰园社区")!;
    expect(lanyuan.needs.collected).toBeGreaterThanOrEqual(3);
    expect(lanyuan.needs.resolved).toBeGreaterThanOrEqual(1);
    // The demo's confirmed match counts as matched.
    expect(dashboard.street.needs.matched).toBeGreaterThanOrEqual(1);
    // The finished project's needs are resolved.
    const doneNeeds = await t.db.execute(
      sql`select n.status from needs n join proposal_needs pn on pn.need_id = n.id where pn.proposal_id = ${done.proposalId}`,
    );
    const statuses = rowsOf<{ status: string }>(doneNeeds);
    expect(statuses.every((s) => s.status === "resolved")).toBe(true);
    const [[all]] = await Promise.all([t.db.select({ n: sql<number>`count(*)::int` }).from(needs)]);
    expect(dashboard.street.needs.collected).toBe(Number(all!.n));

    // Money: granted per fund equals the published allocation; paid what was paid; spent.
    const fundRows = await t.db.select().from(funds).where(eq(funds.competitionId, competitionId));
    for (const f of dashboard.street.money.funds) {
      const kind = fundRows.find((x) => x.id === f.fundId)!.kind;
      expect(f.grantedFen).toBe(output.rows.reduce((s, r) => s + (r.amounts[kind] ?? 0), 0));
    }
    expect(dashboard.street.money.paidFen).toBe(paidStreet);
    expect(dashboard.street.money.funds.find((f) => f.kind === "street")!.paidFen).toBe(paidStreet);
    expect(dashboard.street.money.spentFen).toBe(spent);
    // Spending per fund: project a was paid by the street fund alone, so its spending is that
    // fund's, exactly, and nothing is shared.
    expect(dashboard.street.money.funds.find((f) => f.kind === "street")!.spentFen).toBe(spent);
    expect(
      dashboard.street.money.funds
        .filter((f) => f.kind !== "street")
        .every((f) => f.spentFen === 0),
    ).toBe(true);
    expect(dashboard.street.money.spentSharedFen).toBe(0);
    const terminated = data.projects.find((p) => p.status === "terminated")!;
    expect(dashboard.street.money.releasedFen).toBe(terminated.grantedFen);
    expect(dashboard.street.money.toPayFen).toBe(
      dashboard.street.money.grantedFen - paidStreet - terminated.grantedFen,
    );

    // Projects by status.
    const total = data.projects.length;
    expect(dashboard.street.projects).toMatchObject({
      total,
      done: 1,
      terminated: 1,
      late: 1,
      onTime: total - 3,
      atRisk: 1,
    });
    const finished = data.projects.find((p) => p.status === "done")!;
    expect(finished).toMatchObject({ paidFen: paidStreet, spentFen: spent });
    expect(finished.communityId).toBe(done.communityId);

    // Totals = sum of the communities.
    const sum = (f: (p: (typeof dashboard.communities)[number]) => number) =>
      dashboard.communities.reduce((s, p) => s + f(p), 0);
    expect(dashboard.street.money.grantedFen).toBe(sum((p) => p.money.grantedFen));
    expect(dashboard.street.needs.collected).toBe(sum((p) => p.needs.collected));
    expect(dashboard.street.projects.total).toBe(sum((p) => p.projects.total));

    // No 效果共评 yet.
    expect(dashboard.evaluated).toBe(false);
    expect(dashboard.street.evaluation).toBeNull();
  }

  async function secretaryScope() {
    const list = await listDashboardCompetitions(t.db);
    const competition = pickCompetition(list, competitionId)!;
    const full = await loadDashboard(t.db, competition);
    const mine = await loadDashboard(t.db, competition, { communityId: done.communityId });
    expect(mine.scope).toBe("community");
    expect(mine.dashboard.communities.map((c) => c.communityId)).toEqual([done.communityId]);
    const own = full.dashboard.communities.find((c) => c.communityId === done.communityId)!;
    expect(mine.dashboard.street.needs).toEqual(own.needs);
    expect(mine.dashboard.street.money.grantedFen).toBe(own.money.grantedFen);
    expect(mine.projects.every((p) => p.communityId === done.communityId)).toBe(true);
    expect(mine.projects.length).toBe(own.projects.total);
  }

  /**
   * A project paid by both funds spends: per fund its spending is split by what each paid it,
   * to the 分, and counted as shared; the funds' parts add up to the spending.
   */
  async function sharedSpending() {
    const admin = await user({ username: "admin" });
    const list = await listDeliveries(t.db, { competitionId });
    let both: {
      id: number;
      communityId: number;
      grants: Array<{ fundId: number; grantedFen: number }>;
      line: number;
    } | null = null;
    for (const d of list) {
      if (d.status !== "not_started" && d.status !== "in_progress") continue;
      const detail = (await getDelivery(t.db, d.id))!;
      const granted = detail.grants.filter((g) => g.grantedFen >= 300);
      if (granted.length >= 2) {
        both = {
          id: d.id,
          communityId: d.communityId,
          grants: granted,
          line: detail.budgetLines[0]!.id,
        };
        break;
      }
    }
    expect(both, "a funded project with money from both funds").not.toBeNull();
    const before = await loadDashboard(
      t.db,
      pickCompetition(await listDashboardCompetitions(t.db), competitionId)!,
    );
    // Paid 200 and 100 分; 1,001 分 spent → 667 and 334 (the odd 分 to the larger remainder).
    await disburse(t.db, admin, both!.id, {
      fundId: both!.grants[0]!.fundId,
      amountFen: 200,
      paidOn: "2026-12-29",
      note: "",
    });
    await disburse(t.db, admin, both!.id, {
      fundId: both!.grants[1]!.fundId,
      amountFen: 100,
      paidOn: "2026-12-29",
      note: "",
    });
    await recordSpending(t.db, await user({ communityId: both!.communityId }), both!.id, {
      budgetLineId: both!.line,
      amountFen: 1_001,
      spentOn: "2026-12-30",
      description: "合资项目支出",
      receipts: [],
    });
    const after = await loadDashboard(
      t.db,
      pickCompetition(await listDashboardCompetitions(t.db), competitionId)!,
    );
    const spentOf = (d: typeof after, fundId: number) =>
      d.dashboard.street.money.funds.find((f) => f.fundId === fundId)!.spentFen;
    expect(spentOf(after, both!.grants[0]!.fundId) - spentOf(before, both!.grants[0]!.fundId)).toBe(
      667,
    );
    expect(spentOf(after, both!.grants[1]!.fundId) - spentOf(before, both!.grants[1]!.fundId)).toBe(
      334,
    );
    expect(after.dashboard.street.money.spentSharedFen).toBe(1_001);
    const community = after.dashboard.communities.find((c) => c.communityId === both!.communityId)!;
    expect(community.money.funds.reduce((s, f) => s + f.spentFen, 0)).toBe(
      community.money.spentFen,
    );
    expect(after.dashboard.street.money.funds.reduce((s, f) => s + f.spentFen, 0)).toBe(
      after.dashboard.street.money.spentFen,
    );
  }

  /**
   * A published approval round (选出最满意的项目) alone: the 效果共评 counts as held, with the
   * approvals per community and their share of the ballots.
   */
  async function approvalScores() {
    const admin = actorOf(await user({ username: "admin" }));
    const [a, b, c3] = await listDeliveries(t.db, { competitionId });
    const roundId = await createEvaluationRound(t.db, admin, {
      evaluatesId: competitionId,
      title: "最满意的项目",
      slug: "dash-best",
      rule: "approval",
      approvalMaxChoices: 2,
      verificationMode: "token",
      votingOpensAt: null,
      votingClosesAt: new Date(Date.now() + DAY),
      items: [a!.proposalId, b!.proposalId, c3!.proposalId],
    });
    const { tokens } = await issueBatch(t.db, admin, {
      competitionId: roundId,
      name: "共评卡",
      communityId: null,
      count: 4,
    });
    // a: 3 picks, b: 2, c: 1, from 4 ballots.
    const picks = [
      [a!.proposalId, b!.proposalId],
      [a!.proposalId],
      [a!.proposalId, b!.proposalId],
      [c3!.proposalId],
    ];
    for (const [i, choices] of picks.entries())
      expect(await castBallot(t.db, tokens[i]!.token, choices)).toMatchObject({ ok: true });
    await t.db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, roundId));
    await flushBallots(t.db, { competitionId: roundId, minBatch: 0 });
    const list0 = await listDashboardCompetitions(t.db);
    const unpublished = await loadDashboard(t.db, pickCompetition(list0, competitionId)!);
    // Held but not yet published: not counted.
    expect(unpublished.dashboard.evaluated).toBe(false);
    const run = await runResults(t.db, admin, roundId, { kind: "evaluation" }, "");
    await publishRun(t.db, admin, roundId, run.id, {
      startsAt: new Date(Date.now() - 1000),
      endsAt: new Date(Date.now() + 7 * DAY),
    });

    const list = await listDashboardCompetitions(t.db);
    const data = await loadDashboard(t.db, pickCompetition(list, competitionId)!);
    const { dashboard } = data;
    expect(dashboard.evaluated).toBe(true);
    expect(dashboard.evaluatedBy).toEqual({ rating: false, approval: true });
    expect(data.evaluationRounds).toEqual({
      rating: null,
      approval: { slug: "dash-best", title: "最满意的项目" },
    });
    const expected = new Map<number, { approvals: number; projects: number }>();
    for (const [d, n] of [
      [a!, 3],
      [b!, 2],
      [c3!, 1],
    ] as const) {
      const e = expected.get(d.communityId) ?? { approvals: 0, projects: 0 };
      expected.set(d.communityId, { approvals: e.approvals + n, projects: e.projects + 1 });
    }
    for (const c of dashboard.communities) {
      const want = expected.get(c.communityId!);
      if (want)
        expect(c.approval).toEqual({
          ...want,
          ballots: 4,
          share: { num: want.approvals, den: 4 * want.projects },
        });
      else expect(c.approval).toBeNull();
      expect(c.evaluation).toBeNull();
    }
    expect(dashboard.street.approval).toEqual({
      approvals: 6,
      projects: 3,
      ballots: 4,
      share: { num: 6, den: 12 },
    });
  }

  /** A published rating round over two funded projects: its ratings, summed per community. */
  async function evaluationScores() {
    const admin = actorOf(await user({ username: "admin" }));
    const [a, b] = await listDeliveries(t.db, { competitionId });
    const roundId = await createEvaluationRound(t.db, admin, {
      evaluatesId: competitionId,
      title: "效果共评",
      slug: "dash-eval",
      rule: "rating",
      approvalMaxChoices: 3,
      verificationMode: "token",
      votingOpensAt: null,
      votingClosesAt: new Date(Date.now() + DAY),
      items: [a!.proposalId, b!.proposalId],
    });
    const { tokens } = await issueBatch(t.db, admin, {
      competitionId: roundId,
      name: "共评卡",
      communityId: null,
      count: 3,
    });
    // a: 5 and 3; b: 4 and 2.
    const ballots: Array<[number[], number[]]> = [
      [
        [a!.proposalId, b!.proposalId],
        [5, 4],
      ],
      [[a!.proposalId], [3]],
      [[b!.proposalId], [2]],
    ];
    for (const [i, [choices, ratings]] of ballots.entries())
      expect(await castBallot(t.db, tokens[i]!.token, choices, { ratings })).toMatchObject({
        ok: true,
      });
    await t.db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, roundId));
    await flushBallots(t.db, { competitionId: roundId, minBatch: 0 });
    const run = await runResults(t.db, admin, roundId, { kind: "evaluation" }, "");
    await publishRun(t.db, admin, roundId, run.id, {
      startsAt: new Date(Date.now() - 1000),
      endsAt: new Date(Date.now() + 7 * DAY),
    });

    const list = await listDashboardCompetitions(t.db);
    const { dashboard } = await loadDashboard(t.db, pickCompetition(list, competitionId)!);
    expect(dashboard.evaluated).toBe(true);
    const expected = new Map<number | null, { ratings: number; starsSum: number }>();
    for (const [d, ratings, stars] of [
      [a!, 2, 8],
      [b!, 2, 6],
    ] as const) {
      const e = expected.get(d.communityId) ?? { ratings: 0, starsSum: 0 };
      expected.set(d.communityId, { ratings: e.ratings + ratings, starsSum: e.starsSum + stars });
    }
    for (const c of dashboard.communities) {
      const want = expected.get(c.communityId);
      if (want) expect(c.evaluation).toMatchObject(want);
      else expect(c.evaluation).toBeNull();
    }
    expect(dashboard.street.evaluation).toMatchObject({ ratings: 4, starsSum: 14 });
    // The approval round published before stays beside it.
    expect(dashboard.evaluatedBy).toEqual({ rating: true, approval: true });
    expect(dashboard.street.approval).toMatchObject({ approvals: 6, ballots: 4 });
  }

  // One setup (the show played and published, deliveries moved), then every check: the setup
  // is the slow part on PGlite.
  it("lists competitions, gives exact figures per community and street, and a secretary's part", async () => {
    await setup();
    await exactFigures();
    await secretaryScope();
    await competitionsAndDefault();
    await sharedSpending();
    await approvalScores();
    await evaluationScores();
  }, 240_000);
});
