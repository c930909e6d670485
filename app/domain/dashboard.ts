/**
 * The 效果清单 (dashboard): what became of the needs and the money, per community and for the
 * street. Pure aggregation over plain rows, no I/O; money in integer 分, shares as exact
 * fractions (and whole percents rounded half up, for labels).
 *
 * What is counted:
 * - needs: collected (every need of the community), matched (at least one confirmed resource
 *   claim or match), in a project (linked to a funded project of the competition, i.e. one with a
 *   delivery), resolved (status resolved). The four overlap: a resolved need is also collected,
 *   and usually in a project; each is a share of the collected.
 * - money per fund: granted and paid out (tranches). What is still to pay leaves out terminated
 *   projects (their unpaid grant is released, shown apart). Nothing is ever negative: a negative
 *   or non-integer amount in the input is an error.
 * - spending is recorded against budget lines, which belong to no fund. Per fund it is therefore
 *   an allocation, said as such: each project's spending is split over the funds in proportion
 *   to what each has paid to that project (to what each granted while nothing is paid yet),
 *   exactly in 分 (largest remainder), so the funds' parts always add up to the spending. A
 *   project with one fund gives that fund its actual spending; what came from projects with
 *   more than one fund is `spentSharedFen` (the allocated part, shown apart).
 * - projects by status: on time (未开始 + 进行中), late (逾期), done, terminated; "at risk" is a
 *   flag beside the status, counted apart.
 * - evaluation (效果共评): residents' ratings (1–5) per community from a rating round, and the
 *   approvals per community from an approval round (选出最满意的项目), each when such a round's
 *   result is published; null until then. An approval share is approvals ÷ (ballots × the
 *   community's projects on the ballot): the share of residents who picked its project (the
 *   mean over its projects when it has several), summed the same way for the street.
 *
 * The street's figures are the sums of its communities' (a row of a community that is not in the
 * list is an error, so the totals always equal the sum of the rows).
 */
import type { DeliveryStatus, FundKind, NeedStatus } from "./enums";

export interface Fraction {
  num: number;
  den: number;
}

export interface DashboardInput {
  communities: ReadonlyArray<{ id: number; name: string }>;
  /** The competition's funds, in the order to show them. */
  funds: ReadonlyArray<{ id: number; kind: FundKind; name: string }>;
  needs: ReadonlyArray<{ id: number; communityId: number; status: NeedStatus }>;
  /** Needs with a confirmed claim or match (a need may appear more than once). */
  matchedNeedIds: ReadonlyArray<number>;
  /** Needs linked to a funded project of the competition (a need may appear more than once). */
  projectNeedIds: ReadonlyArray<number>;
  deliveries: ReadonlyArray<{
    id: number;
    communityId: number;
    status: DeliveryStatus;
    atRisk: boolean;
  }>;
  grants: ReadonlyArray<{
    deliveryId: number;
    fundId: number;
    grantedFen: number;
    paidFen: number;
  }>;
  spending: ReadonlyArray<{ deliveryId: number; amountFen: number }>;
  /** 效果共评 results per community; null (or absent) while no round has been held. */
  evaluations?: ReadonlyArray<EvaluationInput> | null;
  /** 效果共评 in approval mode (选出最满意的项目): the round's ballots and approvals per community. */
  approvals?: {
    /** Valid ballots of the round (online and paper). */
    ballots: number;
    communities: ReadonlyArray<ApprovalInput>;
  } | null;
}

/** What an approval round gives for one community. */
export interface ApprovalInput {
  communityId: number;
  /** Residents' picks of its projects (a resident picking two of them counts twice). */
  approvals: number;
  /** How many of its projects were on the ballot. */
  projects: number;
}

export interface ApprovalScores {
  approvals: number;
  projects: number;
  ballots: number;
  /** approvals ÷ (ballots × projects), exact; null when there is nothing to divide by. */
  share: Fraction | null;
}

/** What an evaluation round gives for one community (filled by the 效果共评 work). */
export interface EvaluationInput {
  communityId: number;
  /** How many residents rated. */
  ratings: number;
  /** The sum of their ratings, each 1–5 (满意度). */
  starsSum: number;
}

