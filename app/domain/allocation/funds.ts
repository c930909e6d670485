/**
 * Money for the ranked projects from two funds at once, in integer 分, pure.
 *
 * The street fund (街道资金) is allocated by the competition's rule:
 * - tiers: 一等奖/二等奖/三等奖/优秀奖 … in combined-rank order, each tier a fixed amount or a
 *   percentage of the request;
 * - greedy: in combined-rank order, a project's full request while the fund covers it; one that
 *   does not fit is skipped (optionally the first such project gets what is left);
 * - equal-shares: the Method of Equal Shares over residents' approval ballots, add1 completion in
 *   steps of 1 元, optionally filled greedily by votes; where add1 reaches its limit of runs it
 *   refuses (Add1LimitError, thrown through) instead of allocating.
 * The foundation fund (社区基金会) then either matches (adds X% of a project's street grant, up
 * to its request, its cap and what is left), or, without matching, is allocated greedily in
 * combined-rank order.
 *
 * A project never gets more than it asked a fund for, nor more than the fund's per-project cap;
 * a fund never gives out more than its total; ineligible categories get nothing from a fund.
 * Every decision leaves a reason (a code with its numbers) for the explanation lines.
 */
import { equalSharesAdd1, groupBallots } from "./equal-shares";

export interface AllocationLimits {
  /** Equal shares: how many runs of the method add1 may make (default ADD1_MAX_RUNS). */
  add1MaxRuns?: number;
}

export type FundKind = "street" | "foundation";

export interface FundSpec {
  kind: FundKind;
  name: string;
  totalFen: number;
  capFen: number | null;
  /** Foundation only: basis points of the street grant it adds (3000 = 30%). */
  matchRatioBp: number | null;
  /** Empty: every category. */
  eligibleCategories: string[];
}

export interface ProjectSpec {
  id: number;
  category: string;
  requests: Record<FundKind, number>;
  /** Residents' votes (tie-breaks in equal shares). */
  votes: number;
}

export interface Tier {
  name: string;
  count: number;
  amount: { kind: "fixed"; fen: number } | { kind: "percent"; bp: number };
}

export type Rule =
  | { kind: "greedy"; partialFirst: boolean }
  | { kind: "tiers"; tiers: Tier[] }
  | { kind: "equal-shares"; completion: "none" | "greedy"; ballots: number[][] };

export type Reason =
  | { code: "ineligible"; fund: FundKind }
  | { code: "notRequested"; fund: FundKind }
  | { code: "capped"; fund: FundKind; requested: number; cap: number }
  | { code: "funded"; fund: FundKind; amount: number }
  | { code: "partial"; fund: FundKind; amount: number; requested: number }
  | { code: "doesNotFit"; fund: FundKind; needed: number; left: number }
  /**
   * A tier's award: `award` is the tier's amount (fixed, or `bp` of the `requested` amount), then
   * limited by the request, the cap and what is left of the fund. Runs before 2026-12 stored only
   * tier and amount.
   */
  | {
      code: "tier";
      tier: string;
      amount: number;
      fund?: FundKind;
      award?: number;
      bp?: number;
      requested?: number;
    }
  | { code: "noTier" }
  | { code: "mesSelected"; perVoterFen: number; payYuan: string }
  | { code: "mesCompleted" }
  /** Not bought: its supporters had `leftFen` (rounded down) of the `costFen` it needed. */
  | { code: "mesNotSelected"; votes: number; perVoterFen: number; leftFen: number; costFen: number }
  | {
      code: "match";
      ratioBp: number;
      amount: number;
      limitedBy: "none" | "request" | "cap" | "fund";
    }
  /** Matching adds to a street grant; there was none. */
  | { code: "matchNoBase"; ratioBp: number };

interface Line {
  projectId: number;
  amounts: Record<FundKind, number>;
  reasons: Reason[];
  tier?: string;
}

interface Allocation {
  lines: Line[];
  spent: Record<FundKind, number>;
  /** Equal shares: the share per voter that was used (分). */
  perVoterFen?: number;
}

const eligible = (fund: FundSpec, p: Pick<ProjectSpec, "category">) =>
  fund.eligibleCategories.length === 0 || fund.eligibleCategories.includes(p.category);

