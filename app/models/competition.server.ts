import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  communities,
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeRecusals,
} from "../../db/schema";

export async function listCompetitions(db: DbOrTx) {
  return db
    .select({
      id: competitions.id,
      slug: competitions.slug,
      title: competitions.title,
      year: competitions.year,
      round: competitions.round,
      phase: competitions.phase,
      roadshowAt: competitions.roadshowAt,
    })
    .from(competitions)
    .orderBy(desc(competitions.year), desc(competitions.id));
}

export async function getCompetitionOverview(db: DbOrTx, id: number) {
  const [competition] = await db
    .select()
    .from(competitions)
    .where(eq(competitions.id, id))
    .limit(1);
  if (!competition) return null;
  const [criteriaRows, fundRows, judgeCount] = await Promise.all([
    db
      .select()
      .from(criteria)
      .where(eq(criteria.competitionId, id))
      .orderBy(asc(criteria.position)),
    db.select().from(funds).where(eq(funds.competitionId, id)).orderBy(asc(funds.kind)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(competitionJudges)
      .where(eq(competitionJudges.competitionId, id)),
  ]);
  return {
    competition,
    criteria: criteriaRows,
    funds: fundRows,
    judgeCount: judgeCount[0]?.n ?? 0,
  };
}

/** The competitions a judge sits on, with the communities they are recused from. */
export async function listJudgeAssignments(db: DbOrTx, judgeUserId: number) {
  const rows = await db
    .select({
      id: competitions.id,
      title: competitions.title,
      phase: competitions.phase,
      year: competitions.year,
    })
    .from(competitionJudges)
    .innerJoin(competitions, eq(competitions.id, competitionJudges.competitionId))
    .where(eq(competitionJudges.userId, judgeUserId))
    .orderBy(desc(competitions.year));
  const recusals = await db
    .select({ competitionId: judgeRecusals.competitionId, community: communities.name })
    .from(judgeRecusals)
    .innerJoin(communities, eq(communities.id, judgeRecusals.communityId))
    .where(and(eq(judgeRecusals.judgeUserId, judgeUserId)));
  return rows.map((c) => ({
    ...c,
    recusedFrom: recusals.filter((r) => r.competitionId === c.id).map((r) => r.community),
  }));
}
