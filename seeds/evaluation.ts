/**
 * The demo's 效果共评 round: once the demo competition has a published result (publish it on the
 * results tab, or in a test), `npm run db:seed` adds a rating round over its funded projects,
 * open for two weeks, cards and registry both accepted. Idempotent: never a second round.
 */
import { and, eq } from "drizzle-orm";
import seedrandom from "seedrandom";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { flushBallots } from "../app/models/ballot-box.server";
import { castBallot, getBallot, issueBatch } from "../app/models/ballot.server";
import { listDeliveries, markDone } from "../app/models/delivery.server";
import {
  createEvaluationRound,
  fundedProjects,
  listComments,
  moderateComments,
} from "../app/models/evaluation.server";
import { createStation, enterCount } from "../app/models/paper.server";
import { publishRun, runResults } from "../app/models/results.server";
import { actorOf } from "../app/models/user.server";
import type { Db } from "../db/client";
import { communities, competitions, resultRuns, users } from "../db/schema";
import { COMPETITION } from "./demo-data";

export const DEMO_EVALUATION_SLUG = `${COMPETITION.slug}-eval`;

/** Creates the demo round when it can (a published result) and is missing; returns its id. */
export async function seedEvaluationDemo(db: Db, now = new Date()): Promise<number | null> {
  const [demo] = await db
    .select({ id: competitions.id, title: competitions.title })
    .from(competitions)
    .where(eq(competitions.slug, COMPETITION.slug));
  if (!demo) return null;
  const [existing] = await db
    .select({ id: competitions.id })
    .from(competitions)
    .where(eq(competitions.slug, DEMO_EVALUATION_SLUG));
  if (existing) return null;
  const funded = await fundedProjects(db, demo.id);
  if (!funded?.length) return null;
  return createEvaluationRound(db, SYSTEM_ACTOR, {
    evaluatesId: demo.id,
    title: `${demo.title} · 效果共评`,
    slug: DEMO_EVALUATION_SLUG,
    rule: "rating",
    approvalMaxChoices: 3,
    verificationMode: "both",
    votingOpensAt: now,
    votingClosesAt: new Date(now.getTime() + 14 * 24 * 3600_000),
    items: funded.map((f) => f.id),
  });
}

const COMMENTS = [
  "楼道清爽了,老人晚上走路放心多了。",
  "活动办得热闹,希望明年继续。",
  "效果不错,但通知可以再早一点。",
  "孩子们很喜欢,周末都去。",
];

/**
 * The demo's verdict (db:seed -- --evaluated): the first project in progress is finished (its
 * needs become resolved), residents rate the round's projects with cards (a seeded, reproducible
 * spread of 1–5 and a few comments, through the real cast path) and on paper at one polling
 * station (both clerks enter the same count, so it is confirmed), voting closes, the street
 * approves the comments and publishes the scores. Once only: nothing if the round has a
 * published result.
 */
export async function playEvaluationDemo(db: Db, roundId: number, options = { ballots: 60 }) {
  const [published] = await db
    .select({ id: resultRuns.id })
    .from(resultRuns)
    .where(and(eq(resultRuns.competitionId, roundId), eq(resultRuns.status, "published")));
  if (published) return null;
  const [adminRow] = await db.select().from(users).where(eq(users.username, "admin"));
  const admin = actorOf(adminRow!);
  const street = {
    id: adminRow!.id,
    username: adminRow!.username,
    role: adminRow!.role,
    communityId: null,
  };
  const [round] = await db
    .select({ evaluates: competitions.evaluatesCompetitionId })
    .from(competitions)
    .where(eq(competitions.id, roundId));
  const active = (await listDeliveries(db, { competitionId: round!.evaluates! })).find(
    (d) => d.status === "in_progress",
  );
  if (active) await markDone(db, street, active.id);

  const items = (await getBallot(db, roundId, true))!.projects.map((p) => p.id);
  const { tokens } = await issueBatch(db, admin, {
    competitionId: roundId,
    name: "效果共评 · 入户发放",
    communityId: null,
    count: options.ballots,
  });
  const random = seedrandom("huashan-evaluation");
  const liking = new Map(items.map((id) => [id, 2.6 + random() * 2.2]));
  let comments = 0;
  for (const { token } of tokens) {
    const rated = items.filter(() => random() < 0.7);
    if (!rated.length) rated.push(items[Math.floor(random() * items.length)]!);
    const ratings = rated.map((id) =>
      Math.min(5, Math.max(1, Math.round(liking.get(id)! + (random() - 0.5) * 2))),
    );
    const said =
      random() < 0.1
        ? [{ proposalId: rated[0]!, body: COMMENTS[comments++ % COMMENTS.length]! }]
        : [];
    await castBallot(db, token, rated, { ratings, comments: said });
  }
  await countPaperDemo(db, admin, roundId, items, random);
  await db
    .update(competitions)
    .set({ votingClosesAt: new Date(Date.now() - 1000) })
    .where(eq(competitions.id, roundId));
  await flushBallots(db, { competitionId: roundId, minBatch: 0 });
  const pending = await listComments(db, roundId, "pending");
  await moderateComments(
    db,
    admin,
    roundId,
    pending.map((c) => c.id),
    "approved",
  );
  const run = await runResults(db, admin, roundId, { kind: "evaluation" }, "");
  await publishRun(db, admin, roundId, run.id, {
    startsAt: new Date(Date.now() - 1000),
    endsAt: new Date(Date.now() + 7 * 24 * 3600_000),
  });
  return { runId: run.id, ballots: tokens.length, done: active?.proposalId ?? null };
}

/**
 * Paper ballots of the verdict: one polling station in the first community, 20 ballots (one
 * invalid), each project rated on most of them; both clerks enter the same count.
 */
async function countPaperDemo(
  db: Db,
  admin: ReturnType<typeof actorOf>,
  roundId: number,
  items: number[],
  random: () => number,
) {
  const [community] = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .orderBy(communities.id)
    .limit(1);
  const station = await createStation(db, admin, {
    competitionId: roundId,
    communityId: community!.id,
    name: `${community!.name}党群服务中心`,
  });
  if (!station) return;
  const valid = 19;
  const ratings = Object.fromEntries(
    items.map((id) => {
      const levels = [0, 0, 0, 0, 0];
      for (let i = 0; i < valid; i++)
        if (random() < 0.6) levels[Math.min(4, Math.floor(2 + random() * 3.2))]! += 1;
      return [id, levels];
    }),
  );
  const count = { ballotsCast: valid + 1, invalid: 1, votes: {}, ratings };
  for (const username of ["clerk1", "clerk2"]) {
    const [clerk] = await db.select().from(users).where(eq(users.username, username));
    await enterCount(db, { ...actorOf(clerk!), userId: clerk!.id }, station.id, count);
  }
}