/** What a project can get from a fund at most: its request, within the cap, if eligible. */
function ceiling(
  fund: FundSpec,
  p: Pick<ProjectSpec, "category" | "requests">,
  reasons: Reason[],
): number {
  if (!eligible(fund, p)) {
    reasons.push({ code: "ineligible", fund: fund.kind });
    return 0;
  }
  const requested = Math.max(0, p.requests[fund.kind] ?? 0);
  if (requested === 0) {
    reasons.push({ code: "notRequested", fund: fund.kind });
    return 0;
  }
  if (fund.capFen !== null && requested > Math.max(0, fund.capFen)) {
    const cap = Math.max(0, fund.capFen);
    reasons.push({ code: "capped", fund: fund.kind, requested, cap });
    return cap;
  }
  return requested;
}

/**
 * What a project can get from a fund at most (0: ineligible or not asked): what the equal-shares
 * rule counts as its cost, and so what a Pabulib export of the round lists.
 */
export function fundCeiling(fund: FundSpec, p: Pick<ProjectSpec, "category" | "requests">) {
  return ceiling(fund, p, []);
}

/** ⌊amount × bp ÷ 10,000⌋ in BigInt: amount × bp can pass 2^53 for large amounts. */
function basisPoints(amount: number, bp: number): number {
  return Number((BigInt(amount) * BigInt(bp)) / 10_000n);
}

function greedyFund(
  fund: FundSpec,
  ranked: ProjectSpec[],
  lines: Map<number, Line>,
  partialFirst: boolean,
) {
  let left = Math.max(0, fund.totalFen);
  let partialUsed = false;
  for (const p of ranked) {
    const line = lines.get(p.id)!;
    const want = ceiling(fund, p, line.reasons);
    if (want === 0) continue;
    if (want <= left) {
      line.amounts[fund.kind] = want;
      line.reasons.push({ code: "funded", fund: fund.kind, amount: want });
      left -= want;
    } else if (partialFirst && !partialUsed && left > 0) {
      partialUsed = true;
      line.amounts[fund.kind] = left;
      line.reasons.push({ code: "partial", fund: fund.kind, amount: left, requested: want });
      left = 0;
    } else {
      line.reasons.push({ code: "doesNotFit", fund: fund.kind, needed: want, left });
    }
  }
  return Math.max(0, fund.totalFen) - left;
}

function tiersFund(fund: FundSpec, ranked: ProjectSpec[], lines: Map<number, Line>, tiers: Tier[]) {
  const slots = tiers.flatMap((t) => Array.from({ length: Math.max(0, t.count) }, () => t));
  let left = Math.max(0, fund.totalFen);
  ranked.forEach((p, i) => {
    const line = lines.get(p.id)!;
    const tier = slots[i];
    if (!tier) {
      line.reasons.push({ code: "noTier" });
      return;
    }
    line.tier = tier.name;
    // The award comes from the request (a share of what was asked), the cap applies after.
    const probe: Reason[] = [];
    const want = ceiling(fund, p, probe);
    const requested = want === 0 ? 0 : Math.max(0, p.requests[fund.kind] ?? 0);
    const award =
      tier.amount.kind === "fixed" ? tier.amount.fen : basisPoints(requested, tier.amount.bp);
    const due = Math.min(award, requested);
    // Say the cap only when it is what limits the award.
    for (const r of probe) if (r.code !== "capped" || due > want) line.reasons.push(r);
    const limited = Math.min(due, want);
    const amount = Math.max(0, Math.min(limited, left));
    line.amounts[fund.kind] = amount;
    line.reasons.push({
      code: "tier",
      tier: tier.name,
      amount,
      fund: fund.kind,
      award,
      requested,
      ...(tier.amount.kind === "percent" ? { bp: tier.amount.bp } : {}),
    });
    if (amount < limited)
      line.reasons.push({ code: "doesNotFit", fund: fund.kind, needed: limited, left });
    left -= amount;
  });
  return Math.max(0, fund.totalFen) - left;
}