export interface EvaluationScores {
  ratings: number;
  starsSum: number;
  /** The mean rating as an exact fraction starsSum / ratings; null with no rating. */
  average: Fraction | null;
}

interface FundFigures {
  fundId: number;
  kind: FundKind;
  name: string;
  grantedFen: number;
  paidFen: number;
  /** Spending allocated to this fund (see the header: exact for single-fund projects). */
  spentFen: number;
}

export interface NeedFigures {
  collected: number;
  matched: number;
  inProject: number;
  resolved: number;
}

export interface MoneyFigures {
  funds: FundFigures[];
  grantedFen: number;
  paidFen: number;
  spentFen: number;
  /** The part of the spending that came from projects with more than one fund (allocated). */
  spentSharedFen: number;
  /** Spending of a project with no grant to allocate it by (normally 0). */
  spentUnallocatedFen: number;
  /** Granted, not yet paid, on projects that go on (not terminated). */
  toPayFen: number;
  /** Granted, never paid, on terminated projects. */
  releasedFen: number;
}

export interface ProjectFigures {
  total: number;
  /** 未开始 + 进行中. */
  onTime: number;
  notStarted: number;
  inProgress: number;
  late: number;
  done: number;
  terminated: number;
  atRisk: number;
}

export interface DashboardPart {
  /** null for the street's totals. */
  communityId: number | null;
  name: string;
  needs: NeedFigures;
  money: MoneyFigures;
  projects: ProjectFigures;
  evaluation: EvaluationScores | null;
  /** 效果共评 in approval mode; null when no approval round is published (or none of its projects). */
  approval: ApprovalScores | null;
}

export interface Dashboard {
  communities: DashboardPart[];
  street: DashboardPart;
  /** Whether any 效果共评 round has given scores (ratings or approvals). */
  evaluated: boolean;
  /** Which kinds of round gave them. */
  evaluatedBy: { rating: boolean; approval: boolean };
}

export class DashboardInputError extends Error {}

/** A share as an exact fraction (0/0 when there is nothing to share). */
export function fraction(num: number, den: number): Fraction {
  return { num, den };
}

/** A share in whole percent, rounded half up; null for 0/0. */
export function percent(f: Fraction): number | null {
  if (f.den === 0) return null;
  return Math.floor((200 * f.num + f.den) / (2 * f.den));
}

/** A fraction with two decimals, rounded half up, as text ("4.33"); "" for 0/0. */
export function decimal2(f: Fraction | null): string {
  if (!f || f.den === 0) return "";
  const hundredths = Math.floor((200 * f.num + f.den) / (2 * f.den));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

function amount(value: number, what: string) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new DashboardInputError(`${what}: ${value} is not a non-negative integer of 分`);
  return value;
}

function emptyPart(
  communityId: number | null,
  name: string,
  funds: DashboardInput["funds"],
): DashboardPart {
  return {
    communityId,
    name,
    needs: { collected: 0, matched: 0, inProject: 0, resolved: 0 },
    money: {
      funds: funds.map((f) => ({
        fundId: f.id,
        kind: f.kind,
        name: f.name,
        grantedFen: 0,
        paidFen: 0,
        spentFen: 0,
      })),
      grantedFen: 0,
      paidFen: 0,
      spentFen: 0,
      spentSharedFen: 0,
      spentUnallocatedFen: 0,
      toPayFen: 0,
      releasedFen: 0,
    },
    projects: {
      total: 0,
      onTime: 0,
      notStarted: 0,
      inProgress: 0,
      late: 0,
      done: 0,
      terminated: 0,
      atRisk: 0,
    },
    evaluation: null,
    approval: null,
  };
}

function addEvaluation(a: EvaluationScores | null, b: EvaluationScores | null) {
  if (!a) return b;
  if (!b) return a;
  return scores(a.ratings + b.ratings, a.starsSum + b.starsSum);
}

function scores(ratings: number, starsSum: number): EvaluationScores {
  return { ratings, starsSum, average: ratings > 0 ? fraction(starsSum, ratings) : null };
}

function approvalScores(approvals: number, projects: number, ballots: number): ApprovalScores {
  const den = ballots * projects;
  return { approvals, projects, ballots, share: den > 0 ? fraction(approvals, den) : null };
}

