/**
 * 新一轮 on the database: creates a competition's next round in one transaction (see
 * app/domain/next-round.ts for what is copied and what is not), linked to it by
 * `competitions.previous_competition_id`, with drafts from last round's unfinished needs.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import {
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeRecusals,
  needs,
  proposalNeeds,
  proposals,
} from "../../db/schema";
import type { FundKind } from "../domain/enums";
import {
  fundTotalProblems,
  planDrafts,
  shiftSchedule,
  type FundTotalProblem,
} from "../domain/next-round";
import { appendAudit, type Actor } from "./audit.server";

export interface NextRoundInput {
  title: string;
  slug: string;
  year: number;
  /** New total per fund kind, in 分. */
  totals: Partial<Record<FundKind, number | null>>;
}

export type NextRoundOutcome =
  | { ok: true; id: number; drafts: number }
  | { ok: false; error: "notFound" | "notContest" | "slugTaken" | "nextExists" }
  | { ok: false; error: "fundTotals"; funds: Partial<Record<FundKind, FundTotalProblem>> };

/** The rounds before and after a competition (the chain it belongs to), oldest first. */
export async function roundChain(db: DbOrTx, competitionId: number) {
  const all = await db
    .select({
      id: competitions.id,
      slug: competitions.slug,
      title: competitions.title,
      year: competitions.year,
      round: competitions.round,
      phase: competitions.phase,
      previousCompetitionId: competitions.previousCompetitionId,
    })
    .from(competitions)
    .where(eq(competitions.kind, "contest"));
  const byId = new Map(all.map((c) => [c.id, c]));
  const nextOf = new Map(
    all.filter((c) => c.previousCompetitionId != null).map((c) => [c.previousCompetitionId!, c]),
  );
  let first = byId.get(competitionId);
  if (!first) return [];
  const seen = new Set<number>([first.id]);
  while (first.previousCompetitionId != null) {
    const prev = byId.get(first.previousCompetitionId);
    if (!prev || seen.has(prev.id)) break;
    seen.add(prev.id);
    first = prev;
  }
  const chain = [first];
  for (let next = nextOf.get(first.id); next && chain.length <= all.length;) {
    chain.push(next);
    next = nextOf.get(next.id);
  }
  return chain;
}

