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
 * - money per fund: granted and paid out (tranches); spending is recorded against budget lines,
 *   not funds, so it is given per project and community, not per fund. What is still to pay
 *   leaves out terminated projects (their unpaid grant is released, shown apart). Nothing is
 *   ever negative: a negative or non-integer amount in the input is an error.
 * - projects by status: on time (未开始 + 进行中), late (逾期), done, terminated; "at risk" is a
 *   flag beside the status, counted apart.
 * - evaluation (效果共评): residents' ratings (1–5) per community, when a round has been held;
 *   null until then.
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
}

export interface Dashboard {
  communities: DashboardPart[];
  street: DashboardPart;
  /** Whether any 效果共评 round has given scores. */
  evaluated: boolean;
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
      })),
      grantedFen: 0,
      paidFen: 0,
      spentFen: 0,
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
  for (const s of input.spending) {
    const d = deliveryById.get(s.deliveryId);
    if (!d) throw new DashboardInputError(`spending of unknown delivery ${s.deliveryId}`);
    partOf(d.communityId, `delivery ${d.id}`).money.spentFen += amount(s.amountFen, "spent");
  }

  // Evaluation.
  const evaluated = Boolean(input.evaluations && input.evaluations.length > 0);
  for (const e of input.evaluations ?? []) {
    if (!Number.isSafeInteger(e.ratings) || e.ratings < 0)
      throw new DashboardInputError(`ratings: ${e.ratings}`);
    if (e.starsSum < e.ratings || e.starsSum > 5 * e.ratings || !Number.isSafeInteger(e.starsSum))
      throw new DashboardInputError(`stars ${e.starsSum} out of range for ${e.ratings} ratings`);
    const p = partOf(e.communityId, "evaluation");
    p.evaluation = addEvaluation(p.evaluation, scores(e.ratings, e.starsSum));
  }

  const communities = [...parts.values()];
  return { communities, street: sumParts(communities, input.funds), evaluated };
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
    for (const k of ["grantedFen", "paidFen", "spentFen", "toPayFen", "releasedFen"] as const)
      street.money[k] += c.money[k];
    c.money.funds.forEach((f, i) => {
      street.money.funds[i]!.grantedFen += f.grantedFen;
      street.money.funds[i]!.paidFen += f.paidFen;
    });
    street.evaluation = addEvaluation(street.evaluation, c.evaluation);
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
