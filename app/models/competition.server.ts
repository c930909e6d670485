import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { rowsOf } from "../../db/rows";
import {
  ballotEnvelopes,
  ballots,
  communities,
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeRecusals,
  paperCounts,
  pollingStations,
  proposals,
  streets,
  users,
} from "../../db/schema";
import { checkCriteria, checkPhaseChange, criteriaLocked } from "../domain/competition-rules";
import type {
  CompetitionPhase,
  FundKind,
  JudgeAggregation,
  ProjectCategory,
  RegistryProof,
  VerificationMode,
  VoteRule,
} from "../domain/enums";
import { panelChangeEffect } from "../domain/judge-scoring";
import { appendAudit, type Actor } from "./audit.server";
import { allSheets, loadPanelFacts } from "./panel.server";

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

// ── Setup (street admin) ──────────────────────────────────────────────────────────────────

interface CompetitionSettings {
  title: string;
  year: number;
  round: number;
  description: string;
  proposalDeadline: Date | null;
  roadshowAt: Date | null;
  votingOpensAt: Date | null;
  votingClosesAt: Date | null;
  noticeStartsAt: Date | null;
  noticeEndsAt: Date | null;
  judgeWeightPct: number;
  voteRule: VoteRule;
  approvalMaxChoices: number;
  voterBudgetFen: number | null;
  verificationMode: VerificationMode;
  judgeAggregation: JudgeAggregation;
  pitchSeconds: number;
  qaSeconds: number;
}

export async function createCompetition(
  db: Db,
  actor: Actor,
  input: CompetitionSettings & { slug: string },
) {
  return db.transaction(async (tx) => {
    // One street per installation (the street office running it).
    const [street] = await tx
      .select({ id: streets.id })
      .from(streets)
      .orderBy(asc(streets.id))
      .limit(1);
    if (!street) throw new SetupError("noStreet");
    const { judgeWeightPct, ...settings } = input;
    const rest = { ...settings, streetId: street.id };
    const [row] = await tx
      .insert(competitions)
      .values({ ...rest, judgeWeightPct, residentWeightPct: 100 - judgeWeightPct })
      .onConflictDoNothing({ target: competitions.slug })
      .returning({ id: competitions.id });
    if (!row) return null;
    // Both funds exist from the start; the admin fills in their amounts.
    await tx.insert(funds).values([
      { competitionId: row.id, kind: "street", name: "街道惠民资金", totalFen: 0 },
      { competitionId: row.id, kind: "foundation", name: "社区基金会", totalFen: 0 },
    ]);
    await appendAudit(tx, actor, {
      action: "competition.create",
      subjectType: "competition",
      subjectId: row.id,
      payload: { title: input.title, slug: input.slug },
    });
    return row.id;
  });
}

export async function updateCompetition(
  db: Db,
  actor: Actor,
  id: number,
  input: CompetitionSettings,
) {
  return db.transaction(async (tx) => {
    const { judgeWeightPct, ...rest } = input;
    // Ballots and paper counts are filled in under the rule (ticks, a budget, ratings 1–5):
    // once any is recorded the rule stays, or they would be read under another one.
    const [current] = await tx
      .select({ voteRule: competitions.voteRule })
      .from(competitions)
      .where(eq(competitions.id, id))
      .for("update");
    if (current && current.voteRule !== input.voteRule && (await votesRecorded(tx, id)))
      return "voteRuleLocked" as const;
    await tx
      .update(competitions)
      .set({
        ...rest,
        judgeWeightPct,
        residentWeightPct: 100 - judgeWeightPct,
        updatedAt: new Date(),
      })
      .where(eq(competitions.id, id));
    await appendAudit(tx, actor, {
      action: "competition.update",
      subjectType: "competition",
      subjectId: id,
      payload: jsonSafe(input),
    });
    return "saved" as const;
  });
}

/** Has any ballot (cast or still sealed) or paper count been recorded for a competition? */
async function votesRecorded(db: DbOrTx, id: number) {
  const [row] = rowsOf<{ any: boolean }>(
    await db.execute(sql`select
      exists (select 1 from ${ballots} where ${ballots.competitionId} = ${id})
      or exists (select 1 from ${ballotEnvelopes} where ${ballotEnvelopes.competitionId} = ${id})
      or exists (select 1 from ${paperCounts} join ${pollingStations}
        on ${pollingStations.id} = ${paperCounts.stationId}
        where ${pollingStations.competitionId} = ${id}) as any`),
  );
  return Boolean(row?.any);
}

