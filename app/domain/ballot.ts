/**
 * A resident's ballot, pure: what may be chosen under the competition's rule.
 * - approval: choose 1..K of the projects on the ballot;
 * - budget: choose projects whose requested amounts together fit the voter's budget.
 */
import type { VoteRule } from "./enums";

/** The most ballot cards one batch issues (a print run; more cards, more batches). */
export const MAX_BATCH = 5000;

interface BallotOption {
  id: number;
  /** What the project asks of the funds, in 分 (the budget rule adds these up). */
  requestedFen: number;
}

interface BallotRule {
  rule: VoteRule;
  maxChoices: number;
  voterBudgetFen: number | null;
}

export type BallotProblem =
  | "empty"
  | "tooMany"
  | "notOnBallot"
  | "duplicate"
  | "overBudget"
  /** 效果共评 (rating mode): a rating other than 1–5. */
  | "badRating"
  /** 效果共评: a comment over 500 characters. */
  | "commentTooLong";

export function checkBallot(
  rule: BallotRule,
  options: BallotOption[],
  choices: number[],
): { ok: true; spentFen: number } | { ok: false; problem: BallotProblem } {
  if (choices.length === 0) return { ok: false, problem: "empty" };
  if (new Set(choices).size !== choices.length) return { ok: false, problem: "duplicate" };
  const byId = new Map(options.map((o) => [o.id, o]));
  if (choices.some((c) => !byId.has(c))) return { ok: false, problem: "notOnBallot" };
  const spentFen = choices.reduce((s, c) => s + byId.get(c)!.requestedFen, 0);
  if (rule.rule === "approval" && choices.length > rule.maxChoices)
    return { ok: false, problem: "tooMany" };
  if (rule.rule === "budget" && rule.voterBudgetFen !== null && spentFen > rule.voterBudgetFen)
    return { ok: false, problem: "overBudget" };
  return { ok: true, spentFen };
}

/**
 * The ballot's numbering, shared by the online page and the printed paper ballot: the pitch
 * order when it has been drawn, then any other accepted project in community order.
 */
export function numberBallot<T extends { id: number }>(
  inCommunityOrder: T[],
  pitchOrder: number[],
): Array<T & { number: number }> {
  const byId = new Map(inCommunityOrder.map((p) => [p.id, p]));
  const ordered = [
    ...pitchOrder.filter((id) => byId.has(id)).map((id) => byId.get(id)!),
    ...inCommunityOrder.filter((p) => !pitchOrder.includes(p.id)),
  ];
  return ordered.map((p, i) => ({ ...p, number: i + 1 }));
}