export async function createNextRound(
  db: Db,
  actor: Actor,
  sourceId: number,
  input: NextRoundInput,
): Promise<NextRoundOutcome> {
  return db.transaction(async (tx) => {
    // Locked: two submits of the form are serialised, the second finds the first's round.
    const [source] = await tx
      .select()
      .from(competitions)
      .where(eq(competitions.id, sourceId))
      .for("update");
    if (!source) return { ok: false, error: "notFound" } as const;
    if (source.kind !== "contest") return { ok: false, error: "notContest" } as const;

    const [taken] = await tx
      .select({ id: competitions.id })
      .from(competitions)
      .where(eq(competitions.slug, input.slug));
    if (taken) return { ok: false, error: "slugTaken" } as const;
    const [already] = await tx
      .select({ id: competitions.id })
      .from(competitions)
      .where(eq(competitions.previousCompetitionId, sourceId));
    if (already) return { ok: false, error: "nextExists" } as const;

    const [criteriaRows, fundRows, panel, recusals] = await Promise.all([
      tx
        .select()
        .from(criteria)
        .where(eq(criteria.competitionId, sourceId))
        .orderBy(asc(criteria.position)),
      tx.select().from(funds).where(eq(funds.competitionId, sourceId)).orderBy(asc(funds.kind)),
      tx.select().from(competitionJudges).where(eq(competitionJudges.competitionId, sourceId)),
      tx.select().from(judgeRecusals).where(eq(judgeRecusals.competitionId, sourceId)),
    ]);
    const problems = fundTotalProblems(
      fundRows.map((f) => ({ ...f, totalFen: Number(f.totalFen) })),
      input.totals,
    );
    if (Object.keys(problems).length) return { ok: false, error: "fundTotals", funds: problems };

    const [row] = await tx
      .insert(competitions)
      .values({
        streetId: source.streetId,
        slug: input.slug,
        title: input.title,
        kind: "contest",
        previousCompetitionId: source.id,
        year: input.year,
        round: source.round + 1,
        description: source.description,
        phase: "draft",
        ...shiftSchedule(source),
        judgeWeightPct: source.judgeWeightPct,
        residentWeightPct: source.residentWeightPct,
        voteRule: source.voteRule,
        approvalMaxChoices: source.approvalMaxChoices,
        voterBudgetFen: source.voterBudgetFen,
        verificationMode: source.verificationMode,
        registryProof: source.registryProof,
        judgeAggregation: source.judgeAggregation,
        pitchSeconds: source.pitchSeconds,
        qaSeconds: source.qaSeconds,
      })
      .onConflictDoNothing({ target: competitions.slug })
      .returning({ id: competitions.id });
    if (!row) return { ok: false, error: "slugTaken" } as const;
    const id = row.id;

    if (criteriaRows.length)
      await tx.insert(criteria).values(
        criteriaRows.map((c) => ({
          competitionId: id,
          position: c.position,
          name: c.name,
          description: c.description,
          maxPoints: c.maxPoints,
        })),
      );
    if (fundRows.length)
      await tx.insert(funds).values(
        fundRows.map((f) => ({
          competitionId: id,
          kind: f.kind,
          name: f.name,
          totalFen: input.totals[f.kind]!,
          perProjectCapFen: f.perProjectCapFen,
          matchRatioBp: f.matchRatioBp,
          eligibleCategories: f.eligibleCategories,
        })),
      );
    if (panel.length)
      await tx
        .insert(competitionJudges)
        .values(panel.map((j) => ({ competitionId: id, userId: j.userId, seat: j.seat })));
    if (recusals.length)
      await tx.insert(judgeRecusals).values(
        recusals.map((r) => ({
          competitionId: id,
          judgeUserId: r.judgeUserId,
          communityId: r.communityId,
          reason: r.reason,
        })),
      );

    // Drafts from last round's unfinished needs, one per community.
    const lastProposals = await tx
      .select({
        id: proposals.id,
        communityId: proposals.communityId,
        title: proposals.title,
        brand: proposals.brand,
        status: proposals.status,
      })
      .from(proposals)
      .where(eq(proposals.competitionId, sourceId));
    const links = lastProposals.length
      ? await tx
          .select({ proposalId: proposalNeeds.proposalId, needId: proposalNeeds.needId })
          .from(proposalNeeds)
          .where(
            inArray(
              proposalNeeds.proposalId,
              lastProposals.map((p) => p.id),
            ),
          )
      : [];
    const needRows = links.length
      ? await tx
          .select({ id: needs.id, status: needs.status })
          .from(needs)
          .where(inArray(needs.id, [...new Set(links.map((l) => l.needId))]))
      : [];
    const plans = planDrafts(lastProposals, links, new Map(needRows.map((n) => [n.id, n.status])));
    for (const plan of plans) {
      const [draft] = await tx
        .insert(proposals)
        .values({
          competitionId: id,
          communityId: plan.communityId,
          title: plan.title,
          brand: plan.brand,
          status: "draft",
          createdBy: actor.userId,
        })
        .returning({ id: proposals.id });
      await tx
        .insert(proposalNeeds)
        .values(plan.needIds.map((needId) => ({ proposalId: draft!.id, needId })));
      await appendAudit(tx, actor, {
        action: "proposal.create",
        subjectType: "proposal",
        subjectId: draft!.id,
        payload: {
          competitionId: id,
          communityId: plan.communityId,
          title: plan.title,
          fromProposalId: plan.fromProposalId,
          needIds: plan.needIds,
        },
      });
    }

    await appendAudit(tx, actor, {
      action: "competition.next_round",
      subjectType: "competition",
      subjectId: id,
      payload: {
        from: sourceId,
        title: input.title,
        slug: input.slug,
        year: input.year,
        totals: Object.fromEntries(fundRows.map((f) => [f.kind, input.totals[f.kind]])),
        criteria: criteriaRows.length,
        judges: panel.length,
        recusals: recusals.length,
        drafts: plans.length,
      },
    });
    return { ok: true, id, drafts: plans.length } as const;
  });
}
