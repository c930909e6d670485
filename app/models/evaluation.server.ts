/**
 * 效果共评 on the database. An evaluation round is a competition (kind "evaluation") over some
 * funded projects of another competition (its evaluation_items); everything else is the voting
 * machinery keyed by the round's id: cards, registry, the ballot (acceptedProposals gives the
 * items), envelopes and flush, paper stations (ticks per project in approval mode, counts per
 * level in rating mode), the tally, result runs.
 * Comments come sealed with the ballot and are written unlinked by the flush; the street
 * moderates them here. Every change is audited in its transaction.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import {
  communities,
  competitions,
  evaluationComments,
  evaluationItems,
  proposals,
  resultRuns,
} from "../../db/schema";
import type { CommentStatus, VerificationMode } from "../domain/enums";
import {
  checkItems,
  emptyDistribution,
  fundedProjectIds,
  isEvaluationOutput,
  ruleAllowed,
  type EvaluationInput,
  type EvaluationRow,
  type ItemsProblem,
} from "../domain/evaluation";
import type { ResultOutput } from "../domain/results";
import { appendAudit, type Actor } from "./audit.server";
import { ballotKey, type BallotKey } from "./ballot-box.server";
import { voteCounts } from "./ballot.server";
import { acceptedProposals } from "./proposal.server";

export class EvaluationError extends Error {
  constructor(
    public refusal:
      "notFound" | "notPublished" | "notContest" | "slugTaken" | "badRule" | ItemsProblem,
  ) {
    super(refusal);
  }
}

/** The funded projects of a competition's published result, in its ranking order. */
export async function fundedProjects(db: DbOrTx, competitionId: number) {
  const [run] = await db
    .select({ output: resultRuns.output })
    .from(resultRuns)
    .where(and(eq(resultRuns.competitionId, competitionId), eq(resultRuns.status, "published")))
    .limit(1);
  if (!run || isEvaluationOutput(run.output)) return null;
  const output: ResultOutput = run.output;
  const ids = new Set(fundedProjectIds(output));
  return output.rows
    .filter((r) => ids.has(r.id))
    .map((r) => ({
      id: r.id,
      title: r.title,
      brand: r.brand,
      communityName: r.communityName,
      grantedFen: r.amounts.street + r.amounts.foundation,
    }));
}

export interface NewRound {
  evaluatesId: number;
  title: string;
  slug: string;
  rule: "approval" | "rating";
  approvalMaxChoices: number;
  verificationMode: VerificationMode;
  votingOpensAt: Date | null;
  votingClosesAt: Date;
  items: number[];
}

/**
 * Opens a 效果共评 round over funded projects of a published competition. The round starts in
 * the voting phase; its window (by the database's clock) says when ballots are accepted.
 */
export async function createEvaluationRound(db: Db, actor: Actor, input: NewRound) {
  if (!ruleAllowed("evaluation", input.rule)) throw new EvaluationError("badRule");
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(competitions)
      .where(eq(competitions.id, input.evaluatesId))
      .for("share");
    if (!target) throw new EvaluationError("notFound");
    if (target.kind !== "contest") throw new EvaluationError("notContest");
    const funded = await fundedProjects(tx, target.id);
    if (!funded) throw new EvaluationError("notPublished");
    const problem = checkItems(
      input.items,
      funded.map((f) => f.id),
    );
    if (problem) throw new EvaluationError(problem);
    const [row] = await tx
      .insert(competitions)
      .values({
        streetId: target.streetId,
        slug: input.slug,
        title: input.title,
        kind: "evaluation",
        evaluatesCompetitionId: target.id,
        year: target.year,
        round: target.round,
        phase: "voting",
        voteRule: input.rule,
        approvalMaxChoices: input.approvalMaxChoices,
        verificationMode: input.verificationMode,
        votingOpensAt: input.votingOpensAt,
        votingClosesAt: input.votingClosesAt,
        // No judges in a 效果共评 round: residents' ballots are the whole score.
        judgeWeightPct: 0,
        residentWeightPct: 100,
      })
      .onConflictDoNothing({ target: competitions.slug })
      .returning({ id: competitions.id });
    if (!row) throw new EvaluationError("slugTaken");
    await tx.insert(evaluationItems).values(
      input.items.map((proposalId, i) => ({
        competitionId: row.id,
        proposalId,
        position: i + 1,
      })),
    );
    await appendAudit(tx, actor, {
      action: "evaluation.create",
      subjectType: "competition",
      subjectId: row.id,
      payload: {
        evaluates: target.id,
        title: input.title,
        slug: input.slug,
        rule: input.rule,
        items: input.items,
        votingOpensAt: input.votingOpensAt?.toISOString() ?? null,
        votingClosesAt: input.votingClosesAt.toISOString(),
      },
    });
    return row.id;
  });
}

/** The 效果共评 rounds over a competition, newest first. */
export async function evaluationRoundsOf(db: DbOrTx, competitionId: number) {
  return db
    .select({
      id: competitions.id,
      slug: competitions.slug,
      title: competitions.title,
      phase: competitions.phase,
      voteRule: competitions.voteRule,
    })
    .from(competitions)
    .where(eq(competitions.evaluatesCompetitionId, competitionId))
    .orderBy(desc(competitions.id));
}

/** The competition a round evaluates (null for a competition proper). */
export async function evaluatedCompetition(db: DbOrTx, roundId: number) {
  const [row] = await db
    .select({ id: competitions.id, slug: competitions.slug, title: competitions.title })
    .from(competitions)
    .where(
      eq(
        competitions.id,
        sql`(select evaluates_competition_id from ${competitions} where id = ${roundId})`,
      ),
    );
  return row ?? null;
}

