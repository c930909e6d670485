/**
 * The Method of Equal Shares (Peters & Skowron; equalshares.net) over approval ballots, exact.
 *
 * Each voter holds an equal share of the budget. A project can be bought when its supporters
 * can pay its cost together; it costs each supporter the same amount p, or everything they have
 * left if that is less. Among affordable projects the one whose supporters pay the least per
 * unit of what they get is bought — the smallest p ÷ cost (the "cost utilities" of
 * equalshares.net: a voter's utility from a project is its cost) — then the next, until none is
 * affordable. Ties: lowest cost, then most votes, then the public lot (an order of the projects
 * given by the caller). A project that costs nothing is bought up front when at least one voter
 * approves it (as pabutools does; in the same tie-break order), never when nobody does.
 *
 * "add1" completion: start each voter's share at budget ÷ voters rounded down to the step (1 元,
 * or 1 unit of a Pabulib file's currency), raise it one step at a time, and keep the last outcome
 * whose cost fits the real budget. The first share whose outcome does not fit ends it, even where
 * a larger share would fit again (the cost is not monotone in the share: on one instance 211
 * fits, 212 does not, 213 does), and so does a share at which every approved project is bought.
 * Then optionally fill what is left greedily by votes.
 *
 * That walk is computed exactly without one run per step. A run treats the share t as an
 * unknown, so every amount in it is a + b·t, and each comparison that decides something notes
 * the next share at which it could come out the other way. Below the smallest of those shares
 * every run makes the same decisions and buys the same projects in the same order, so add1 goes
 * straight to the first step at or past it. The number of runs is bounded (maxRuns): past it add1
 * refuses (Add1LimitError) rather than return an outcome it did not reach.
 *
 * Arithmetic is exact (BigInt). Voters with the same ballot are one weighted group, and groups
 * that have paid the same so far share one budget "class", so computing a payment touches a
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

interface MesResult {
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
  const { selected, cost, rho, supportersLeft } = run(
    prepare(projects, groups, lot),
    new At(perVoter.n, perVoter.d, null),
  );
  return { selected, cost, rho, supportersLeft };
}

/** An amount a + b·t in a run, where t is the share per voter (over the run's denominator D). */
interface Lin {
  a: bigint;
  b: bigint;
}
const lin = (a: bigint, b = 0n): Lin => ({ a, b });
const plus = (x: Lin, y: Lin): Lin => ({ a: x.a + y.a, b: x.b + y.b });
const minus = (x: Lin, y: Lin): Lin => ({ a: x.a - y.a, b: x.b - y.b });
const times = (x: Lin, k: bigint): Lin => ({ a: x.a * k, b: x.b * k });

/**
 * The share t0 = tn ÷ td a run is evaluated at, and what its comparisons say about larger
 * shares: `bound` is the smallest share above t0 at which one of them could come out the other
 * way (t0 itself for an equality that holds at t0 only), null while none can.
 */
class At {
  bound: Q | null = null;
  constructor(
    readonly tn: bigint,
    readonly td: bigint,
    /** Bounds at or below this change nothing for the caller (its next step); null: no bounds. */
    private readonly enough: Q | null,
  ) {}

  /** Whether bounds are still worth noting. */
  get tracking() {
    return this.enough !== null && (this.bound === null || this.enough.lt(this.bound));
  }

  /** x(t0) · td: amounts at t0 compare by this, without a division. */
  value(x: Lin): bigint {
    return (this.td === 1n ? x.a : x.a * this.td) + x.b * this.tn;
  }

  /** Compares x and y at t0 (−1, 0, 1) and notes where the answer could change. */
  cmp(x: Lin, y: Lin): number {
    const da = x.a - y.a;
    const db = x.b - y.b;
    const v = da * this.td + db * this.tn;
    const sign = v < 0n ? -1 : v > 0n ? 1 : 0;
    if (db !== 0n && this.tracking) {
      // x − y = da + db·t is zero at t = −da ÷ db, which lies ahead when it moves towards zero.
      if (sign === 0) this.bound = Q.of(this.tn, this.td);
      else if (sign < 0 ? db > 0 : db < 0) {
        const root = Q.of(-da, db);
        if (this.bound === null || root.lt(this.bound)) this.bound = root;
      }
    }
    return sign;
  }
}

