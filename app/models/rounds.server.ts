/**
 * Rounds compared side by side, on the database: each round's figures come from the loaders
 * that already compute them (the 效果清单's loadDashboard for money, projects and 效果共评; the
 * tally and registry counts for turnout), called, not copied. Nothing here writes.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { competitions } from "../../db/schema";
import { inRoundOrder, type RoundFigures } from "../domain/rounds";
import { computeTally, registryCounts } from "./ballot.server";
import { listDashboardCompetitions, loadDashboard } from "./dashboard.server";
import { roundChain } from "./next-round.server";

export interface RoundsScope {
  /** Only rounds whose result is published (the public page). */
  publishedOnly: boolean;
  /** Only the chain of rounds this competition belongs to; else every round of the street. */
  chainOf?: number;
}

export async function loadRounds(db: Db, scope: RoundsScope): Promise<RoundFigures[]> {
  const [list, contests] = await Promise.all([
    listDashboardCompetitions(db),
    db
      .select({ id: competitions.id, round: competitions.round })
      .from(competitions)
      .where(eq(competitions.kind, "contest")),
  ]);
  const roundOf = new Map(contests.map((c) => [c.id, c.round]));
  const inChain =
    scope.chainOf != null ? new Set((await roundChain(db, scope.chainOf)).map((c) => c.id)) : null;
  const chosen = inRoundOrder(
    list
      .filter((c) => roundOf.has(c.id))
      .filter((c) => !scope.publishedOnly || c.result)
      .filter((c) => !inChain || inChain.has(c.id))
      .map((c) => ({ ...c, round: roundOf.get(c.id)! })),
  );
  const out: RoundFigures[] = [];
  // One round after the other: each reads several queries already (the machine is small).
  for (const c of chosen) {
    const [data, tally, registry] = await Promise.all([
      loadDashboard(db, c),
      computeTally(db, c.id),
      registryCounts(db, c.id),
    ]);
    const street = data.dashboard.street;
    const voted = new Map((tally?.turnout ?? []).map((t) => [t.communityId, t.used]));
    out.push({
      id: c.id,
      slug: c.slug,
      title: c.title,
      year: c.year,
      round: c.round,
      published: Boolean(c.result),
      funds: street.money.funds.map((f) => ({
        kind: f.kind,
        name: f.name,
        grantedFen: f.grantedFen,
        paidFen: f.paidFen,
        spentFen: f.spentFen,
      })),
      grantedFen: street.money.grantedFen,
      paidFen: street.money.paidFen,
      spentFen: street.money.spentFen,
      ballotsOnline: tally?.ballotsOnline ?? 0,
      ballotsPaper: tally?.ballotsOffline ?? 0,
      registryVoters: registry.reduce((s, r) => s + r.voted, 0),
      projects: street.projects.total,
      satisfaction: street.evaluation?.average ?? null,
      communities: data.dashboard.communities.map((p) => ({
        communityId: p.communityId!,
        name: p.name,
        grantedFen: p.money.grantedFen,
        projects: p.projects.total,
        voted: voted.get(p.communityId!) ?? 0,
        satisfaction: p.evaluation?.average ?? null,
      })),
    });
  }
  return out;
}
