/**
 * A finished show, simulated reproducibly from a seed: every panel judge scores every accepted
 * project (recused judges abstain), residents vote online through real ballot tokens, and paper
 * ballots are counted at polling stations by two clerks who agree. Voting then closes.
 *
 * It goes through the same model functions the app uses for ballots and paper counts; judge
 * sheets are written directly (the live console's timing is not the point here), each checked
 * against the criteria like a tablet's. Used by the results tests and the demo.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import seedrandom from "seedrandom";
import { checkSheet } from "../app/domain/judge-scoring";
import { appendAudit, SYSTEM_ACTOR } from "../app/models/audit.server";
import { flushBallots } from "../app/models/ballot-box.server";
import { castBallot, getBallot, issueBatch } from "../app/models/ballot.server";
import { createStation, enterCount } from "../app/models/paper.server";
import { actorOf } from "../app/models/user.server";
import type { Db } from "../db/client";
import {
  communities,
  competitionJudges,
  competitions,
  criteria,
  judgeRecusals,
  judgeScoreItems,
  judgeScores,
  proposals,
  users,
} from "../db/schema";

export interface SimulationOptions {
  seed: string;
  /** Online ballots to cast. */
  ballots: number;
  /** Paper ballots per polling station (one station per community listed). */
  stations: Array<{ community: string; ballots: number }>;
  /** Usernames of the two clerks who count paper ballots. */
  clerks?: [string, string];
}

interface SimulationResult {
  receipts: string[];
  sheets: number;
}