/** What the registry path asks of a resident besides name and phone (street admin's choice). */
export async function setRegistryProof(db: Db, actor: Actor, id: number, proof: RegistryProof) {
  await db.transaction(async (tx) => {
    await tx
      .update(competitions)
      .set({ registryProof: proof, updatedAt: new Date() })
      .where(eq(competitions.id, id));
    await appendAudit(tx, actor, {
      action: "competition.registryProof",
      subjectType: "competition",
      subjectId: id,
      payload: { registryProof: proof },
    });
  });
}

export class SetupError extends Error {}

export async function changePhase(
  db: Db,
  actor: Actor,
  id: number,
  to: CompetitionPhase,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ phase: competitions.phase })
      .from(competitions)
      .where(eq(competitions.id, id))
      .for("update");
    if (!row) throw new SetupError("notFound");
    const check = checkPhaseChange(row.phase, to, reason);
    if (!check.ok) throw new SetupError(check.refusal);
    await tx
      .update(competitions)
      .set({ phase: to, updatedAt: new Date() })
      .where(eq(competitions.id, id));
    await appendAudit(tx, actor, {
      action: "competition.phase",
      subjectType: "competition",
      subjectId: id,
      payload: { from: row.phase, to, direction: check.direction, reason: reason.trim() },
    });
    return check.direction;
  });
}

export async function saveCriteria(
  db: Db,
  actor: Actor,
  id: number,
  rows: Array<{ name: string; description: string; maxPoints: number }>,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ phase: competitions.phase })
      .from(competitions)
      .where(eq(competitions.id, id))
      .for("update");
    if (!row) throw new SetupError("notFound");
    if (criteriaLocked(row.phase)) throw new SetupError("locked");
    const check = checkCriteria(rows);
    if (check.problems.length) throw new SetupError(check.problems[0]);
    await tx.delete(criteria).where(eq(criteria.competitionId, id));
    await tx
      .insert(criteria)
      .values(
        rows.map((c, i) => ({ ...c, name: c.name.trim(), competitionId: id, position: i + 1 })),
      );
    await appendAudit(tx, actor, {
      action: "competition.criteria",
      subjectType: "competition",
      subjectId: id,
      payload: { criteria: rows },
    });
  });
}

interface FundSettings {
  kind: FundKind;
  name: string;
  totalFen: number;
  perProjectCapFen: number | null;
  matchRatioBp: number | null;
  eligibleCategories: ProjectCategory[];
}

export async function saveFunds(db: Db, actor: Actor, id: number, rows: FundSettings[]) {
  return db.transaction(async (tx) => {
    for (const f of rows) {
      await tx
        .insert(funds)
        .values({ ...f, competitionId: id })
        .onConflictDoUpdate({
          target: [funds.competitionId, funds.kind],
          set: {
            name: f.name,
            totalFen: f.totalFen,
            perProjectCapFen: f.perProjectCapFen,
            matchRatioBp: f.matchRatioBp,
            eligibleCategories: f.eligibleCategories,
          },
        });
    }
    await appendAudit(tx, actor, {
      action: "competition.funds",
      subjectType: "competition",
      subjectId: id,
      payload: { funds: rows },
    });
  });
}

export async function listJudgePanel(db: DbOrTx, id: number) {
  const [panel, recusals] = await Promise.all([
    db
      .select({
        userId: competitionJudges.userId,
        seat: competitionJudges.seat,
        displayName: users.displayName,
        title: users.title,
      })
      .from(competitionJudges)
      .innerJoin(users, eq(users.id, competitionJudges.userId))
      .where(eq(competitionJudges.competitionId, id))
      .orderBy(asc(competitionJudges.seat)),
    db.select().from(judgeRecusals).where(eq(judgeRecusals.competitionId, id)),
  ]);
  return { panel, recusals };
}

/** Phases in which judges may already have scored: a panel change needs a reason then. */
const SCORED_PHASES: readonly CompetitionPhase[] = ["roadshow", "voting", "results", "closed"];

/**
 * Saves the panel and its recusals. During and after the show (or whenever the change takes a
 * sheet out of the count or brings one back) it needs a reason; the audit entry names the
 * sheets excluded and restored. Returns that effect, so the caller can refresh the live views.
 */
