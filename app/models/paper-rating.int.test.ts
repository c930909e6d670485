/**
 * Paper stations of a 效果共评 round in rating mode, on the database (PostgreSQL and PGlite):
 * two clerks count per project how many paper ballots gave each level 1–5; the station counts
 * once both agree (or the street resolves a mismatch with a reason), every step audited in its
 * transaction; the confirmed ratings are rows like the online ones, and the live tally and the
 * published result count them with the online ratings.
 */
import { and, asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditLog,
  competitions,
  paperCounts,
  stationResultRatings,
  stationResults,
  users,
} from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { DAY, noticeWeek, publishFinishedShow } from "../testing/results";
import { verifyAuditLog } from "./audit.server";
import { castBallot, computeTally, getBallot, issueBatch } from "./ballot.server";
import { updateCompetition } from "./competition.server";
import { createEvaluationRound, fundedProjects } from "./evaluation.server";
import { createStation, enterCount, listStations, PaperError, resolveCount } from "./paper.server";
import {
  getPublishedEvaluation,
  hashOutput,
  publishRun,
  ResultsError,
  runResults,
} from "./results.server";
import { actorOf } from "./user.server";

const t = useTestDb({ seeded: true });

async function person(username: string) {
  const [u] = await t.db.select().from(users).where(eq(users.username, username));
  return { ...actorOf(u!), userId: u!.id };
}

/** A rating round over three funded projects of the demo competition, played and published. */
async function ratingRound() {
  const [c] = await t.db.select().from(competitions);
  const admin = await person("admin");
  await publishFinishedShow(t.db, admin, c!.id, { seed: "paper-rating", ballots: 10 });
  const funded = (await fundedProjects(t.db, c!.id))!.map((f) => f.id);
  const [a, b, c3] = funded as [number, number, number];
  const id = await createEvaluationRound(t.db, admin, {
    evaluatesId: c!.id,
    title: "花山 2026 · 效果共评",
    slug: "paper-rating-eval",
    rule: "rating",
    approvalMaxChoices: 3,
    verificationMode: "token",
    votingOpensAt: null,
    votingClosesAt: new Date(Date.now() + DAY),
    items: [a, b, c3],
  });
  // (The ballot cache is per competition id; another test's database had the same ids.)
  await getBallot(t.db, id, true);
  const [community] = await t.db.query.communities.findMany({ limit: 1 });
  return {
    id,
    admin,
    a,
    b,
    c: c3,
    communityId: community!.id,
    clerk1: await person("clerk1"),
    clerk2: await person("clerk2"),
  };
}

async function refusalOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof PaperError) return { refusal: e.refusal, problems: e.problems };
    if (e instanceof ResultsError) return { refusal: e.refusal, problems: [] };
    throw e;
  }
  return null;
}

const paperAudits = async () =>
  (
    await t.db
      .select({ action: auditLog.action, payload: auditLog.payload })
      .from(auditLog)
      .where(like(auditLog.action, "paper.%"))
      .orderBy(asc(auditLog.id))
  ).map((r) => r.action);

