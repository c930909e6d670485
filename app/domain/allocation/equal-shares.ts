/**
 * The Method of Equal Shares (Peters & Skowron; equalshares.net) over approval ballots, exact.
 *
 * Each voter holds an equal share of the budget. A project can be bought when its supporters
 * can pay its cost together; it costs each supporter the same amount p, or everything they have
 * left if that is less. Among affordable projects the one whose supporters pay the least per
 * unit of what they get is bought — the smallest p ÷ cost (the "cost utilities" of
 * equalshares.net: a voter's utility from a project is its cost) — then the next, until none is
 * affordable. Ties: lowest cost, then most votes, then the public lot (an order of the projects
 * given by the caller).
 *
 * "add1" completion: start each voter's share at budget ÷ voters rounded down to the step (1 元,
 * or 1 unit of a Pabulib file's currency), raise it one step at a time, keep the last outcome
 * whose cost fits the real budget; then optionally fill what is left greedily by votes.
 *
 * Arithmetic is exact (BigInt rationals). Voters with the same ballot are one weighted group,
 * and groups that have paid the same so far share one budget "class", so computing ρ touches a
 * handful of distinct budgets rather than every voter.
 */
import { Q } from "./rational";

export interface MesProject {
  id: string;
  cost: bigint;
}

export interface VoterGroup {
  approvals: string[];
  weight: number;
}

export interface MesResult {
  selected: string[];
  cost: bigint;
  /** What each (rich) supporter paid for each bought project (exact, for explanations). */
  rho: Map<string, Q>;
  /** For projects not bought: what their supporters had left together at the end. */
  supportersLeft: Map<string, Q>;
}

/** Identical ballots become one weighted group. */
export function groupBallots(ballots: string[][]): VoterGroup[] {
  const groups = new Map<string, VoterGroup>();
  for (const b of ballots) {
    const approvals = [...new Set(b)].sort();
    const key = approvals.join("\u0000");
    const g = groups.get(key);
    if (g) g.weight += 1;
    else groups.set(key, { approvals, weight: 1 });
  }
  return [...groups.values()];
}

interface Prepared {
  projects: Array<MesProject & { index: number; votes: number; lot: number; supporters: number[] }>;
  weights: number[];
  /** For each group, the indexes of the projects it approves. */
  approvalsOf: number[][];
}

function prepare(projects: MesProject[], groups: VoterGroup[], lot: string[]): Prepared {
  const lotIndex = new Map(lot.map((id, i) => [id, i]));
  const byId = new Map(
    projects.map((p, index) => [
      p.id,
      {
        ...p,
        index,
        votes: 0,
        lot: lotIndex.get(p.id) ?? lot.length + index,
        supporters: [] as number[],
      },
    ]),
  );
  const approvalsOf: number[][] = groups.map(() => []);
  groups.forEach((g, gi) => {
    for (const id of g.approvals) {
      const p = byId.get(id);
      if (p) {
        p.supporters.push(gi);
        p.votes += g.weight;
        approvalsOf[gi]!.push(p.index);
      }
    }
  });
  return { projects: [...byId.values()], weights: groups.map((g) => g.weight), approvalsOf };
}

type Candidate = Prepared["projects"][number];

/** Equal shares with a given share per voter. */
export function equalShares(
  projects: MesProject[],
  groups: VoterGroup[],
  perVoter: Q,
  lot: string[] = projects.map((p) => p.id),
): MesResult {
  const { selected, cost, rho, supportersLeft } = run(prepare(projects, groups, lot), perVoter);
  return { selected, cost, rho, supportersLeft };
}

interface RunResult extends MesResult {
  /**
   * Some supporter could not pay the equal share in some evaluation (paid all they had, or had
   * nothing left). When false, a larger share changes nothing until a project not bought becomes
   * affordable: see the skip-ahead in equalSharesAdd1.
   */
  limited: boolean;
}

