/**
 * The 效果清单 (dashboard) on the database: reads the plain rows of one competition (its street's
 * needs and their confirmed resource matches, the needs its funded projects answer, the
 * deliveries, grants, tranches and spending) and hands them to app/domain/dashboard.ts. Nothing
 * here writes. The public page, the street's, the secretaries' and the exports all read this.
 *
 * Needs are the street's inventory, not a competition's: "collected" counts every need of a
 * community as it is now; "in a project" counts those linked to a project the chosen competition
 * funded (one with a delivery).
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  communities,
  competitions,
  deliveries,
  deliveryGrants,
  deliveryMilestones,
  deliverySpending,
  funds,
  needs,
  proposalNeeds,
  proposals,
  resourceClaims,
  resultRuns,
} from "../../db/schema";
import {
  buildDashboard,
  sumParts,
  type ApprovalInput,
  type Dashboard,
  type EvaluationInput,
} from "../domain/dashboard";
import type { DeliveryStatus, FundKind } from "../domain/enums";
import { isEvaluationOutput, type EvaluationOutput } from "../domain/evaluation";

export interface DashboardCompetition {
  id: number;
  slug: string;
  title: string;
  year: number;
  /** Its published result, if any. */
  result: { runId: number; outputHash: string; publishedAt: Date | null } | null;
}

/** One funded project in the 效果清单 (public facts only: no notes, no people). */
export interface DashboardProject {
  proposalId: number;
  title: string;
  communityId: number;
  communityName: string;
  status: DeliveryStatus;
  atRisk: boolean;
  grantedFen: number;
  paidFen: number;
  spentFen: number;
  milestones: number;
  milestonesDone: number;
}

export interface DashboardData {
  competition: DashboardCompetition;
  funds: Array<{ id: number; kind: FundKind; name: string }>;
  dashboard: Dashboard;
  projects: DashboardProject[];
  /** "street": every community and the street's totals; "community": one community only. */
  scope: "street" | "community";
  /** The published 效果共评 rounds whose figures are shown (the latest of each mode). */
  evaluationRounds: {
    rating: EvaluationRound | null;
    approval: EvaluationRound | null;
  };
}

export interface EvaluationRound {
  slug: string;
  title: string;
}

/** Competitions for the selector, newest first, each with its published result if any. */
export async function listDashboardCompetitions(db: DbOrTx): Promise<DashboardCompetition[]> {
  const rows = await db
    .select({
      id: competitions.id,
      slug: competitions.slug,
      title: competitions.title,
      year: competitions.year,
      runId: resultRuns.id,
      outputHash: resultRuns.outputHash,
      publishedAt: resultRuns.publishedAt,
    })
    .from(competitions)
    .leftJoin(
      resultRuns,
      and(eq(resultRuns.competitionId, competitions.id), eq(resultRuns.status, "published")),
    )
    .orderBy(desc(competitions.year), desc(competitions.id));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    year: r.year,
    result:
      r.runId != null && r.outputHash != null
        ? { runId: r.runId, outputHash: r.outputHash, publishedAt: r.publishedAt }
        : null,
  }));
}

/**
 * The competition a dashboard shows: the one asked for if it exists, else the latest with a
 * published result, else the latest of all; null when there is none.
 */
export function pickCompetition(list: readonly DashboardCompetition[], wanted?: number | null) {
  if (wanted != null) return list.find((c) => c.id === wanted) ?? null;
  return list.find((c) => c.result) ?? list[0] ?? null;
}

/**
 * 效果共评 figures per community for a competition, from the published results of the rounds
 * over it: the latest rating round gives the residents' ratings (1–5) summed per community, the
 * latest approval round (选出最满意的项目) the approvals per community and its ballots. Null for
 * a mode no round of has a published result (the pages say 尚未开展效果共评 when neither has).
 */
