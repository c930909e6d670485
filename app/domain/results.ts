/**
 * From judges' sheets and residents' votes to a ranking and money, pure and deterministic.
 *
 * The output is plain JSON (integers, strings, arrays) so it can be frozen in the database,
 * hashed in canonical form, published as open data and rendered without recomputation. Scores
 * keep their exact value as a fraction ("n/d") beside the rounded text people read.
 */
import {
  allocateFunds,
  type AllocationLimits,
  type FundKind,
  type FundSpec,
  type Reason,
  type Rule,
  type Tier,
} from "./allocation/funds";
import type { Q } from "./allocation/rational";
import type { JudgeAggregation, ProjectCategory } from "./enums";
import { scoreProjects, type JudgeLine } from "./judge-scoring";
import { rankProposals, type ResidentRule, type TieBreak } from "./ranking";

export const RESULT_RULES = ["greedy", "tiers", "equal-shares"] as const;

export interface ResultConfig {
  residentRule: ResidentRule;
  tieBreak: TieBreak[];
  /** The public lot's seed (recorded with the result). */
  lotSeed: string;
  rule:
    | { kind: "greedy"; partialFirst: boolean }
    | { kind: "tiers"; tiers: Tier[] }
    | { kind: "equal-shares"; completion: "none" | "greedy" };
}

export interface ResultInput {
  competition: {
    id: number;
    slug: string;
    title: string;
    judgeWeightPct: number;
    judgeAggregation: JudgeAggregation;
  };
  criteria: Array<{ id: number; name: string; maxPoints: number }>;
  judges: Array<{ id: number; name: string }>;
  projects: Array<{
    id: number;
    title: string;
    brand: string;
    communityName: string;
    category: ProjectCategory;
    requests: Record<FundKind, number>;
  }>;
  /** One row per judge and project scored, with the points per criterion (half-points). */
  sheets: Array<{
    proposalId: number;
    judgeId: number;
    totalHalfPoints: number;
    items: Record<number, number>;
  }>;
  votes: {
    ballotsOnline: number;
    /** Cast ballots that cannot be opened (sealed under another key): counted nowhere. */
    unreadableOnline?: number;
    ballotsOffline: number;
    invalidOffline: number;
    stationsConfirmed: number;
    stationsTotal: number;
    online: Record<number, number>;
    offline: Record<number, number>;
    /** Confirmed paper counts per polling station. */
    stations: Array<{
      name: string;
      communityName: string;
      ballotsCast: number;
      invalid: number;
      votes: Record<string, number>;
    }>;
  };
  /** Each online ballot's approvals (the Method of Equal Shares needs individual ballots). */
  ballots: number[][];
  funds: Array<Omit<FundSpec, "eligibleCategories"> & { eligibleCategories: ProjectCategory[] }>;
}

export interface ResultJudge {
  judgeId: number;
  name: string;
  /** Hundredths of a point. */
  total: number;
  normalized: number | null;
  dropped: JudgeLine["dropped"];
  /** criterion id → half-points */
  items: Record<string, number>;
}

export interface ResultRow {
  id: number;
  title: string;
  brand: string;
  communityName: string;
  category: ProjectCategory;
  rank: number;
  tiedWith: number[];
  decidedBy: TieBreak | null;
  judge: {
    /** Hundredths; null when no judge scored it. */
    score: number | null;
    applied: JudgeAggregation | null;
    judges: ResultJudge[];
  };
  votes: { online: number; offline: number; total: number };
  /** Rounded for people, exact as "n/d". */
  resident: { text: string; exact: string };
  combined: { text: string; exact: string };
  requests: Record<FundKind, number>;
  amounts: Record<FundKind, number>;
  tier: string | null;
  reasons: Reason[];
}

export interface ResultOutput {
  version: 1;
  competition: ResultInput["competition"] & { residentWeightPct: number };
  config: ResultConfig;
  criteria: ResultInput["criteria"];
  funds: Array<ResultInput["funds"][number] & { spentFen: number }>;
  ballots: Omit<ResultInput["votes"], "online" | "offline" | "stations"> & {
    /** Online ballots the Method of Equal Shares used (equal-shares rule only). */
    usedForEqualShares: number;
  };
  stations: ResultInput["votes"]["stations"];
  /** Equal shares: each voter's share that produced the outcome (分). */
  perVoterFen: number | null;
  rows: ResultRow[];
}

const exact = (q: Q) => {
  const r = q.reduce();
  return `${r.n}/${r.d}`;
};