function equalSharesFund(
  fund: FundSpec,
  ranked: ProjectSpec[],
  lines: Map<number, Line>,
  rule: Extract<Rule, { kind: "equal-shares" }>,
  limits: AllocationLimits,
) {
  const wants = new Map(ranked.map((p) => [p.id, ceiling(fund, p, lines.get(p.id)!.reasons)]));
  const projects = ranked
    .filter((p) => wants.get(p.id)! > 0)
    .map((p) => ({ id: String(p.id), cost: BigInt(wants.get(p.id)!) }));
  const groups = groupBallots(rule.ballots.map((b) => b.map(String)));
  // The method sees only individual (online) ballots: explain with those counts.
  const ballotVotes = new Map<number, number>();
  for (const b of rule.ballots)
    for (const id of new Set(b)) ballotVotes.set(id, (ballotVotes.get(id) ?? 0) + 1);
  // The public lot for equal payments: the combined ranking.
  const result = equalSharesAdd1(projects, groups, BigInt(Math.max(0, fund.totalFen)), {
    step: 100n,
    completion: rule.completion,
    lot: ranked.map((p) => String(p.id)),
    maxRuns: limits.add1MaxRuns,
  });
  const completed = new Set(result.completed);
  for (const p of ranked) {
    const line = lines.get(p.id)!;
    const want = wants.get(p.id)!;
    if (want === 0) continue;
    if (result.selected.includes(String(p.id))) {
      line.amounts[fund.kind] = want;
      if (completed.has(String(p.id))) line.reasons.push({ code: "mesCompleted" });
      else
        line.reasons.push({
          code: "mesSelected",
          perVoterFen: Number(result.perVoter),
          payYuan: result.rho.get(String(p.id))!.divInt(100n).toFixed(2),
        });
      line.reasons.push({ code: "funded", fund: fund.kind, amount: want });
    } else {
      line.reasons.push({
        code: "mesNotSelected",
        votes: ballotVotes.get(p.id) ?? 0,
        perVoterFen: Number(result.perVoter),
        leftFen: Number(result.supportersLeft.get(String(p.id))?.floor() ?? 0n),
        costFen: want,
      });
    }
  }
  return { spent: Number(result.cost), perVoterFen: Number(result.perVoter) };
}

function matchFund(
  fund: FundSpec,
  ranked: ProjectSpec[],
  lines: Map<number, Line>,
  ratioBp: number,
) {
  let left = Math.max(0, fund.totalFen);
  for (const p of ranked) {
    const line = lines.get(p.id)!;
    const base = line.amounts.street;
    if (base <= 0) {
      line.reasons.push({ code: "matchNoBase", ratioBp });
      continue;
    }
    const want = ceiling(fund, p, line.reasons);
    if (want === 0) continue;
    const match = basisPoints(base, ratioBp);
    const amount = Math.max(0, Math.min(match, want, left));
    const capped = fund.capFen !== null && p.requests.foundation > fund.capFen;
    // When the match is not paid in full, say what held it back.
    const limitedBy =
      amount >= match ? "none" : amount === want ? (capped ? "cap" : "request") : "fund";
    line.amounts[fund.kind] = amount;
    line.reasons.push({ code: "match", ratioBp, amount, limitedBy });
    left -= amount;
  }
  return Math.max(0, fund.totalFen) - left;
}

/** Allocates both funds to projects given in combined-rank order. */
export function allocateFunds(
  funds: FundSpec[],
  ranked: ProjectSpec[],
  rule: Rule,
  limits: AllocationLimits = {},
): Allocation {
  const lines = new Map<number, Line>(
    ranked.map((p) => [
      p.id,
      { projectId: p.id, amounts: { street: 0, foundation: 0 }, reasons: [] },
    ]),
  );
  const spent: Record<FundKind, number> = { street: 0, foundation: 0 };
  let perVoterFen: number | undefined;
  const street = funds.find((f) => f.kind === "street");
  const foundation = funds.find((f) => f.kind === "foundation");
  if (street) {
    if (rule.kind === "greedy") spent.street = greedyFund(street, ranked, lines, rule.partialFirst);
    else if (rule.kind === "tiers") spent.street = tiersFund(street, ranked, lines, rule.tiers);
    else {
      const r = equalSharesFund(street, ranked, lines, rule, limits);
      spent.street = r.spent;
      perVoterFen = r.perVoterFen;
    }
  }
  if (foundation) {
    spent.foundation =
      foundation.matchRatioBp !== null && foundation.matchRatioBp > 0
        ? matchFund(foundation, ranked, lines, foundation.matchRatioBp)
        : greedyFund(foundation, ranked, lines, false);
  }
  return { lines: ranked.map((p) => lines.get(p.id)!), spent, perVoterFen };
}