export async function simulateFinishedShow(
  db: Db,
  competitionId: number,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const random = seedrandom(options.seed);
  const [competition] = await db
    .select()
    .from(competitions)
    .where(eq(competitions.id, competitionId));
  if (!competition) throw new Error(`no competition ${competitionId}`);
  const projects = await db
    .select({ id: proposals.id, communityId: proposals.communityId })
    .from(proposals)
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .where(and(eq(proposals.competitionId, competitionId), eq(proposals.status, "accepted")))
    .orderBy(asc(communities.sortOrder));
  const sheetCriteria = await db
    .select({ id: criteria.id, maxPoints: criteria.maxPoints })
    .from(criteria)
    .where(eq(criteria.competitionId, competitionId))
    .orderBy(asc(criteria.position));
  const panel = await db
    .select({ id: competitionJudges.userId })
    .from(competitionJudges)
    .where(eq(competitionJudges.competitionId, competitionId));
  const recusals = await db
    .select({ judge: judgeRecusals.judgeUserId, community: judgeRecusals.communityId })
    .from(judgeRecusals)
    .where(eq(judgeRecusals.competitionId, competitionId));

  // Each project has a quality and a popularity; each judge a leniency.
  const quality = new Map(projects.map((p) => [p.id, 0.62 + random() * 0.3]));
  const popularity = new Map(projects.map((p) => [p.id, 0.2 + random() ** 2]));
  const leniency = new Map(panel.map((j) => [j.id, (random() - 0.5) * 0.12]));

  let sheets = 0;
  await db.transaction(async (tx) => {
    for (const p of projects) {
      for (const j of panel) {
        if (recusals.some((r) => r.judge === j.id && r.community === p.communityId)) continue;
        const items: Record<number, number> = {};
        for (const c of sheetCriteria) {
          const x = quality.get(p.id)! + leniency.get(j.id)! + (random() - 0.5) * 0.1;
          items[c.id] = Math.max(0, Math.min(c.maxPoints * 2, Math.round(x * c.maxPoints * 2)));
        }
        const check = checkSheet(sheetCriteria, items);
        if (!check.ok) throw new Error("simulated sheet out of range");
        await tx.insert(judgeScores).values({
          proposalId: p.id,
          judgeUserId: j.id,
          competitionId,
          totalHalfPoints: check.totalHalfPoints,
          clientRevision: 1,
          idempotencyKey: randomUUID(),
        });
        await tx.insert(judgeScoreItems).values(
          sheetCriteria.map((c) => ({
            proposalId: p.id,
            judgeUserId: j.id,
            criterionId: c.id,
            halfPoints: items[c.id]!,
          })),
        );
        sheets += 1;
      }
    }
    await appendAudit(tx, SYSTEM_ACTOR, {
      action: "seed.scores",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { sheets, seed: options.seed },
    });
  });

  // Voting: ballots are cast while the window is open (the database's clock decides), then the
  // window is moved to have just closed.
  const closesAt = new Date(Date.now() - 60_000);
  const opensAt = new Date(closesAt.getTime() - 48 * 3600_000);
  await db
    .update(competitions)
    .set({
      phase: "voting",
      votingOpensAt: opensAt,
      votingClosesAt: null,
      updatedAt: new Date(),
    })
    .where(eq(competitions.id, competitionId));
  const ballot = (await getBallot(db, competitionId, true))!;
  const k = ballot.rule === "approval" ? ballot.maxChoices : ballot.projects.length;
  const pick = () => {
    const chosen = new Set<number>();
    const want = 1 + Math.floor(random() * k);
    for (let tries = 0; chosen.size < want && tries < 50; tries++) {
      const p = ballot.projects[Math.floor(random() * ballot.projects.length)]!;
      if (random() < popularity.get(p.id)!) chosen.add(p.id);
    }
    if (chosen.size === 0) chosen.add(ballot.projects[0]!.id);
    return [...chosen];
  };

  const [admin] = await db.select().from(users).where(eq(users.role, "street_admin")).limit(1);
  const adminActor = admin ? actorOf(admin) : SYSTEM_ACTOR;
  const receipts: string[] = [];
  for (let left = options.ballots; left > 0;) {
    const count = Math.min(left, 5000);
    const { tokens } = await issueBatch(db, adminActor, {
      competitionId,
      name: `模拟批次 ${receipts.length + 1}`,
      communityId: projects[Math.floor(random() * projects.length)]?.communityId ?? null,
      count,
    });
    for (const { token } of tokens) {
      const r = await castBallot(db, token, pick());
      if (!r.ok) throw new Error(`simulated ballot refused: ${r.refusal}`);
      receipts.push(r.receipt);
    }
    left -= count;
  }
  await db
    .update(competitions)
    .set({ votingClosesAt: closesAt, updatedAt: new Date() })
    .where(eq(competitions.id, competitionId));
  // Voting has closed: every pending ballot moves into the ballot table (shuffled batches).
  await flushBallots(db, { competitionId, minBatch: 0 });

  const [clerkA, clerkB] = options.clerks ?? ["clerk1", "clerk2"];
  const clerkRows = await db.select().from(users).where(eq(users.role, "clerk"));
  const a = clerkRows.find((u) => u.username === clerkA);
  const b = clerkRows.find((u) => u.username === clerkB);
  if (options.stations.length && (!a || !b))
    throw new Error("two clerks are needed for paper ballots");
  const communityRows = await db.select().from(communities);
  for (const s of options.stations) {
    const community = communityRows.find((c) => c.name === s.community);
    if (!community) throw new Error(`no community ${s.community}`);
    const station = await createStation(db, adminActor, {
      competitionId,
      communityId: community.id,
      name: `${community.name}党群服务中心`,
    });
    if (!station) continue;
    const invalid = Math.floor(s.ballots * 0.03);
    const votes: Record<string, number> = Object.fromEntries(
      ballot.projects.map((p) => [String(p.id), 0]),
    );
    for (let i = 0; i < s.ballots - invalid; i++) for (const id of pick()) votes[String(id)]! += 1;
    const count = { ballotsCast: s.ballots, invalid, votes };
    await enterCount(db, { ...actorOf(a!), userId: a!.id }, station.id, count);
    await enterCount(db, { ...actorOf(b!), userId: b!.id }, station.id, count);
  }
  return { receipts, sheets };
}
