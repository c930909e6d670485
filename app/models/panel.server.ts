/**
 * The panel as the scoring rule sees it (app/domain/judge-scoring.ts `sheetCounts`): who sits on
 * it, who is recused from which community, and each proposal's community. Read inside the
 * caller's transaction, so a count and the panel it used are consistent.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { competitionJudges, judgeRecusals, judgeScores, proposals } from "../../db/schema";
import { countedSheets, type PanelFacts } from "../domain/judge-scoring";

export async function loadPanelFacts(db: DbOrTx, competitionId: number): Promise<PanelFacts> {
  const [panel, recusals, communities] = await Promise.all([
    db
      .select({ id: competitionJudges.userId })
      .from(competitionJudges)
      .where(eq(competitionJudges.competitionId, competitionId)),
    db
      .select({ judgeId: judgeRecusals.judgeUserId, communityId: judgeRecusals.communityId })
      .from(judgeRecusals)
      .where(eq(judgeRecusals.competitionId, competitionId)),
    db
      .select({ id: proposals.id, communityId: proposals.communityId })
      .from(proposals)
      .where(eq(proposals.competitionId, competitionId)),
  ]);
  return {
    panel: panel.map((p) => p.id),
    recusals,
    communityOf: new Map(communities.map((p) => [p.id, p.communityId])),
  };
}

/** Every sheet of a competition (counted or not): judge, proposal and total. */
export async function allSheets(db: DbOrTx, competitionId: number) {
  return db
    .select({
      proposalId: judgeScores.proposalId,
      judgeId: judgeScores.judgeUserId,
      halfPoints: judgeScores.totalHalfPoints,
    })
    .from(judgeScores)
    .where(eq(judgeScores.competitionId, competitionId));
}

/** The sheets that count, by the one rule. */
export async function countedJudgeTotals(db: DbOrTx, competitionId: number) {
  const [sheets, facts] = await Promise.all([
    allSheets(db, competitionId),
    loadPanelFacts(db, competitionId),
  ]);
  return countedSheets(sheets, facts);
}