function run({ projects, weights, approvalsOf }: Prepared, perVoter: Q): RunResult {
  // Budget classes: every group belongs to a class; groups in a class have the same budget
  // left. Class 0 is everyone at the start; class 1 is everyone who has nothing left. For each
  // project we keep how much supporter weight sits in each class, so the payment for a project
  // is computed from its distinct budgets, not from its (possibly thousands of) supporters.
  //
  // All class budgets share one denominator D (budget_k = N[k] / D), so sums and comparisons are
  // plain integer arithmetic; buying a project multiplies D by its number of paying supporters.
  const ZERO_CLASS = 1;
  let D = perVoter.d;
  const N: bigint[] = [perVoter.n, 0n];
  const classOf = new Int32Array(weights.length);
  const weightIn: Array<Map<number, number>> = projects.map(
    (p) => new Map(p.votes > 0 ? [[0, p.votes]] : []),
  );

  let limited = false;
  /** What each paying supporter pays, as (numerator, paying weight): pay = num / (payers · D). */
  const payment = (p: Candidate): { num: bigint; payers: bigint; rho: Q } | null => {
    const parts: Array<{ n: bigint; w: bigint }> = [];
    // Only an affordable project's payment can change with a larger share while it stays
    // affordable; an unaffordable one is covered by the skip-ahead's bound.
    let short = false;
    for (const [k, w] of weightIn[p.index]!)
      if (k !== ZERO_CLASS) parts.push({ n: N[k]!, w: BigInt(w) });
      else if (w > 0) short = true;
    parts.sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
    const costD = p.cost * D;
    // Walk up from the poorest class: those below the payment give everything, the rest pay it.
    let paid = 0n;
    let payers = 0n;
    for (const part of parts) payers += part.w;
    for (const part of parts) {
      // Would everyone still in, paying (cost − paid) / payers each, find this class rich enough?
      const num = costD - paid;
      if (num <= part.n * payers) {
        if (short) limited = true;
        return { num, payers, rho: Q.of(num, payers * D) };
      }
      short = true;
      paid += part.n * part.w;
      payers -= part.w;
    }
    return null;
  };

  // Projects compare by what each supporter pays per unit of cost (rho ÷ cost).
  type Entry = { rho: Q; p: Candidate };
  const better = (a: Entry, b: Entry) => {
    const c = a.rho.mulInt(b.p.cost).cmp(b.rho.mulInt(a.p.cost));
    if (c !== 0) return c < 0;
    if (a.p.cost !== b.p.cost) return a.p.cost < b.p.cost;
    if (a.p.votes !== b.p.votes) return a.p.votes > b.p.votes;
    return a.p.lot < b.p.lot;
  };

  // Lazy evaluation: a project's payment can only grow as budgets shrink, so a stale one is a
  // lower bound; only the current best is recomputed.
  const heap: Entry[] = [];
  for (const p of projects) {
    if (p.cost <= 0n) continue;
    const pay = payment(p);
    if (pay) heap.push({ rho: pay.rho, p });
  }
  const selected: string[] = [];
  const rhoById = new Map<string, Q>();
  let spent = 0n;
  for (;;) {
    let chosen: { p: Candidate; num: bigint; payers: bigint; rho: Q } | null = null;
    while (heap.length > 0) {
      let bestIndex = 0;
      for (let i = 1; i < heap.length; i++) if (better(heap[i]!, heap[bestIndex]!)) bestIndex = i;
      const top = heap[bestIndex]!;
      const fresh = payment(top.p);
      if (!fresh) {
        heap.splice(bestIndex, 1);
        continue;
      }
      if (fresh.rho.cmp(top.rho) === 0) {
        chosen = { p: top.p, ...fresh };
        heap.splice(bestIndex, 1);
        break;
      }
      heap[bestIndex] = { rho: fresh.rho, p: top.p };
    }
    if (!chosen) break;
    const { p, num, payers } = chosen;
    selected.push(p.id);
    rhoById.set(p.id, chosen.rho.reduce());
    spent += p.cost;
    // Move to the common denominator D · payers: every budget scales by `payers`.
    D *= payers;
    for (let k = 0; k < N.length; k++) if (N[k] !== 0n) N[k] = N[k]! * payers;
    // Supporters pay (num / (payers · D_old)) = num / D, or all they have left.
    const moved = new Map<number, number>();
    for (const g of p.supporters) {
      const k = classOf[g]!;
      if (k === ZERO_CLASS) continue;
      let next = moved.get(k);
      if (next === undefined) {
        if (N[k]! <= num) next = ZERO_CLASS;
        else {
          next = N.length;
          N.push(N[k]! - num);
        }
        moved.set(k, next);
      }
      classOf[g] = next;
      const w = weights[g]!;
      for (const q of approvalsOf[g]!) {
        const m = weightIn[q]!;
        const left = m.get(k)! - w;
        if (left === 0) m.delete(k);
        else m.set(k, left);
        m.set(next, (m.get(next) ?? 0) + w);
      }
    }
    // Keep the numbers small: divide everything by a common factor when there is one.
    if (D > SHRINK_ABOVE) {
      let g = D;
      for (const n of N) {
        if (n === 0n) continue;
        g = gcd(g, n);
        if (g === 1n) break;
      }
      if (g > 1n) {
        D /= g;
        for (let k = 0; k < N.length; k++) N[k] = N[k]! / g;
      }
    }
  }
  const supportersLeft = new Map<string, Q>();
  const bought = new Set(selected);
  for (const p of projects) {
    if (bought.has(p.id) || p.cost <= 0n) continue;
    let sum = 0n;
    for (const [k, w] of weightIn[p.index]!) sum += N[k]! * BigInt(w);
    supportersLeft.set(p.id, Q.of(sum, D).reduce());
  }
  return { selected, cost: spent, rho: rhoById, supportersLeft, limited };
}