/** Everything a round's scores are computed from, read inside the caller's snapshot. */
export async function loadEvaluationInput(
  db: DbOrTx,
  competitionId: number,
  key?: BallotKey,
): Promise<EvaluationInput | null> {
  const [c] = await db.select().from(competitions).where(eq(competitions.id, competitionId));
  if (!c || c.kind !== "evaluation" || !c.evaluatesCompetitionId) return null;
  const [target] = await db
    .select({ id: competitions.id, slug: competitions.slug, title: competitions.title })
    .from(competitions)
    .where(eq(competitions.id, c.evaluatesCompetitionId));
  const items = await acceptedProposals(db, competitionId);
  const ids = items.map((i) => i.id);
  const [votes, comments] = await Promise.all([
    voteCounts(db, competitionId, ids, key ?? (await ballotKey(db as Db))),
    db
      .select({
        id: evaluationComments.id,
        proposalId: evaluationComments.proposalId,
        body: evaluationComments.body,
      })
      .from(evaluationComments)
      .where(
        and(
          eq(evaluationComments.competitionId, competitionId),
          eq(evaluationComments.status, "approved"),
        ),
      )
      .orderBy(asc(evaluationComments.id)),
  ]);
  const rule = c.voteRule === "rating" ? "rating" : "approval";
  return {
    competition: { id: c.id, slug: c.slug, title: c.title },
    evaluates: target!,
    rule,
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      brand: i.brand,
      communityName: i.communityName,
    })),
    ratings: Object.fromEntries(
      ids.map((id) => [id, votes.ratings.get(id) ?? emptyDistribution()]),
    ),
    approvals: Object.fromEntries(
      ids.map((id) => [
        id,
        { online: votes.online.get(id) ?? 0, offline: votes.offline.get(id) ?? 0 },
      ]),
    ),
    ballots: {
      ballotsOnline: votes.ballotsOnline,
      unreadableOnline: votes.unreadableOnline,
      ballotsOffline: votes.ballotsOffline,
      invalidOffline: votes.invalidOffline,
      stationsConfirmed: votes.stationsConfirmed,
      stationsTotal: votes.stationsTotal,
    },
    comments,
    // Rating mode: the confirmed paper stations' sheets, counted with the online ratings.
    ...(rule === "rating" && votes.stations.length
      ? {
          paperStations: votes.stations.map((st) => ({
            name: st.name,
            communityName: st.communityName,
            ballotsCast: st.ballotsCast,
            invalid: st.invalid,
            ratings: st.ratings,
          })),
        }
      : {}),
  };
}

// ── Comments ─────────────────────────────────────────────────────────────────────────────

export async function listComments(db: DbOrTx, competitionId: number, status?: CommentStatus) {
  return db
    .select({
      id: evaluationComments.id,
      proposalId: evaluationComments.proposalId,
      proposalTitle: proposals.title,
      communityName: communities.name,
      body: evaluationComments.body,
      status: evaluationComments.status,
      moderatedAt: evaluationComments.moderatedAt,
    })
    .from(evaluationComments)
    .innerJoin(proposals, eq(proposals.id, evaluationComments.proposalId))
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .where(
      and(
        eq(evaluationComments.competitionId, competitionId),
        status ? eq(evaluationComments.status, status) : undefined,
      ),
    )
    .orderBy(asc(evaluationComments.id));
}

/** The street approves (published with the next result) or rejects a comment; audited. */
export async function moderateComments(
  db: Db,
  actor: Actor,
  competitionId: number,
  commentIds: number[],
  status: Exclude<CommentStatus, "pending">,
  now = new Date(),
) {
  if (commentIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(evaluationComments)
      .set({ status, moderatedBy: actor.userId, moderatedAt: now })
      .where(
        and(
          eq(evaluationComments.competitionId, competitionId),
          inArray(evaluationComments.id, commentIds),
          sql`${evaluationComments.status} <> ${status}`,
        ),
      )
      .returning({ id: evaluationComments.id });
    if (changed.length === 0) return 0;
    await appendAudit(tx, actor, {
      action: "evaluation.moderate",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { status, comments: changed.map((c) => c.id).sort((a, b) => a - b) },
    });
    return changed.length;
  });
}

// ── Published scores, per project ─────────────────────────────────────────────────────────

/** A project's published 效果共评 scores (one per round that evaluated it), for its page. */
export async function publishedScoresOf(db: DbOrTx, proposalId: number) {
  const rows = await db
    .select({
      roundId: competitions.id,
      slug: competitions.slug,
      title: competitions.title,
      output: resultRuns.output,
    })
    .from(resultRuns)
    .innerJoin(competitions, eq(competitions.id, resultRuns.competitionId))
    .innerJoin(
      evaluationItems,
      and(
        eq(evaluationItems.competitionId, competitions.id),
        eq(evaluationItems.proposalId, proposalId),
      ),
    )
    .where(and(eq(resultRuns.status, "published"), eq(competitions.kind, "evaluation")))
    .orderBy(desc(competitions.id));
  const out: Array<{
    roundId: number;
    slug: string;
    title: string;
    rule: "approval" | "rating";
    row: EvaluationRow;
    comments: string[];
  }> = [];
  for (const r of rows) {
    if (!isEvaluationOutput(r.output)) continue;
    const row = r.output.rows.find((x) => x.id === proposalId);
    if (!row) continue;
    out.push({
      roundId: r.roundId,
      slug: r.slug,
      title: r.title,
      rule: r.output.rule,
      row,
      comments: r.output.comments.filter((c) => c.proposalId === proposalId).map((c) => c.body),
    });
  }
  return out;
}
