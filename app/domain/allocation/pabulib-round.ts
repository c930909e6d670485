/**
 * A published round's online approval ballots as a Pabulib `.pb` file, pure (the randomness is
 * passed in). What it holds and why:
 *
 * - Amounts in 元 (decimals only where a 分 amount needs them): one unit of the file's currency
 *   is then 1 元, the step the app's own add1 raises each voter's share by, so
 *   `npm run allocate -- --rule equal-shares --completion add1` walks the same shares.
 * - budget: the street fund's total (街道资金), the fund the equal-shares rule allocates; the
 *   foundation fund (matching or greedy after it) is not in the file.
 * - PROJECTS: the projects the street fund can pay (eligible, asking it for money), in the
 *   published combined-rank order (the file's order is the lot that breaks ties, as the ranking
 *   is in the app); cost is the request within the fund's per-project cap, as equal shares
 *   counts it; votes is the number of the file's ballots approving it.
 * - VOTES: every online ballot of the round, each only with those projects (a ballot left empty
 *   still counts as a voter: equal shares divides the budget among all of them; pabutools cannot
 *   read an empty vote, our parser and `npm run allocate` can). Voter ids are
 *   1, 2, 3… given after a random shuffle: no token, receipt, time or order of casting.
 *
 * So the file reproduces the street fund's equal-shares selection before any completion (rows
 * whose reasons have `mesSelected`), and under every rule the residents' online approval counts.
 * Paper ballots are counts per station, not ballots: they are not in the file.
 */
import type { ResultOutput } from "../results";
import { fundCeiling } from "./funds";
import { formatPbAmount, serializePb, type PbFile } from "./pabulib";

interface RoundPbInput {
  output: Pick<ResultOutput, "competition" | "funds" | "rows">;
  /** Each online ballot's approved project ids. */
  ballots: number[][];
  /** The street (or installation) the round belongs to, for META unit. */
  unit: string;
  /** A random integer in [0, n): the shuffle that hides the ballots' order. */
  randomInt: (n: number) => number;
}

const yuan = (fen: number) => formatPbAmount(BigInt(Math.max(0, fen)), 100n);

/** The projects the file lists, in rank order, with their cost in 分. */
export function pbProjects(output: Pick<ResultOutput, "funds" | "rows">) {
  const street = output.funds.find((f) => f.kind === "street");
  if (!street) return [];
  return output.rows
    .map((r) => ({ id: r.id, title: r.title, costFen: fundCeiling(street, r) }))
    .filter((p) => p.costFen > 0);
}

export function roundPb({ output, ballots, unit, randomInt }: RoundPbInput): string {
  const street = output.funds.find((f) => f.kind === "street");
  const projects = pbProjects(output);
  const listed = new Set(projects.map((p) => p.id));
  const votes = ballots.map((b) =>
    [...new Set(b)].filter((id) => listed.has(id)).sort((x, y) => x - y),
  );
  // Fisher–Yates: the order of the file says nothing about the order of casting.
  for (let i = votes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [votes[i], votes[j]] = [votes[j]!, votes[i]!];
  }
  const approvals = new Map<number, number>();
  for (const v of votes) for (const id of v) approvals.set(id, (approvals.get(id) ?? 0) + 1);
  const file: PbFile = {
    meta: {
      description: `${output.competition.title}:居民线上认可票(街道资金 ${street ? street.name : ""},单位 元)`,
      country: "China",
      unit,
      instance: output.competition.slug,
      num_projects: String(projects.length),
      num_votes: String(votes.length),
      budget: yuan(street?.totalFen ?? 0),
      vote_type: "approval",
      currency: "CNY",
      language: "zh",
    },
    projects: projects.map((p) => ({
      project_id: String(p.id),
      cost: yuan(p.costFen),
      votes: String(approvals.get(p.id) ?? 0),
      name: p.title,
    })),
    votes: votes.map((v, i) => ({ voter_id: String(i + 1), vote: v.join(",") })),
  };
  return serializePb(file);
}