async function loadEvaluationScores(db: DbOrTx, competitionId: number) {
  const runs = await db
    .select({ output: resultRuns.output, slug: competitions.slug, title: competitions.title })
    .from(resultRuns)
    .innerJoin(competitions, eq(competitions.id, resultRuns.competitionId))
    .where(
      and(
        eq(competitions.evaluatesCompetitionId, competitionId),
        eq(competitions.kind, "evaluation"),
        eq(resultRuns.status, "published"),
      ),
    )
    .orderBy(desc(competitions.id));
  const latest = (rule: "rating" | "approval") => {
    const run = runs.find((r) => isEvaluationOutput(r.output) && r.output.rule === rule);
    return run && isEvaluationOutput(run.output) && run.output.rows.length
      ? { output: run.output, round: { slug: run.slug, title: run.title } }
      : null;
  };
  const rating = latest("rating");
  const approval = latest("approval");
  const ids = [...(rating?.output.rows ?? []), ...(approval?.output.rows ?? [])].map((r) => r.id);
  const owners = ids.length
    ? await db
        .select({ id: proposals.id, communityId: proposals.communityId })
        .from(proposals)
        .where(inArray(proposals.id, ids))
    : [];
  const communityOf = new Map(owners.map((o) => [o.id, o.communityId]));
  /** The output's rows folded per community of their project. */
  function perCommunity<T extends { communityId: number }>(
    output: EvaluationOutput,
    empty: (communityId: number) => T,
    add: (into: T, row: EvaluationOutput["rows"][number]) => void,
  ) {
    const out = new Map<number, T>();
    for (const row of output.rows) {
      const communityId = communityOf.get(row.id);
      if (communityId == null) continue;
      const e = out.get(communityId) ?? empty(communityId);
      add(e, row);
      out.set(communityId, e);
    }
    return [...out.values()];
  }
  return {
    ratings: rating
      ? perCommunity<EvaluationInput>(
          rating.output,
          (communityId) => ({ communityId, ratings: 0, starsSum: 0 }),
          (e, row) => {
            e.ratings += row.count;
            e.starsSum += row.sum;
          },
        )
      : null,
    approvals: approval
      ? {
          ballots: approval.output.ballots.ballotsOnline + approval.output.ballots.ballotsOffline,
          communities: perCommunity<ApprovalInput>(
            approval.output,
            (communityId) => ({ communityId, approvals: 0, projects: 0 }),
            (e, row) => {
              e.approvals += row.approvals.total;
              e.projects += 1;
            },
          ),
        }
      : null,
    rounds: { rating: rating?.round ?? null, approval: approval?.round ?? null },
  };
}