interface RunResult extends MesResult {
  /** The smallest share above this one at which the outcome could differ (null: none noted). */
  bound: Q | null;
}

function run({ projects, weights, approvalsOf }: Prepared, at: At): RunResult {
  // Budget classes: every group belongs to a class; groups in a class have the same budget
  // left. Class 0 is everyone at the start; class 1 is everyone who has nothing left. For each
  // project we keep how much supporter weight sits in each class, so the payment for a project
  // is computed from its distinct budgets, not from its (possibly thousands of) supporters.
  //
  // All class budgets share one denominator D (budget_k = N[k] / D, N[k] = a + b·t), so sums and
  // comparisons are integer arithmetic; buying a project multiplies D by its paying supporters.
  const ZERO_CLASS = 1;
  //
  // Without bounds to note, the share is a number, not an unknown: budgets are a + 0·t from the
  // start (the share tn/td as tn over D = td), and once a run stops noting bounds midway its
  // amounts are folded to their values at t0, so the rest of it costs what a plain run costs.
  const plain = !at.tracking;
  let D = plain ? at.td : 1n;
  const N: Lin[] = [plain ? lin(at.tn) : lin(0n, 1n), lin(0n)];
  let folded = plain;
  const classOf = new Int32Array(weights.length);
  const weightIn: Array<Map<number, number>> = projects.map(
    (p) => new Map(p.votes > 0 ? [[0, p.votes]] : []),
  );

  /**
   * What each paying supporter pays: num / (payers · D), with v = num(t0) · td; null when they
   * cannot afford it.
   */
  const payment = (p: Candidate): { num: Lin; v: bigint; payers: bigint; den: bigint } | null => {
    const parts: Array<{ k: number; w: bigint; v: bigint }> = [];
    for (const [k, w] of weightIn[p.index]!)
      if (k !== ZERO_CLASS) parts.push({ k, w: BigInt(w), v: at.value(N[k]!) });
    parts.sort((x, y) => (x.v < y.v ? -1 : x.v > y.v ? 1 : 0));
    const costV = p.cost * D * at.td;
    // Walk up from the poorest class: those below the payment give everything, the rest pay it.
    let paidV = 0n;
    let payers = 0n;
    for (const part of parts) payers += part.w;
    let rich = 0;
    for (; rich < parts.length; rich++) {
      const part = parts[rich]!;
      // Would everyone still in, paying (cost − paid) / payers each, find this class rich enough?
      if (costV - paidV <= part.v * payers) break;
      paidV += part.v * part.w;
      payers -= part.w;
    }
    const affordable = rich < parts.length;
    if (!affordable && !at.tracking) return null;
    // What the classes that give everything give, as a + b·t.
    let paid = lin(0n);
    for (let j = 0; j < rich; j++) paid = plus(paid, times(N[parts[j]!.k]!, parts[j]!.w));
    const cost = lin(p.cost * D);
    if (!affordable) {
      // What decided it: all they have together is less than the cost.
      at.cmp(paid, cost);
      return null;
    }
    const num = minus(cost, paid);
    // What decided it: the classes that give everything have less than the payment, the others
    // at least the payment (that split, and so the payment, is unique).
    if (at.tracking) for (const part of parts) at.cmp(times(N[part.k]!, payers), num);
    return { num, v: costV - paidV, payers, den: payers * D };
  };

  // Projects compare by what each supporter pays per unit of cost: num / (den · cost). `v` is the
  // numerator at t0 (for the search); the comparisons that decide are noted with `at`.
  type Entry = { num: Lin; den: bigint; v: bigint; p: Candidate };
  const entry = (pay: { num: Lin; v: bigint; den: bigint }, p: Candidate): Entry => ({
    num: pay.num,
    den: pay.den,
    v: pay.v,
    p,
  });
  const tieBreak = (x: Candidate, y: Candidate) => {
    if (x.cost !== y.cost) return x.cost < y.cost ? -1 : 1;
    if (x.votes !== y.votes) return x.votes > y.votes ? -1 : 1;
    return x.lot - y.lot;
  };
  const before = (x: Entry, y: Entry) => {
    const l = x.v * y.den * y.p.cost;
    const r = y.v * x.den * x.p.cost;
    return l !== r ? l < r : tieBreak(x.p, y.p) < 0;
  };
  const noteBefore = (x: Entry, y: Entry) =>
    at.cmp(times(x.num, y.den * y.p.cost), times(y.num, x.den * x.p.cost));

  // Lazy evaluation: a project's payment can only grow as budgets shrink, so a stale one is a
  // lower bound; only the current best is recomputed.
  const heap: Entry[] = [];
  for (const p of projects) {
    if (p.cost <= 0n) continue;
    const pay = payment(p);
    if (pay) heap.push(entry(pay, p));
  }
  const selected: string[] = [];
  const paidFor = new Map<string, { num: Lin; den: bigint }>();
  for (const p of projects
    .filter((x) => x.cost <= 0n && x.votes > 0)
    .sort((x, y) => tieBreak(x, y))) {
    selected.push(p.id);
    paidFor.set(p.id, { num: lin(0n), den: 1n });
  }
  let spent = 0n;
  for (;;) {
    if (!folded && !at.tracking && at.td === 1n) {
      // value(x) is x(t0) itself when td is 1, so a + b·t becomes x(t0) + 0·t.
      const fold = (x: Lin) => (x.b === 0n ? x : lin(at.value(x)));
      for (let k = 0; k < N.length; k++) N[k] = fold(N[k]!);
      for (const e of heap) e.num = fold(e.num);
      for (const x of paidFor.values()) x.num = fold(x.num);
      folded = true;
    }
    let chosen: { p: Candidate; num: Lin; payers: bigint; den: bigint } | null = null;
    while (heap.length > 0) {
      let bestIndex = 0;
      for (let i = 1; i < heap.length; i++) if (before(heap[i]!, heap[bestIndex]!)) bestIndex = i;
      const top = heap[bestIndex]!;
      // What decided it: it comes before every other candidate.
      if (at.tracking)
        for (let i = 0; i < heap.length; i++) if (i !== bestIndex) noteBefore(top, heap[i]!);
      const fresh = payment(top.p);
      if (!fresh) {
        heap.splice(bestIndex, 1);
        continue;
      }
      const same = at.tracking
        ? at.cmp(times(fresh.num, top.den), times(top.num, fresh.den)) === 0
        : fresh.v * top.den === top.v * fresh.den;
      if (same) {
        chosen = { p: top.p, ...fresh };
        heap.splice(bestIndex, 1);
        break;
      }
      heap[bestIndex] = entry(fresh, top.p);
    }
    if (!chosen) break;
    const { p, num, payers } = chosen;
    selected.push(p.id);
    paidFor.set(p.id, { num, den: chosen.den });
    spent += p.cost;
    // Move to the common denominator D · payers: every budget scales by `payers`.
    D *= payers;
    for (let k = 0; k < N.length; k++) {
      const n = N[k]!;
      if (n.b !== 0n) N[k] = times(n, payers);
      else if (n.a !== 0n) N[k] = { a: n.a * payers, b: 0n };
    }
    // Supporters pay (num / (payers · D_old)) = num / D, or all they have left.
    const moved = new Map<number, number>();
    for (const g of p.supporters) {
      const k = classOf[g]!;
      if (k === ZERO_CLASS) continue;
      let next = moved.get(k);
      if (next === undefined) {
        if (at.cmp(N[k]!, num) <= 0) next = ZERO_CLASS;
        else {
          next = N.length;
          N.push(minus(N[k]!, num));
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
        if (n.a !== 0n) g = gcd(g, n.a < 0n ? -n.a : n.a);
        if (n.b !== 0n) g = gcd(g, n.b < 0n ? -n.b : n.b);
        if (g === 1n) break;
      }
      if (g > 1n) {
        D /= g;
        for (let k = 0; k < N.length; k++) N[k] = { a: N[k]!.a / g, b: N[k]!.b / g };
      }
    }
  }
  const exact = (num: Lin, den: bigint) => Q.of(at.value(num), den * at.td).reduce();
  const rho = new Map([...paidFor].map(([id, x]) => [id, exact(x.num, x.den)]));
  const supportersLeft = new Map<string, Q>();
  const bought = new Set(selected);
  for (const p of projects) {
    if (bought.has(p.id) || p.cost <= 0n) continue;
    let sum = lin(0n);
    for (const [k, w] of weightIn[p.index]!) sum = plus(sum, times(N[k]!, BigInt(w)));
    supportersLeft.set(p.id, exact(sum, D));
  }
  return { selected, cost: spent, rho, supportersLeft, bound: at.bound };
}

const SHRINK_ABOVE = 1n << 1024n;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** How many runs of the method add1 makes at most before it refuses (see Add1LimitError). */
export const ADD1_MAX_RUNS = 10_000;

/**
 * add1 reached its limit of runs before its outcome: a refusal, never a result. `share` is the
 * last share per voter it reached (its outcome fits the budget, but a larger one may too).
 */
export class Add1LimitError extends Error {
  constructor(
    readonly runs: number,
    readonly share: bigint,
  ) {
    super(
      `add1 stopped after ${runs} runs of the method at a share of ${share} per voter, before reaching its outcome`,
    );
    this.name = "Add1LimitError";
  }
}

interface Add1Options {
  /** How much each voter's share grows per step (1 元 = 100 分; 1 unit for Pabulib files). */
  step: bigint;
  /** Fill what is left greedily by votes after add1. */
  completion?: "none" | "greedy";
  lot?: string[];
  /**
   * How many runs of the method add1 may make to find its outcome (default ADD1_MAX_RUNS); past
   * it, it refuses. (After a jump past the last share that fits, one more run evaluates that
   * share; it is counted in `runs` but never refused.)
   */
  maxRuns?: number;
  /**
   * Jump over shares that provably give the same outcome (default on; off only to check that it
   * changes nothing: then it is one run per step).
   */
  skipAhead?: boolean;
}

interface Add1Result extends MesResult {
  /** The share per voter that produced the outcome. */
  perVoter: bigint;
  /** How many steps the share was raised from where it started. */
  steps: bigint;
  /** How many runs of the method that took. */
  runs: number;
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
      steps: 0n,
      runs: 0,
      completed: [],
    };
  const step = options.step > 0n ? options.step : 1n;
  const maxRuns = options.maxRuns ?? ADD1_MAX_RUNS;
  const skipAhead = options.skipAhead !== false;
  const evaluate = (share: bigint) =>
    run(prepared, new At(share, 1n, skipAhead ? Q.of(share + step) : null));
  const start = (budget / voters / step) * step;
  // The first outcome fits: nobody pays more than their share, and the shares add up to at most
  // the budget.
  let share = start;
  let best = evaluate(share);
  let runs = 1;
  const approved = prepared.projects.filter((p) => p.votes > 0).length;
  while (best.selected.length < approved) {
    // Every step below best.bound gives best's outcome again (it fits, and not everything is
    // bought), so stepping 1 unit at a time would pass through them all: go to the first step
    // at or past the bound.
    let next = share + step;
    if (best.bound !== null) {
      const atBound = ceilDiv(best.bound.n, best.bound.d * step) * step;
      if (atBound > next) next = atBound;
    }
    if (runs >= maxRuns) throw new Add1LimitError(runs, share);
    const outcome = evaluate(next);
    runs += 1;
    if (outcome.cost > budget) {
      // Stepping would have stopped here too, keeping the step before: the same projects as
      // best, but what they paid and have left depends on the share.
      if (next - step > share) {
        share = next - step;
        best = evaluate(share);
        runs += 1;
      }
      break;
    }
    best = outcome;
    share = next;
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
    perVoter: share,
    steps: (share - start) / step,
    runs,
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
