/**
 * The rules `npm run allocate` runs on a Pabulib file, as one pure function: the command
 * (scripts/allocate-command.ts) and the street's sandbox (/admin/sandbox) both call it, so a rule
 * gives the same selection on the same file wherever it is run.
 *
 * - greedy: by votes, skipping what does not fit (greedyByVotes);
 * - equal-shares: the Method of Equal Shares with each voter's share budget ÷ voters, exact;
 * - equal-shares + add1: the share raised 1 unit of the file's currency at a time (1 元 for the
 *   files Roadshow exports), as the app's own equal-shares rule does; throws Add1LimitError past
 *   its limit of runs.
 * Ties: the order of the file's PROJECTS is the lot.
 */
import { equalShares, equalSharesAdd1, greedyByVotes, groupBallots } from "./equal-shares";
import type { PbInstance } from "./pabulib";
import { Q } from "./rational";

export const PB_RULES = ["greedy", "equal-shares", "equal-shares-add1"] as const;
export type PbRule = (typeof PB_RULES)[number];

interface PbAllocation {
  selected: string[];
  cost: bigint;
  /** Equal shares: each voter's share that gave the outcome (in the instance's units). */
  perVoter: Q | null;
  /** Equal shares: what each paying supporter paid for each bought project. */
  rho: Map<string, Q>;
  /** Equal shares: what the supporters of a project not bought had left together. */
  supportersLeft: Map<string, Q>;
  /** Approvals per project. */
  votes: Map<string, number>;
  voters: number;
}

export function allocatePb(
  instance: PbInstance,
  rule: PbRule,
  options: { maxRuns?: number } = {},
): PbAllocation {
  const { projects, ballots, budget, scale } = instance;
  const groups = groupBallots(ballots);
  const voters = groups.reduce((s, g) => s + g.weight, 0);
  const votes = new Map(projects.map((p) => [p.id, 0]));
  for (const g of groups)
    for (const id of g.approvals) if (votes.has(id)) votes.set(id, votes.get(id)! + g.weight);
  const base = { votes, voters };
  if (rule === "greedy") {
    const r = greedyByVotes(projects, groups, budget);
    return { ...base, ...r, perVoter: null, rho: new Map(), supportersLeft: new Map() };
  }
  if (rule === "equal-shares-add1") {
    // add1 raises the share 1 unit of the file's currency at a time.
    const r = equalSharesAdd1(projects, groups, budget, { step: scale, maxRuns: options.maxRuns });
    return { ...base, ...r, perVoter: Q.of(r.perVoter) };
  }
  const perVoter = Q.of(budget, Math.max(1, voters));
  return { ...base, ...equalShares(projects, groups, perVoter), perVoter };
}
