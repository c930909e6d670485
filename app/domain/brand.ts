/**
 * 一社一品 brands across rounds, pure: the theme a brand's name suggests, and a brand's history
 * (one entry per round its projects took part in) put together from the facts the models read:
 * the published result's row of each project, its delivery and its 效果共评 scores. No I/O.
 */
import type { BrandTheme, DeliveryStatus, FundKind, ProposalStatus } from "./enums";

/** The theme a brand's name suggests (儿童/老年/睦邻/青年 友好), else "other". */
export function guessTheme(name: string): BrandTheme {
  if (name.includes("儿童")) return "child";
  if (name.includes("老年")) return "elder";
  if (name.includes("睦邻")) return "neighbour";
  if (name.includes("青年")) return "youth";
  return "other";
}

/** One project of a brand in one round, with the published facts about it. */
export interface BrandProject {
  proposalId: number;
  title: string;
  status: ProposalStatus;
  /** From the round's published result; null while none is published (or it is not in it). */
  result: {
    rank: number;
    /** The final judge score in hundredths (as the results page shows); null when unscored. */
    judgeScore: number | null;
    votes: number;
    combined: string;
    /** The allocation per fund of the round, in 分 (0 for a fund that gave nothing). */
    amounts: Array<{ kind: FundKind; fen: number }>;
    totalFen: number;
  } | null;
  /** Its 任务清单 once funded: status and money (分). */
  delivery: {
    status: DeliveryStatus;
    atRisk: boolean;
    grantedFen: number;
    paidFen: number;
    spentFen: number;
  } | null;
  /** The latest published 效果共评 rating round over it: mean in hundredths and how many rated. */
  evaluation: {
    slug: string;
    title: string;
    mean: string;
    meanHundredths: number | null;
    count: number;
  } | null;
}

/** One round (competition) a brand took part in. */
export interface BrandRound {
  competitionId: number;
  slug: string;
  title: string;
  year: number;
  round: number;
  /** Whether the round's result is published. */
  published: boolean;
  funds: Array<{ kind: FundKind; name: string }>;
  projects: BrandProject[];
  /** The round's money for the brand per fund (分), summed over its projects. */
  totals: Array<{ kind: FundKind; fen: number }>;
}

/** A published result's row of a project, as the brand history reads it. */
export interface ResultRowFacts {
  id: number;
  rank: number;
  judge: { score: number | null };
  votes: { total: number };
  combined: { text: string };
  amounts: Partial<Record<FundKind, number>>;
}

/** The result part of a project from its row, funds in the round's order. */
export function resultOf(
  row: ResultRowFacts,
  funds: ReadonlyArray<{ kind: FundKind }>,
): NonNullable<BrandProject["result"]> {
  const amounts = funds.map((f) => ({ kind: f.kind, fen: row.amounts[f.kind] ?? 0 }));
  return {
    rank: row.rank,
    judgeScore: row.judge.score,
    votes: row.votes.total,
    combined: row.combined.text,
    amounts,
    totalFen: amounts.reduce((s, a) => s + a.fen, 0),
  };
}

/** A project's published 效果共评 scores (newest round first), as evaluation.server gives them. */
export interface EvaluationFacts {
  slug: string;
  title: string;
  rule: "approval" | "rating";
  row: { mean: string; meanHundredths: number | null; count: number };
}

/** The latest rating round's mean (approval rounds carry no mean); null when none. */
export function latestRating(scores: readonly EvaluationFacts[]): BrandProject["evaluation"] {
  const s = scores.find((x) => x.rule === "rating");
  return s
    ? {
        slug: s.slug,
        title: s.title,
        mean: s.row.mean,
        meanHundredths: s.row.meanHundredths,
        count: s.row.count,
      }
    : null;
}

/** The money per fund of a round's projects, summed. */
export function roundTotals(
  funds: ReadonlyArray<{ kind: FundKind }>,
  projects: readonly BrandProject[],
): BrandRound["totals"] {
  return funds.map((f) => ({
    kind: f.kind,
    fen: projects.reduce(
      (s, p) => s + (p.result?.amounts.find((a) => a.kind === f.kind)?.fen ?? 0),
      0,
    ),
  }));
}

/**
 * What a viewer may see. The public sees only rounds with a published result and, in them, only
 * the projects the result ranks (accepted ones); the street sees every round and project.
 */
export function visibleRounds(
  rounds: readonly BrandRound[],
  view: { public: boolean },
): BrandRound[] {
  if (!view.public) return [...rounds];
  return rounds
    .filter((r) => r.published)
    .map((r) => ({ ...r, projects: r.projects.filter((p) => p.result) }))
    .filter((r) => r.projects.length > 0);
}

/** Rounds oldest first (year, round, id): a brand's story reads forward. */
export function sortRounds<T extends { year: number; round: number; competitionId: number }>(
  rounds: readonly T[],
): T[] {
  return [...rounds].sort(
    (a, b) => a.year - b.year || a.round - b.round || a.competitionId - b.competitionId,
  );
}