export async function saveJudgePanel(
  db: Db,
  actor: Actor,
  id: number,
  judgeIds: number[],
  recusals: Array<{ judgeUserId: number; communityId: number; reason: string }>,
  changeReason = "",
) {
  return db.transaction(async (tx) => {
    // One save of a panel at a time (two admins at once would race delete → insert).
    const [competition] = await tx
      .select({ phase: competitions.phase })
      .from(competitions)
      .where(eq(competitions.id, id))
      .for("update");
    const before = await loadPanelFacts(tx, id);
    const valid = judgeIds.length
      ? (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(and(inArray(users.id, judgeIds), eq(users.role, "judge")))
        ).map((u) => u.id)
      : [];
    if (valid.length !== new Set(judgeIds).size) throw new SetupError("notAJudge");
    const communityIds = [...new Set(recusals.map((r) => r.communityId))];
    if (communityIds.length) {
      const found = await tx
        .select({ id: communities.id })
        .from(communities)
        .where(inArray(communities.id, communityIds));
      if (found.length !== communityIds.length) throw new SetupError("notACommunity");
    }
    await tx.delete(judgeRecusals).where(eq(judgeRecusals.competitionId, id));
    await tx.delete(competitionJudges).where(eq(competitionJudges.competitionId, id));
    if (judgeIds.length) {
      await tx
        .insert(competitionJudges)
        .values(judgeIds.map((userId, i) => ({ competitionId: id, userId, seat: i + 1 })));
    }
    const seen = new Set<string>();
    const kept = recusals.filter((r) => {
      const key = `${r.judgeUserId}:${r.communityId}`;
      if (!judgeIds.includes(r.judgeUserId) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (kept.length)
      await tx.insert(judgeRecusals).values(kept.map((r) => ({ ...r, competitionId: id })));
    const effect = panelChangeEffect(await allSheets(tx, id), before, await loadPanelFacts(tx, id));
    const reason = changeReason.trim().slice(0, 500);
    const changed =
      effect.excluded.length > 0 ||
      effect.restored.length > 0 ||
      JSON.stringify([...before.panel].sort()) !== JSON.stringify([...judgeIds].sort()) ||
      JSON.stringify(before.recusals.map((r) => `${r.judgeId}:${r.communityId}`).sort()) !==
        JSON.stringify(kept.map((r) => `${r.judgeUserId}:${r.communityId}`).sort());
    const needsReason =
      effect.excluded.length > 0 ||
      effect.restored.length > 0 ||
      (changed && competition !== undefined && SCORED_PHASES.includes(competition.phase));
    if (needsReason && !reason) throw new SetupError("reasonRequired");
    const sheetRef = (s: { judgeId: number; proposalId: number }) => ({
      judgeId: s.judgeId,
      proposalId: s.proposalId,
    });
    await appendAudit(tx, actor, {
      action: "competition.judges",
      subjectType: "competition",
      subjectId: id,
      payload: {
        judges: judgeIds,
        recusals: kept,
        ...(reason ? { reason } : {}),
        ...(effect.excluded.length ? { sheetsExcluded: effect.excluded.map(sheetRef) } : {}),
        ...(effect.restored.length ? { sheetsRestored: effect.restored.map(sheetRef) } : {}),
      },
    });
    return effect;
  });
}

export async function getCompetitionBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select().from(competitions).where(eq(competitions.slug, slug)).limit(1);
  return row ?? null;
}

export async function getCompetition(db: DbOrTx, id: number) {
  const [row] = await db.select().from(competitions).where(eq(competitions.id, id)).limit(1);
  return row ?? null;
}

export async function listFunds(db: DbOrTx, competitionId: number) {
  return db
    .select()
    .from(funds)
    .where(eq(funds.competitionId, competitionId))
    .orderBy(asc(funds.kind));
}

function jsonSafe(value: object) {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Accepted proposals of the competitions a judge sits on, marking those the judge is recused from. */
export async function listJudgeProposals(db: DbOrTx, judgeUserId: number) {
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      competitionId: proposals.competitionId,
      communityId: proposals.communityId,
      communityName: communities.name,
      recused: sql<boolean>`exists (select 1 from ${judgeRecusals} r where r.competition_id = ${proposals.competitionId} and r.judge_user_id = ${judgeUserId} and r.community_id = ${proposals.communityId})`,
    })
    .from(proposals)
    .innerJoin(
      competitionJudges,
      and(
        eq(competitionJudges.competitionId, proposals.competitionId),
        eq(competitionJudges.userId, judgeUserId),
      ),
    )
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .where(eq(proposals.status, "accepted"))
    .orderBy(asc(communities.sortOrder));
  return rows;
}