describe("paper stations in a rating round", () => {
  it("refuses implausible counts in words, saving nothing", async () => {
    const s = await ratingRound();
    const station = (await createStation(t.db, s.admin, {
      competitionId: s.id,
      communityId: s.communityId,
      name: "春和站",
    }))!;
    const enter = (ratings: Record<string, number[]>, ballotsCast = 10, invalid = 0) =>
      refusalOf(
        enterCount(t.db, s.clerk1, station.id, { ballotsCast, invalid, votes: {}, ratings }),
      );

    expect(await enter({ [s.a]: [0, 0, 0, 0, 11] })).toEqual({
      refusal: "invalidCount",
      problems: [{ field: String(s.a), problem: "moreThanValid" }],
    });
    // 10 received, 2 invalid: 8 valid ballots; 9 on one project is one too many.
    expect(await enter({ [s.a]: [0, 0, 0, 4, 5] }, 10, 2)).toMatchObject({
      problems: [{ field: String(s.a), problem: "moreThanValid" }],
    });
    expect(await enter({ [s.a]: [0, 0, 0, 0, 5] }, 10, 11)).toMatchObject({
      problems: expect.arrayContaining([{ field: "invalid", problem: "moreThanCast" }]),
    });
    expect(await enter({ [s.a]: [0, -1, 0, 0, 10] })).toMatchObject({
      problems: [{ field: `${s.a}:2`, problem: "negative" }],
    });
    expect(await enter({ "999999": [0, 0, 0, 0, 10] })).toMatchObject({
      problems: [{ field: "999999", problem: "notAProject" }],
    });
    // 10 valid ballots and 6 ratings: 4 ballots rated nothing and belong with the invalid ones.
    expect(await enter({ [s.a]: [0, 0, 0, 0, 6] })).toMatchObject({
      problems: [{ field: "ratings", problem: "fewerRatingsThanBallots" }],
    });
    expect(await t.db.select().from(paperCounts)).toEqual([]);
    expect(await paperAudits()).toEqual([]);
  });

  it("double entry: agreeing counts confirm the station, a mismatch waits for the street's resolution; tally and published result count paper with online", async () => {
    const s = await ratingRound();
    const [aStation, bStation] = [
      (await createStation(t.db, s.admin, {
        competitionId: s.id,
        communityId: s.communityId,
        name: "春和社区服务站",
      }))!,
      (await createStation(t.db, s.admin, {
        competitionId: s.id,
        communityId: s.communityId,
        name: "春和广场",
      }))!,
    ];

    // Online: three residents.
    const { tokens } = await issueBatch(t.db, s.admin, {
      competitionId: s.id,
      name: "共评卡",
      communityId: null,
      count: 3,
    });
    for (const [i, [choices, ratings]] of (
      [
        [[s.a], [5]],
        [
          [s.a, s.b],
          [4, 3],
        ],
        [[s.a], [4]],
      ] as Array<[number[], number[]]>
    ).entries())
      expect(await castBallot(t.db, tokens[i]!.token, choices, { ratings })).toMatchObject({
        ok: true,
      });

    // Station A: both clerks count the same (an absent level or project is 0).
    const countA = {
      ballotsCast: 6,
      invalid: 1,
      votes: {},
      ratings: { [s.a]: [0, 0, 1, 1, 3], [s.b]: [1, 0, 0, 0, 0] },
    };
    expect((await enterCount(t.db, s.clerk1, aStation.id, countA)).status).toBe("single");
    // The same clerk again (a correction) is still one entry.
    expect((await enterCount(t.db, s.clerk1, aStation.id, countA)).status).toBe("single");
    const agreed = await enterCount(t.db, s.clerk2, aStation.id, {
      ...countA,
      ratings: { ...countA.ratings, [s.c]: [0, 0, 0, 0, 0] },
    });
    expect(agreed).toMatchObject({
      status: "agreed",
      result: {
        ballotsCast: 6,
        invalid: 1,
        ratings: {
          [s.a]: [0, 0, 1, 1, 3],
          [s.b]: [1, 0, 0, 0, 0],
          [s.c]: [0, 0, 0, 0, 0],
        },
      },
    });
    expect(await refusalOf(enterCount(t.db, s.clerk1, aStation.id, countA))).toMatchObject({
      refusal: "confirmed",
    });
    // Stored like the online ratings: a row per project and level (zeros too).
    const rows = await t.db
      .select()
      .from(stationResultRatings)
      .where(eq(stationResultRatings.stationId, aStation.id));
    expect(rows).toHaveLength(3 * 5);
    expect(
      rows
        .filter((r) => r.proposalId === s.a)
        .sort((x, y) => x.rating - y.rating)
        .map((r) => r.ballots),
    ).toEqual([0, 0, 1, 1, 3]);
    const [stored] = await t.db
      .select()
      .from(paperCounts)
      .where(and(eq(paperCounts.stationId, aStation.id), eq(paperCounts.userId, s.clerk2.userId)));
    expect(stored).toMatchObject({ votes: {}, ratings: { [s.a]: [0, 0, 1, 1, 3] } });

    // Station B: the clerks differ on two levels of project a.
    const countB = {
      ballotsCast: 4,
      invalid: 0,
      votes: {},
      ratings: { [s.a]: [0, 0, 0, 0, 4], [s.c]: [0, 2, 0, 0, 0] },
    };
    await enterCount(t.db, s.clerk1, bStation.id, countB);
    const mismatch = await enterCount(t.db, s.clerk2, bStation.id, {
      ...countB,
      ratings: { ...countB.ratings, [s.a]: [0, 0, 0, 1, 3] },
    });
    expect(mismatch).toMatchObject({
      status: "mismatch",
      diff: [
        { line: `${s.a}:4`, values: [0, 1] },
        { line: `${s.a}:5`, values: [4, 3] },
      ],
    });
    const listed = await listStations(t.db, s.id);
    expect(listed.map((x) => [x.name, x.rule, x.reconciliation.status, x.confirmed])).toEqual([
      ["春和社区服务站", "rating", "agreed", true],
      ["春和广场", "rating", "mismatch", false],
    ]);
    // Not counted yet: the tally has station A only.
    let tally = (await computeTally(t.db, s.id))!;
    expect(tally).toMatchObject({ stationsConfirmed: 1, stationsTotal: 2, ballotsOffline: 5 });
    // Only a mismatch is resolved, and only with a plausible count.
    expect(await refusalOf(resolveCount(t.db, s.admin, aStation.id, countA, "复核"))).toMatchObject(
      { refusal: "confirmed" },
    );
    expect(
      await refusalOf(
        resolveCount(
          t.db,
          s.admin,
          bStation.id,
          { ...countB, ratings: { [s.a]: [0, 0, 0, 1, 4] } },
          "复核",
        ),
      ),
    ).toMatchObject({ refusal: "invalidCount" });
    const resolved = await resolveCount(
      t.db,
      s.admin,
      bStation.id,
      { ...countB, ratings: { ...countB.ratings, [s.a]: [0, 0, 0, 1, 3] } },
      "复核原始选票,第二位计票员正确",
    );
    expect(resolved).toMatchObject({ status: "resolved" });
    const [result] = await t.db
      .select()
      .from(stationResults)
      .where(eq(stationResults.stationId, bStation.id));
    expect(result).toMatchObject({ ballotsCast: 4, invalid: 0, source: "resolution" });

    // Audited, each in the transaction of its change; the chain is intact.
    expect(await paperAudits()).toEqual([
      "paper.entry",
      "paper.entry",
      "paper.entry",
      "paper.confirmed",
      "paper.entry",
      "paper.entry",
      "paper.resolved",
    ]);
    const [confirmedAudit] = await t.db
      .select({ payload: auditLog.payload })
      .from(auditLog)
      .where(eq(auditLog.action, "paper.resolved"));
    expect(confirmedAudit!.payload).toMatchObject({
      reason: "复核原始选票,第二位计票员正确",
      ratings: { [s.a]: [0, 0, 0, 1, 3] },
    });
    expect((await verifyAuditLog(t.db)).ok).toBe(true);

    // The live tally: online and paper together. a: online 5,4,4; A 3,4,5,5,5; B 4,5,5,5.
    tally = (await computeTally(t.db, s.id))!;
    const row = (id: number) => tally.projects.find((p) => p.id === id)!;
    expect(row(s.a)).toMatchObject({
      online: 3,
      offline: 9,
      total: 12,
      ratings: [0, 0, 1, 4, 7],
      mean: "4.50",
    });
    expect(row(s.b)).toMatchObject({
      online: 1,
      offline: 1,
      ratings: [1, 0, 1, 0, 0],
      mean: "2.00",
    });
    expect(row(s.c)).toMatchObject({
      online: 0,
      offline: 2,
      ratings: [0, 2, 0, 0, 0],
      mean: "2.00",
    });
    expect(tally).toMatchObject({
      ballotsOnline: 3,
      ballotsOffline: 5 + 4,
      invalidOffline: 1,
      stationsConfirmed: 2,
      stationsTotal: 2,
    });

    // Published: the same numbers, each station's sheet kept, with its hash.
    await t.db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, s.id));
    const run = await runResults(t.db, s.admin, s.id, { kind: "evaluation" }, "");
    await publishRun(t.db, s.admin, s.id, run.id, noticeWeek());
    const pub = (await getPublishedEvaluation(t.db, s.id))!;
    expect(pub.outputHash).toBe(hashOutput(pub.output));
    const out = (id: number) => pub.output.rows.find((r) => r.id === id)!;
    expect(out(s.a)).toMatchObject({
      rank: 1,
      count: 12,
      sum: 54,
      mean: "4.50",
      distribution: [0, 0, 1, 4, 7],
      paper: { count: 9, distribution: [0, 0, 1, 2, 6] },
    });
    expect(out(s.c)).toMatchObject({ count: 2, mean: "2.00", paper: { count: 2 } });
    expect(pub.output.brands.reduce((n, b) => n + b.count, 0)).toBe(12 + 2 + 2);
    expect(pub.output.ballots).toMatchObject({ ballotsOffline: 9, stationsConfirmed: 2 });
    expect(
      pub.output.stations?.map((x) => [x.name, x.ballotsCast, x.ratings[String(s.a)]]),
    ).toEqual(
      expect.arrayContaining([
        ["春和社区服务站", 6, [0, 0, 1, 1, 3]],
        ["春和广场", 4, [0, 0, 0, 1, 3]],
      ]),
    );
  });

  it("a station still waiting for its second count stops publishing", async () => {
    const s = await ratingRound();
    const station = (await createStation(t.db, s.admin, {
      competitionId: s.id,
      communityId: s.communityId,
      name: "兰园站",
    }))!;
    await enterCount(t.db, s.clerk1, station.id, {
      ballotsCast: 2,
      invalid: 0,
      votes: {},
      ratings: { [s.a]: [0, 0, 0, 0, 2] },
    });
    await t.db
      .update(competitions)
      .set({ votingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(competitions.id, s.id));
    const run = await runResults(t.db, s.admin, s.id, { kind: "evaluation" }, "");
    expect(await refusalOf(publishRun(t.db, s.admin, s.id, run.id, noticeWeek()))).toMatchObject({
      refusal: "stationsUnconfirmed",
    });
  });

  it("the vote rule stays once a paper count is recorded (counts per level are no ticks)", async () => {
    const s = await ratingRound();
    const [c] = await t.db.select().from(competitions).where(eq(competitions.id, s.id));
    const settings = (voteRule: "approval" | "rating") => ({
      title: c!.title,
      year: c!.year,
      round: c!.round,
      description: c!.description,
      proposalDeadline: c!.proposalDeadline,
      roadshowAt: c!.roadshowAt,
      votingOpensAt: c!.votingOpensAt,
      votingClosesAt: c!.votingClosesAt,
      noticeStartsAt: c!.noticeStartsAt,
      noticeEndsAt: c!.noticeEndsAt,
      judgeWeightPct: c!.judgeWeightPct,
      voteRule,
      approvalMaxChoices: c!.approvalMaxChoices,
      voterBudgetFen: c!.voterBudgetFen,
      verificationMode: c!.verificationMode,
      judgeAggregation: c!.judgeAggregation,
      pitchSeconds: c!.pitchSeconds,
      qaSeconds: c!.qaSeconds,
    });
    // Before anything is recorded the street may still switch (and back).
    expect(await updateCompetition(t.db, s.admin, s.id, settings("approval"))).toBe("saved");
    expect(await updateCompetition(t.db, s.admin, s.id, settings("rating"))).toBe("saved");
    const station = (await createStation(t.db, s.admin, {
      competitionId: s.id,
      communityId: s.communityId,
      name: "橘园站",
    }))!;
    await getBallot(t.db, s.id, true);
    await enterCount(t.db, s.clerk1, station.id, {
      ballotsCast: 1,
      invalid: 0,
      votes: {},
      ratings: { [s.a]: [0, 0, 0, 0, 1] },
    });
    expect(await updateCompetition(t.db, s.admin, s.id, settings("approval"))).toBe(
      "voteRuleLocked",
    );
    const [after] = await t.db.select().from(competitions).where(eq(competitions.id, s.id));
    expect(after!.voteRule).toBe("rating");
    // Other settings still save.
    expect(
      await updateCompetition(t.db, s.admin, s.id, { ...settings("rating"), title: "改名" }),
    ).toBe("saved");
  });
});