/** The dashboard of a competition, for the whole street or for one community. */
export async function loadDashboard(
  db: DbOrTx,
  competition: DashboardCompetition,
  opts: { communityId?: number | null } = {},
): Promise<DashboardData> {
  const competitionId = competition.id;
  const [street] = await db
    .select({ streetId: competitions.streetId })
    .from(competitions)
    .where(eq(competitions.id, competitionId));
  const streetId = street?.streetId ?? -1;

  const [communityRows, fundRows, needRows, deliveryRows] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.streetId, streetId))
      .orderBy(asc(communities.sortOrder), asc(communities.id)),
    db
      .select({ id: funds.id, kind: funds.kind, name: funds.name })
      .from(funds)
      .where(eq(funds.competitionId, competitionId))
      .orderBy(asc(funds.kind), asc(funds.id)),
    db
      .select({ id: needs.id, communityId: needs.communityId, status: needs.status })
      .from(needs)
      .innerJoin(communities, eq(communities.id, needs.communityId))
      .where(eq(communities.streetId, streetId)),
    db
      .select({
        id: deliveries.id,
        proposalId: deliveries.proposalId,
        title: proposals.title,
        communityId: proposals.communityId,
        status: deliveries.status,
        atRisk: deliveries.atRisk,
      })
      .from(deliveries)
      .innerJoin(proposals, eq(proposals.id, deliveries.proposalId))
      .where(eq(deliveries.competitionId, competitionId))
      .orderBy(asc(deliveries.id)),
  ]);
  const needIds = needRows.map((n) => n.id);
  const deliveryIds = deliveryRows.map((d) => d.id);
  const proposalIds = deliveryRows.map((d) => d.proposalId);

  const [matchedRows, projectNeedRows, grantRows, spendingRows, milestoneRows, evaluations] =
    await Promise.all([
      needIds.length
        ? db
            .selectDistinct({ needId: resourceClaims.needId })
            .from(resourceClaims)
            .where(
              and(eq(resourceClaims.status, "confirmed"), inArray(resourceClaims.needId, needIds)),
            )
        : Promise.resolve([]),
      proposalIds.length
        ? db
            .selectDistinct({ needId: proposalNeeds.needId })
            .from(proposalNeeds)
            .where(inArray(proposalNeeds.proposalId, proposalIds))
        : Promise.resolve([]),
      deliveryIds.length
        ? db
            .select({
              deliveryId: deliveryGrants.deliveryId,
              fundId: deliveryGrants.fundId,
              grantedFen: deliveryGrants.grantedFen,
              paidFen: deliveryGrants.paidFen,
            })
            .from(deliveryGrants)
            .where(inArray(deliveryGrants.deliveryId, deliveryIds))
        : Promise.resolve([]),
      deliveryIds.length
        ? db
            .select({
              deliveryId: deliverySpending.deliveryId,
              amountFen: sql<string>`sum(${deliverySpending.amountFen})::text`,
            })
            .from(deliverySpending)
            .where(inArray(deliverySpending.deliveryId, deliveryIds))
            .groupBy(deliverySpending.deliveryId)
        : Promise.resolve([]),
      deliveryIds.length
        ? db
            .select({
              deliveryId: deliveryMilestones.deliveryId,
              total: sql<number>`count(*)::int`,
              done: sql<number>`count(${deliveryMilestones.doneOn})::int`,
            })
            .from(deliveryMilestones)
            .where(inArray(deliveryMilestones.deliveryId, deliveryIds))
            .groupBy(deliveryMilestones.deliveryId)
        : Promise.resolve([]),
      loadEvaluationScores(db, competitionId),
    ]);

  const grants = grantRows.map((g) => ({
    ...g,
    grantedFen: Number(g.grantedFen),
    paidFen: Number(g.paidFen),
  }));
  const spending = spendingRows.map((s) => ({
    deliveryId: s.deliveryId,
    amountFen: Number(s.amountFen),
  }));
  const full = buildDashboard({
    communities: communityRows,
    funds: fundRows,
    needs: needRows,
    matchedNeedIds: matchedRows.map((r) => r.needId),
    projectNeedIds: projectNeedRows.map((r) => r.needId),
    deliveries: deliveryRows,
    grants,
    spending,
    evaluations: evaluations.ratings,
    approvals: evaluations.approvals,
  });

  const names = new Map(communityRows.map((c) => [c.id, c.name]));
  const milestones = new Map(milestoneRows.map((m) => [m.deliveryId, m]));
  const sumOf = <T extends { deliveryId: number }>(rows: T[], id: number, f: (r: T) => number) =>
    rows.filter((r) => r.deliveryId === id).reduce((s, r) => s + f(r), 0);
  let projects: DashboardProject[] = deliveryRows.map((d) => ({
    proposalId: d.proposalId,
    title: d.title,
    communityId: d.communityId,
    communityName: names.get(d.communityId) ?? "",
    status: d.status,
    atRisk: d.atRisk,
    grantedFen: sumOf(grants, d.id, (g) => g.grantedFen),
    paidFen: sumOf(grants, d.id, (g) => g.paidFen),
    spentFen: sumOf(spending, d.id, (s) => s.amountFen),
    milestones: milestones.get(d.id)?.total ?? 0,
    milestonesDone: milestones.get(d.id)?.done ?? 0,
  }));
  // Projects by community in the communities' order, then by delivery.
  const order = new Map(communityRows.map((c, i) => [c.id, i]));
  projects.sort((a, b) => (order.get(a.communityId) ?? 0) - (order.get(b.communityId) ?? 0));

  let dashboard = full;
  let scope: DashboardData["scope"] = "street";
  if (opts.communityId != null) {
    const mine = full.communities.filter((c) => c.communityId === opts.communityId);
    dashboard = { ...full, communities: mine, street: sumParts(mine, fundRows) };
    projects = projects.filter((p) => p.communityId === opts.communityId);
    scope = "community";
  }
  return {
    competition,
    funds: fundRows,
    dashboard,
    projects,
    scope,
    evaluationRounds: evaluations.rounds,
  };
}