/** Two decimals, or as many more (up to 6) as it takes to tell it from a neighbour it is not equal to. */
function texts(values: Q[]): string[] {
  return values.map((v, i) => {
    const neighbours = [values[i - 1], values[i + 1]].filter(
      (n): n is Q => n !== undefined && n.cmp(v) !== 0,
    );
    for (let digits = 2; digits < 6; digits++) {
      const t = v.toFixed(digits);
      if (neighbours.every((n) => n.toFixed(digits) !== t)) return t;
    }
    return v.toFixed(6);
  });
}

export function computeResults(
  input: ResultInput,
  config: ResultConfig,
  limits: AllocationLimits = {},
): ResultOutput {
  const { competition } = input;
  const scores = scoreProjects(
    input.sheets.map((s) => ({
      proposalId: s.proposalId,
      judgeId: s.judgeId,
      halfPoints: s.totalHalfPoints,
    })),
    competition.judgeAggregation,
  );
  const votesOf = (id: number) => {
    const online = input.votes.online[id] ?? 0;
    const offline = input.votes.offline[id] ?? 0;
    return { online, offline, total: online + offline };
  };
  const ranked = rankProposals(
    input.projects.map((p) => ({
      id: p.id,
      judge: scores.get(p.id)?.score ?? null,
      votes: votesOf(p.id).total,
    })),
    {
      judgeWeightPct: competition.judgeWeightPct,
      residentRule: config.residentRule,
      ballots: input.votes.ballotsOnline + input.votes.ballotsOffline,
      tieBreak: config.tieBreak,
      lotSeed: config.lotSeed,
    },
  );
  const byId = new Map(input.projects.map((p) => [p.id, p]));
  const rule: Rule =
    config.rule.kind === "equal-shares"
      ? { kind: "equal-shares", completion: config.rule.completion, ballots: input.ballots }
      : config.rule;
  const allocation = allocateFunds(
    input.funds,
    ranked.map((r) => {
      const p = byId.get(r.id)!;
      return { id: p.id, category: p.category, requests: p.requests, votes: votesOf(p.id).total };
    }),
    rule,
    limits,
  );
  const lines = new Map(allocation.lines.map((l) => [l.projectId, l]));
  const judgeNames = new Map(input.judges.map((j) => [j.id, j.name]));
  const sheetOf = new Map(input.sheets.map((s) => [`${s.proposalId}:${s.judgeId}`, s]));
  const residentTexts = texts(ranked.map((r) => r.resident));
  const combinedTexts = texts(ranked.map((r) => r.combined));

  const rows: ResultRow[] = ranked.map((r, i) => {
    const p = byId.get(r.id)!;
    const score = scores.get(r.id);
    const line = lines.get(r.id)!;
    return {
      id: p.id,
      title: p.title,
      brand: p.brand,
      communityName: p.communityName,
      category: p.category,
      rank: r.rank,
      tiedWith: r.tiedWith,
      decidedBy: r.decidedBy,
      judge: {
        score: score?.score ?? null,
        applied: score?.applied ?? null,
        judges: (score?.judges ?? []).map((j) => ({
          judgeId: j.judgeId,
          name: judgeNames.get(j.judgeId) ?? "",
          total: j.total,
          normalized: j.normalized ?? null,
          dropped: j.dropped,
          items: Object.fromEntries(
            Object.entries(sheetOf.get(`${r.id}:${j.judgeId}`)?.items ?? {}).map(([k, v]) => [
              String(k),
              v,
            ]),
          ),
        })),
      },
      votes: votesOf(p.id),
      resident: { text: residentTexts[i]!, exact: exact(r.resident) },
      combined: { text: combinedTexts[i]!, exact: exact(r.combined) },
      requests: p.requests,
      amounts: line.amounts,
      tier: line.tier ?? null,
      reasons: line.reasons,
    };
  });

  return {
    version: 1,
    competition: { ...competition, residentWeightPct: 100 - competition.judgeWeightPct },
    config,
    criteria: input.criteria,
    funds: input.funds.map((f) => ({ ...f, spentFen: allocation.spent[f.kind] })),
    ballots: {
      ballotsOnline: input.votes.ballotsOnline,
      ballotsOffline: input.votes.ballotsOffline,
      invalidOffline: input.votes.invalidOffline,
      stationsConfirmed: input.votes.stationsConfirmed,
      stationsTotal: input.votes.stationsTotal,
      // Only when there are any, so that results computed before this field keep their hash.
      ...(input.votes.unreadableOnline ? { unreadableOnline: input.votes.unreadableOnline } : {}),
      usedForEqualShares: config.rule.kind === "equal-shares" ? input.ballots.length : 0,
    },
    stations: input.votes.stations,
    perVoterFen: allocation.perVoterFen ?? null,
    rows,
  };
}