function addApproval(a: ApprovalScores | null, b: ApprovalScores | null) {
  if (!a) return b;
  if (!b) return a;
  return approvalScores(a.approvals + b.approvals, a.projects + b.projects, a.ballots);
}

/**
 * Splits `amount` 分 in proportion to `weights`, exactly: each part rounded down, then the 分
 * left over one each to the largest remainders (the earlier on a tie). Weights are 分 too (up
 * to 2^53), so the products are BigInt.
 */
export function splitByWeights(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0n) return weights.map(() => 0);
  const parts = weights.map((w) => {
    const product = BigInt(amount) * BigInt(w);
    return { floor: product / total, rest: product % total };
  });
  let left = BigInt(amount) - parts.reduce((s, p) => s + p.floor, 0n);
  const order = parts
    .map((p, i) => ({ i, rest: p.rest }))
    .sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i]!.floor += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p.floor));
}

export function buildDashboard(input: DashboardInput): Dashboard {
  const parts = new Map<number, DashboardPart>();
  for (const c of input.communities) parts.set(c.id, emptyPart(c.id, c.name, input.funds));
  const partOf = (communityId: number, what: string) => {
    const part = parts.get(communityId);
    if (!part) throw new DashboardInputError(`${what} of unknown community ${communityId}`);
    return part;
  };
  const fundIndex = new Map(input.funds.map((f, i) => [f.id, i]));

  // Needs.
  const matched = new Set(input.matchedNeedIds);
  const inProject = new Set(input.projectNeedIds);
  for (const n of input.needs) {
    const p = partOf(n.communityId, `need ${n.id}`);
    p.needs.collected++;
    if (matched.has(n.id)) p.needs.matched++;
    if (inProject.has(n.id)) p.needs.inProject++;
    if (n.status === "resolved") p.needs.resolved++;
  }

  // Projects.
  const deliveryById = new Map(input.deliveries.map((d) => [d.id, d]));
  for (const d of input.deliveries) {
    const p = partOf(d.communityId, `delivery ${d.id}`).projects;
    p.total++;
    if (d.status === "not_started") p.notStarted++;
    else if (d.status === "in_progress") p.inProgress++;
    else if (d.status === "late") p.late++;
    else if (d.status === "done") p.done++;
    else p.terminated++;
    if (d.atRisk) p.atRisk++;
    p.onTime = p.notStarted + p.inProgress;
  }

  // Money.
  for (const g of input.grants) {
    const d = deliveryById.get(g.deliveryId);
    if (!d) throw new DashboardInputError(`grant of unknown delivery ${g.deliveryId}`);
    const granted = amount(g.grantedFen, "granted");
    const paid = amount(g.paidFen, "paid");
    if (paid > granted) throw new DashboardInputError(`paid ${paid} above granted ${granted}`);
    const m = partOf(d.communityId, `delivery ${d.id}`).money;
    const i = fundIndex.get(g.fundId);
    if (i === undefined) throw new DashboardInputError(`grant of unknown fund ${g.fundId}`);
    m.funds[i]!.grantedFen += granted;
    m.funds[i]!.paidFen += paid;
    m.grantedFen += granted;
    m.paidFen += paid;
    if (d.status === "terminated") m.releasedFen += granted - paid;
    else m.toPayFen += granted - paid;
  }
  const spentOf = new Map<number, number>();
  for (const s of input.spending) {
    const d = deliveryById.get(s.deliveryId);
    if (!d) throw new DashboardInputError(`spending of unknown delivery ${s.deliveryId}`);
    partOf(d.communityId, `delivery ${d.id}`).money.spentFen += amount(s.amountFen, "spent");
    spentOf.set(d.id, (spentOf.get(d.id) ?? 0) + s.amountFen);
  }
  // Spending per fund: each project's spending split by what each fund paid it (granted, while
  // nothing is paid).
  for (const [deliveryId, spent] of spentOf) {
    const d = deliveryById.get(deliveryId)!;
    const m = partOf(d.communityId, `delivery ${d.id}`).money;
    const paid = input.funds.map(() => 0);
    const granted = input.funds.map(() => 0);
    for (const g of input.grants.filter((g) => g.deliveryId === deliveryId)) {
      paid[fundIndex.get(g.fundId)!]! += g.paidFen;
      granted[fundIndex.get(g.fundId)!]! += g.grantedFen;
    }
    const weights = paid.some((w) => w > 0) ? paid : granted;
    if (!weights.some((w) => w > 0)) {
      m.spentUnallocatedFen += spent;
      continue;
    }
    splitByWeights(spent, weights).forEach((part, i) => (m.funds[i]!.spentFen += part));
    if (weights.filter((w) => w > 0).length > 1) m.spentSharedFen += spent;
  }

  // Evaluation.
  const rated = Boolean(input.evaluations && input.evaluations.length > 0);
  for (const e of input.evaluations ?? []) {
    if (!Number.isSafeInteger(e.ratings) || e.ratings < 0)
      throw new DashboardInputError(`ratings: ${e.ratings}`);
    if (e.starsSum < e.ratings || e.starsSum > 5 * e.ratings || !Number.isSafeInteger(e.starsSum))
      throw new DashboardInputError(`stars ${e.starsSum} out of range for ${e.ratings} ratings`);
    const p = partOf(e.communityId, "evaluation");
    p.evaluation = addEvaluation(p.evaluation, scores(e.ratings, e.starsSum));
  }
  const approved = Boolean(input.approvals && input.approvals.communities.length > 0);
  const ballots = input.approvals?.ballots ?? 0;
  if (!Number.isSafeInteger(ballots) || ballots < 0)
    throw new DashboardInputError(`approval ballots: ${ballots}`);
  for (const a of input.approvals?.communities ?? []) {
    if (!Number.isSafeInteger(a.projects) || a.projects < 1)
      throw new DashboardInputError(`approval projects: ${a.projects}`);
    if (!Number.isSafeInteger(a.approvals) || a.approvals < 0 || a.approvals > ballots * a.projects)
      throw new DashboardInputError(`approvals ${a.approvals} out of range for ${ballots} ballots`);
    const p = partOf(a.communityId, "approval");
    p.approval = addApproval(p.approval, approvalScores(a.approvals, a.projects, ballots));
  }

  const communities = [...parts.values()];
  return {
    communities,
    street: sumParts(communities, input.funds),
    evaluated: rated || approved,
    evaluatedBy: { rating: rated, approval: approved },
  };
}

