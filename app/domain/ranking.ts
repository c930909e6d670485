/**
 * The combined ranking, exact and pure.
 *
 *   judge score J   the judges' score (0..100), from judge-scoring.ts (hundredths)
 *   resident score R  votes ÷ the top project's votes × 100, or votes ÷ ballots × 100
 *   combined        (w_judges · J + w_residents · R) ÷ 100, weights in percent
 *
 * Scores are exact rationals; equal combined scores are ties, broken only by the competition's
 * explicit chain (default: higher judge score, then more votes, then a public lot drawn with a
 * recorded seed). Every tie and what broke it is reported.
 */
import { Q } from "./allocation/rational";
import { drawOrder } from "./draw";

export const TIE_BREAKS = ["judge", "votes", "lot"] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];
export const RESIDENT_RULES = ["top", "ballots"] as const;
export type ResidentRule = (typeof RESIDENT_RULES)[number];

interface RankInput {
  id: number;
  /** Judge score in hundredths of a point; null when the project was not scored (absent). */
  judge: number | null;
  /** Residents' votes, online and offline. */
  votes: number;
}

export interface RankOptions {
  judgeWeightPct: number;
  residentRule: ResidentRule;
  /** Valid ballots, online and offline (for the "ballots" rule). */
  ballots: number;
  tieBreak: TieBreak[];
  lotSeed: string;
}

interface Ranked {
  id: number;
  /** 1-based; equal when a tie was not broken. */
  rank: number;
  judge: Q;
  resident: Q;
  combined: Q;
  /** Other projects with exactly the same combined score. */
  tiedWith: number[];
  /** What put this project below the one above it, when they were tied; null otherwise. */
  decidedBy: TieBreak | null;
}

function residentScore(
  votes: number,
  options: Pick<RankOptions, "residentRule" | "ballots">,
  topVotes: number,
): Q {
  const base = options.residentRule === "top" ? topVotes : options.ballots;
  return base > 0 ? Q.of(BigInt(votes) * 100n, BigInt(base)) : Q.ZERO;
}

export function rankProposals(inputs: RankInput[], options: RankOptions): Ranked[] {
  const top = Math.max(0, ...inputs.map((i) => i.votes));
  const wJ = BigInt(options.judgeWeightPct);
  const wR = BigInt(100 - options.judgeWeightPct);
  const lot = drawOrder(
    inputs.map((i) => i.id),
    options.lotSeed,
  );
  const lotPos = new Map(lot.map((id, i) => [id, i]));
  const scored = inputs.map((i) => {
    const judge = Q.of(BigInt(i.judge ?? 0), 100n);
    const resident = residentScore(i.votes, options, top);
    const combined = judge.mulInt(wJ).add(resident.mulInt(wR)).divInt(100n);
    return { input: i, judge, resident, combined };
  });
  type S = (typeof scored)[number];
  const decide = (a: S, b: S): { order: number; by: TieBreak | null } => {
    for (const rule of options.tieBreak) {
      if (rule === "judge") {
        const c = b.judge.cmp(a.judge);
        if (c !== 0) return { order: c, by: "judge" };
      } else if (rule === "votes") {
        if (a.input.votes !== b.input.votes)
          return { order: b.input.votes - a.input.votes, by: "votes" };
      } else {
        return { order: lotPos.get(a.input.id)! - lotPos.get(b.input.id)!, by: "lot" };
      }
    }
    return { order: 0, by: null };
  };
  const sorted = [...scored].sort((a, b) => {
    const c = b.combined.cmp(a.combined);
    return c !== 0 ? c : decide(a, b).order || a.input.id - b.input.id;
  });
  const result: Ranked[] = [];
  sorted.forEach((s, i) => {
    const tiedWith = sorted
      .filter((o) => o !== s && o.combined.cmp(s.combined) === 0)
      .map((o) => o.input.id);
    const above = sorted[i - 1];
    const tiedAbove = above && above.combined.cmp(s.combined) === 0;
    const decidedBy = tiedAbove ? decide(above, s).by : null;
    // Unbroken ties share the rank of the first of them.
    const rank = tiedAbove && decidedBy === null ? result[i - 1]!.rank : i + 1;
    result.push({
      id: s.input.id,
      rank,
      judge: s.judge,
      resident: s.resident,
      combined: s.combined,
      tiedWith,
      decidedBy,
    });
  });
  return result;
}

/**
 * The standing shown on the big screen during the show, marked provisional: the revealed
 * projects' judge scores combined with the residents' votes so far, with the competition's
 * weights and the default resident rule (votes ÷ the top project's votes). Ties stay ties (no
 * lot is drawn for a provisional standing). The published result is computed separately.
 */
export function provisionalStanding(inputs: RankInput[], judgeWeightPct: number) {
  return rankProposals(inputs, {
    judgeWeightPct,
    residentRule: "top",
    ballots: 0,
    tieBreak: [],
    lotSeed: "provisional",
  }).map((r) => ({
    id: r.id,
    rank: r.rank,
    combined: r.combined.toFixed(2),
    tied: r.tiedWith.length > 0,
  }));
}