export type PublishProblem =
  "votingOpen" | "stationsUnconfirmed" | "ballotsUnreadable" | "noProjects";

/** What stops a result from being published now (warnings are shown, these refuse). */
export function publishProblems(
  /** A competition's output, or a 效果共评 round's (same ballots facts, rows per project). */
  output: {
    ballots: Pick<
      ResultOutput["ballots"],
      "stationsConfirmed" | "stationsTotal" | "unreadableOnline"
    >;
    rows: unknown[];
  },
  votingClosesAt: Date | null,
  now: Date,
): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (votingClosesAt && now < votingClosesAt) problems.push("votingOpen");
  if (output.ballots.stationsConfirmed < output.ballots.stationsTotal)
    problems.push("stationsUnconfirmed");
  // Ballots that were cast but cannot be counted: publishing would silently leave them out.
  if (output.ballots.unreadableOnline) problems.push("ballotsUnreadable");
  if (output.rows.length === 0) problems.push("noProjects");
  return problems;
}

/** Facts worth a second look before publishing, that do not stop it. */
type ResultWarning =
  | { code: "unscored"; ids: number[] }
  | { code: "unbrokenTie"; ids: number[] }
  | { code: "offlineNotInEqualShares"; ballots: number };

export function resultWarnings(output: ResultOutput): ResultWarning[] {
  const warnings: ResultWarning[] = [];
  const unscored = output.rows.filter((r) => r.judge.score === null).map((r) => r.id);
  if (unscored.length) warnings.push({ code: "unscored", ids: unscored });
  const shared = output.rows.filter((r) =>
    output.rows.some((o) => o.id !== r.id && o.rank === r.rank),
  );
  if (shared.length) warnings.push({ code: "unbrokenTie", ids: shared.map((r) => r.id) });
  if (output.config.rule.kind === "equal-shares" && output.ballots.ballotsOffline > 0)
    warnings.push({ code: "offlineNotInEqualShares", ballots: output.ballots.ballotsOffline });
  return warnings;
}

/** The big screen's final reveal: the ranking with money, and the money per 一社一品 brand. */
interface FinalReveal {
  outputHash: string;
  funds: Array<{ kind: FundKind; name: string; totalFen: number; spentFen: number }>;
  rows: Array<{
    id: number;
    rank: number;
    tied: boolean;
    title: string;
    communityName: string;
    brand: string;
    combined: string;
    tier: string | null;
    amounts: Record<FundKind, number>;
    totalFen: number;
  }>;
  /** Funded brands, most money first (ties: the better rank first). */
  brands: Array<{
    communityName: string;
    brand: string;
    amounts: Record<FundKind, number>;
    totalFen: number;
  }>;
  totalFen: number;
}

export function finalReveal(output: ResultOutput, outputHash: string): FinalReveal {
  const rows = output.rows.map((r) => ({
    id: r.id,
    rank: r.rank,
    // An unbroken tie: another project shares the rank (a broken one has ranks apart).
    tied: output.rows.some((o) => o.id !== r.id && o.rank === r.rank),
    title: r.title,
    communityName: r.communityName,
    brand: r.brand,
    combined: r.combined.text,
    tier: r.tier,
    amounts: { street: r.amounts.street, foundation: r.amounts.foundation },
    totalFen: r.amounts.street + r.amounts.foundation,
  }));
  const byBrand = new Map<string, FinalReveal["brands"][number] & { rank: number }>();
  for (const r of rows) {
    if (r.totalFen === 0) continue;
    const key = `${r.communityName}\u0000${r.brand}`;
    const b = byBrand.get(key) ?? {
      communityName: r.communityName,
      brand: r.brand,
      amounts: { street: 0, foundation: 0 },
      totalFen: 0,
      rank: r.rank,
    };
    b.amounts.street += r.amounts.street;
    b.amounts.foundation += r.amounts.foundation;
    b.totalFen += r.totalFen;
    b.rank = Math.min(b.rank, r.rank);
    byBrand.set(key, b);
  }
  const brands = [...byBrand.values()]
    .sort((a, b) => b.totalFen - a.totalFen || a.rank - b.rank)
    .map(({ rank: _rank, ...b }) => b);
  return {
    outputHash,
    funds: output.funds.map((f) => ({
      kind: f.kind,
      name: f.name,
      totalFen: f.totalFen,
      spentFen: f.spentFen,
    })),
    rows,
    brands,
    totalFen: rows.reduce((s, r) => s + r.totalFen, 0),
  };
}
