/**
 * A competition sized for checking the big screen at the ends of what a hall runs: `judges`
 * panel judges and `projects` accepted proposals, every sheet scored and residents' ballots
 * cast (seeds/simulate.ts), and the live show standing on the last project's revealed score
 * with every earlier one revealed too, so the standing and the vote list are as long as they
 * get. Community names are long on purpose (the worst case for the side lists).
 */
import { eq } from "drizzle-orm";
import seedrandom from "seedrandom";
import { initialState, type LiveState } from "../app/domain/pitch-machine";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { castBallot, getBallot, issueBatch } from "../app/models/ballot.server";
import type { Db } from "../db/client";
import {
  communities,
  competitionJudges,
  competitions,
  criteria,
  evaluationItems,
  liveSessions,
  proposals,
  streets,
  users,
} from "../db/schema";
import { simulateFinishedShow } from "./simulate";

interface ScreenFixture {
  competitionId: number;
  slug: string;
}

const NUMBERS = "一二三四五六七八九十";
function chineseNumber(n: number) {
  if (n <= 10) return NUMBERS[n - 1]!;
  if (n < 20) return `十${NUMBERS[n - 11]!}`;
  return `${NUMBERS[Math.floor(n / 10) - 1]!}十${n % 10 ? NUMBERS[(n % 10) - 1]! : ""}`;
}

export async function seedScreenFixture(
  db: Db,
  /** `qr`: residents may also vote by scanning the screen's QR (it then takes room on screen). */
  options: { judges: number; projects: number; slug: string; qr?: boolean },
): Promise<ScreenFixture> {
  const { judges, projects, slug } = options;
  const [street] = await db
    .insert(streets)
    .values({ name: `大屏测试街道 ${slug}`, district: "测试区" })
    .returning({ id: streets.id });
  const streetId = street!.id;
  const communityIds: number[] = [];
  for (let i = 1; i <= projects; i++) {
    const [c] = await db
      .insert(communities)
      .values({ streetId, name: `华山路第${chineseNumber(i)}居民区`, sortOrder: i })
      .returning({ id: communities.id });
    communityIds.push(c!.id);
  }
  const [competition] = await db
    .insert(competitions)
    .values({
      streetId,
      slug,
      title: `2026 年度社区微更新项目路演(${judges} 位评委 · ${projects} 个项目)`,
      year: 2026,
      phase: "roadshow",
      verificationMode: options.qr ? "both" : "token",
    })
    .returning({ id: competitions.id });
  const competitionId = competition!.id;
  await db.insert(criteria).values([
    { competitionId, position: 1, name: "需求契合", maxPoints: 30 },
    { competitionId, position: 2, name: "可行性", maxPoints: 30 },
    { competitionId, position: 3, name: "居民参与", maxPoints: 40 },
  ]);
  for (let seat = 1; seat <= judges; seat++) {
    const [u] = await db
      .insert(users)
      .values({
        username: `${slug}-judge${seat}`,
        displayName: `评委${seat}`,
        role: "judge",
        passwordHash: "!",
      })
      .returning({ id: users.id });
    await db.insert(competitionJudges).values({ competitionId, userId: u!.id, seat });
  }
  const ids: number[] = [];
  for (const [i, communityId] of communityIds.entries()) {
    const [p] = await db
      .insert(proposals)
      .values({
        competitionId,
        communityId,
        title: `楼道微更新与睦邻客厅共建计划 ${i + 1}`,
        status: "accepted",
        submittedAt: new Date(),
        decidedAt: new Date(),
      })
      .returning({ id: proposals.id });
    ids.push(p!.id);
  }
  await simulateFinishedShow(db, competitionId, { seed: slug, ballots: 60, stations: [] });
  // The show stands on the last pitch's revealed score, every pitch revealed.
  const state: LiveState = {
    ...initialState(ids),
    current: ids.length - 1,
    stage: "revealed",
    revealed: [...ids],
  };
  await db.delete(liveSessions).where(eq(liveSessions.competitionId, competitionId));
  await db.insert(liveSessions).values({ competitionId, state, version: state.version });
  return { competitionId, slug };
}

/**
 * A 效果共评 round sized for the big screen: `projects` funded projects of a closed competition
 * (long community names), the round open for voting in `rule` mode, and `ballots` residents who
 * rated (or picked) some of them through the real cast path, reproducibly from the slug. The
 * round's ballots are left pending, as on a live screen.
 */
export async function seedEvaluationScreenFixture(
  db: Db,
  options: {
    projects: number;
    slug: string;
    rule: "rating" | "approval";
    ballots: number;
    qr?: boolean;
  },
): Promise<ScreenFixture> {
  const { projects, slug, rule } = options;
  const [street] = await db
    .insert(streets)
    .values({ name: `大屏共评街道 ${slug}`, district: "测试区" })
    .returning({ id: streets.id });
  const [contest] = await db
    .insert(competitions)
    .values({
      streetId: street!.id,
      slug: `${slug}-contest`,
      title: "2026 年度社区微更新项目路演",
      year: 2026,
      phase: "closed",
    })
    .returning({ id: competitions.id });
  const ids: number[] = [];
  for (let i = 1; i <= projects; i++) {
    const [c] = await db
      .insert(communities)
      .values({ streetId: street!.id, name: `华山路第${chineseNumber(i)}居民区`, sortOrder: i })
      .returning({ id: communities.id });
    const [p] = await db
      .insert(proposals)
      .values({
        competitionId: contest!.id,
        communityId: c!.id,
        title: `楼道微更新与睦邻客厅共建计划 ${i}`,
        brand: i % 3 === 0 ? "" : `一社一品 · 睦邻${chineseNumber(i)}号`,
        status: "accepted",
        submittedAt: new Date(),
        decidedAt: new Date(),
      })
      .returning({ id: proposals.id });
    ids.push(p!.id);
  }
  const [round] = await db
    .insert(competitions)
    .values({
      streetId: street!.id,
      slug,
      title: `2026 年度社区微更新 · 效果共评(${projects} 个项目)`,
      kind: "evaluation",
      evaluatesCompetitionId: contest!.id,
      year: 2026,
      phase: "voting",
      voteRule: rule,
      approvalMaxChoices: 3,
      verificationMode: options.qr ? "both" : "token",
      votingClosesAt: new Date(Date.now() + 24 * 3600_000),
      judgeWeightPct: 0,
      residentWeightPct: 100,
    })
    .returning({ id: competitions.id });
  const competitionId = round!.id;
  await db
    .insert(evaluationItems)
    .values(ids.map((proposalId, i) => ({ competitionId, proposalId, position: i + 1 })));
  const { tokens } = await issueBatch(db, SYSTEM_ACTOR, {
    competitionId,
    name: "大屏共评卡",
    communityId: null,
    count: options.ballots,
  });
  await getBallot(db, competitionId, true);
  const random = seedrandom(slug);
  for (const { token } of tokens) {
    // Each resident rates (or picks) a few projects; the earlier ones a little better.
    const picked = ids.filter(() => random() < 0.5).slice(0, rule === "approval" ? 3 : undefined);
    const choices = picked.length ? picked : [ids[0]!];
    const ratings = choices.map((id) => {
      const lean = 1 - ids.indexOf(id) / (2 * ids.length);
      return Math.min(5, Math.max(1, Math.round(1 + 4 * lean * random() + random())));
    });
    const cast = await castBallot(db, token, choices, rule === "rating" ? { ratings } : {});
    if (!cast.ok) throw new Error(`screen fixture: ballot refused (${cast.refusal})`);
  }
  return { competitionId, slug };
}