const SHRINK_ABOVE = 1n << 1024n;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export interface Add1Options {
  /** How much each voter's share grows per step (1 元 = 100 分; 1 unit for Pabulib files). */
  step: bigint;
  /** Fill what is left greedily by votes after add1. */
  completion?: "none" | "greedy";
  lot?: string[];
  /** Safety valve: stop after this many steps. */
  maxSteps?: number;
  /**
   * Jump over shares that provably give the same outcome (default on; off only to check that
   * it changes nothing). Without it, one expensive project with few supporters costs one full
   * run per 1 元 of the share it needs.
   */
  skipAhead?: boolean;
}

export interface Add1Result extends MesResult {
  /** The share per voter that produced the outcome. */
  perVoter: bigint;
  steps: number;
  /** Projects added by the greedy completion. */
  completed: string[];
}

export function equalSharesAdd1(
  projects: MesProject[],
  groups: VoterGroup[],
  budget: bigint,
  options: Add1Options,
): Add1Result {
  const lot = options.lot ?? projects.map((p) => p.id);
  const prepared = prepare(projects, groups, lot);
  const voters = BigInt(groups.reduce((s, g) => s + g.weight, 0));
  if (voters === 0n)
    return {
      selected: [],
      cost: 0n,
      rho: new Map(),
      supportersLeft: new Map(),
      perVoter: 0n,
      steps: 0,
      completed: [],
    };
  const step = options.step > 0n ? options.step : 1n;
  let share = (budget / voters / step) * step;
  let best = run(prepared, Q.of(share));
  let bestShare = share;
  let steps = 0;
  // Projects nobody approves are never bought, so "everything is bought" means every project
  // with a cost and a supporter; once the share covers all of them together that must happen.
  const positive = prepared.projects.filter((p) => p.cost > 0n && p.supporters.length > 0).length;
  const maxSteps = options.maxSteps ?? 1_000_000;
  if (best.cost <= budget) {
    for (;;) {
      if (best.selected.length === positive || steps >= maxSteps) break;
      // When nobody was short of money anywhere in the run, a larger share only adds the same
      // amount to everyone's balance: every payment and comparison stays as it is until a
      // project not bought becomes affordable, which needs at least cost ÷ supporters per voter
      // (at the start, when balances are highest). Jump to just below the first such share.
      if (options.skipAhead !== false && !best.limited) {
        const bought = new Set(best.selected);
        let first: bigint | null = null;
        for (const p of prepared.projects) {
          if (p.cost <= 0n || p.votes === 0 || bought.has(p.id)) continue;
          const need = ceilDiv(p.cost, BigInt(p.votes));
          const onGrid = need <= share ? share : share + ceilDiv(need - share, step) * step;
          if (first === null || onGrid < first) first = onGrid;
        }
        const target = first === null ? null : first - step;
        if (target !== null && target > share) {
          const skipped = Number((target - share) / step);
          const same = run(prepared, Q.of(target));
          // Belt and braces: the outcome there must be the same one, bought in the same order.
          if (
            steps + skipped <= maxSteps &&
            same.selected.length === best.selected.length &&
            same.selected.every((id, i) => id === best.selected[i])
          ) {
            best = same;
            bestShare = target;
            share = target;
            steps += skipped;
          }
        }
      }
      if (best.selected.length === positive || steps >= maxSteps) break;
      share += step;
      steps += 1;
      const next = run(prepared, Q.of(share));
      if (next.cost > budget) break;
      best = next;
      bestShare = share;
    }
  }
  const completed: string[] = [];
  if (options.completion === "greedy") {
    let left = budget - best.cost;
    const taken = new Set(best.selected);
    const order = [...prepared.projects].sort(
      (a, b) =>
        b.votes - a.votes || (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0) || a.lot - b.lot,
    );
    for (const p of order) {
      if (taken.has(p.id) || p.cost > left || p.cost <= 0n) continue;
      completed.push(p.id);
      left -= p.cost;
    }
  }
  return {
    selected: [...best.selected, ...completed],
    cost:
      best.cost +
      completed.reduce((s, id) => s + prepared.projects.find((p) => p.id === id)!.cost, 0n),
    rho: best.rho,
    supportersLeft: best.supportersLeft,
    perVoter: bestShare,
    steps,
    completed,
  };
}

/** Vote-count greedy (the rule of most city budgets): by votes, skip what does not fit. */
export function greedyByVotes(
  projects: MesProject[],
  groups: VoterGroup[],
  budget: bigint,
  lot: string[] = projects.map((p) => p.id),
) {
  const prepared = prepare(projects, groups, lot);
  const order = [...prepared.projects].sort(
    (a, b) =>
      b.votes - a.votes || (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0) || a.lot - b.lot,
  );
  const selected: string[] = [];
  let left = budget;
  for (const p of order) {
    if (p.cost <= left) {
      selected.push(p.id);
      left -= p.cost;
    }
  }
  return { selected, cost: budget - left };
}