/** The street's totals: the sum of the communities' figures. */
export function sumParts(
  communities: readonly DashboardPart[],
  funds: DashboardInput["funds"],
): DashboardPart {
  const street = emptyPart(null, "", funds);
  for (const c of communities) {
    for (const k of ["collected", "matched", "inProject", "resolved"] as const)
      street.needs[k] += c.needs[k];
    for (const k of [
      "total",
      "onTime",
      "notStarted",
      "inProgress",
      "late",
      "done",
      "terminated",
      "atRisk",
    ] as const)
      street.projects[k] += c.projects[k];
    for (const k of [
      "grantedFen",
      "paidFen",
      "spentFen",
      "spentSharedFen",
      "spentUnallocatedFen",
      "toPayFen",
      "releasedFen",
    ] as const)
      street.money[k] += c.money[k];
    c.money.funds.forEach((f, i) => {
      street.money.funds[i]!.grantedFen += f.grantedFen;
      street.money.funds[i]!.paidFen += f.paidFen;
      street.money.funds[i]!.spentFen += f.spentFen;
    });
    street.evaluation = addEvaluation(street.evaluation, c.evaluation);
    street.approval = addApproval(street.approval, c.approval);
  }
  return street;
}

/** The shares of the need funnel, each of the collected. */
export function needShares(n: NeedFigures) {
  return {
    matched: fraction(n.matched, n.collected),
    inProject: fraction(n.inProject, n.collected),
    resolved: fraction(n.resolved, n.collected),
  };
}

/** What share of the granted money is paid out, and of the paid money spent. */
export function moneyShares(m: MoneyFigures) {
  return { paid: fraction(m.paidFen, m.grantedFen), spent: fraction(m.spentFen, m.paidFen) };
}
