/**
 * Judges' scores, pure. Points are kept as integer half-points (the tablets step by 0.5) and
 * results as integer hundredths of a point, so the default rules are exact:
 *
 * - trimmed_mean: 去掉一个最高分和一个最低分 — drop one highest and one lowest judge total and
 *   average the rest. Needs at least 5 judges; with fewer it falls back to the plain mean and
 *   says so.
 * - mean: the plain mean of the judges' totals.
 * - zscore: each judge's totals are rescaled to the panel's mean and spread,
 *   x' = M + S · (x − m_j) / s_j (m_j, s_j: the judge's mean and standard deviation over the
 *   projects they scored; M, S: the same over every score of the panel), clamped to 0..100, then
 *   averaged. This removes a lenient or harsh judge's bias. (Square roots make this one rule
 *   inexact; it is rounded to hundredths like the others.)
 *
 * Ties are reported as ties, never broken here.
 */
import type { JudgeAggregation } from "./enums";

const TRIM_MINIMUM_JUDGES = 5;

interface CriterionMax {
  id: number;
  maxPoints: number;
}

/** Checks one judge's sheet: every criterion scored, 0..max in steps of 0.5. */
export function checkSheet(
  criteria: CriterionMax[],
  items: Record<number, number>,
): { ok: true; totalHalfPoints: number } | { ok: false; criterionId: number } {
  let total = 0;
  for (const c of criteria) {
    const v = items[c.id];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > c.maxPoints * 2)
      return { ok: false, criterionId: c.id };
    total += v;
  }
  const extra = Object.keys(items).find((k) => !criteria.some((c) => c.id === Number(k)));
  if (extra !== undefined) return { ok: false, criterionId: Number(extra) };
  return { ok: true, totalHalfPoints: total };
}

/** 0.5-point steps → half-points; null when not on the grid. */
export function toHalfPoints(points: number): number | null {
  const h = points * 2;
  return Number.isInteger(h) ? h : null;
}

export interface JudgeTotal {
  judgeId: number;
  proposalId: number;
  halfPoints: number;
}

export interface JudgeLine {
  judgeId: number;
  /** The judge's total in hundredths of a point. */
  total: number;
  /** Rescaled total (zscore rule), in hundredths. */
  normalized?: number;
  dropped: "high" | "low" | null;
}

export interface ProjectScore {
  proposalId: number;
  rule: JudgeAggregation;
  /** The rule actually applied (trimmed_mean falls back to mean below 5 judges). */
  applied: JudgeAggregation;
  judges: JudgeLine[];
  /** The judge score in hundredths (87.5 → 8750); null when nobody scored. */
  score: number | null;
}

/** a / b rounded half up, for non-negative integers. */
function divRound(a: number, b: number) {
  return Math.floor((2 * a + b) / (2 * b));
}

function meanHundredths(halfPointTotals: number[]) {
  const sum = halfPointTotals.reduce((s, v) => s + v, 0);
  return divRound(sum * 50, halfPointTotals.length);
}

function trimmed(lines: JudgeLine[], totals: JudgeTotal[]): number {
  // Sort by total, then by judge id so which of two equal totals is dropped is well defined.
  const sorted = [...totals].sort((a, b) => a.halfPoints - b.halfPoints || a.judgeId - b.judgeId);
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  lines.find((l) => l.judgeId === low.judgeId)!.dropped = "low";
  lines.find((l) => l.judgeId === high.judgeId)!.dropped = "high";
  return meanHundredths(sorted.slice(1, -1).map((t) => t.halfPoints));
}

interface Spread {
  mean: number;
  sd: number;
}

function spread(values: number[]): Spread {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * Scores every project of a competition from all judges' totals (the z-score rule needs the
 * whole panel's scores, so this takes them all at once).
 */
export function scoreProjects(
  all: JudgeTotal[],
  rule: JudgeAggregation,
): Map<number, ProjectScore> {
  const byProject = new Map<number, JudgeTotal[]>();
  for (const t of all) {
    const list = byProject.get(t.proposalId) ?? [];
    list.push(t);
    byProject.set(t.proposalId, list);
  }
  let normaliser: ((t: JudgeTotal) => number) | null = null;
  if (rule === "zscore" && all.length > 0) {
    const panel = spread(all.map((t) => t.halfPoints / 2));
    const perJudge = new Map<number, Spread>();
    for (const judgeId of new Set(all.map((t) => t.judgeId))) {
      perJudge.set(
        judgeId,
        spread(all.filter((t) => t.judgeId === judgeId).map((t) => t.halfPoints / 2)),
      );
    }
    normaliser = (t) => {
      const j = perJudge.get(t.judgeId)!;
      const x = t.halfPoints / 2;
      const rescaled = j.sd === 0 ? panel.mean : panel.mean + (panel.sd * (x - j.mean)) / j.sd;
      return Math.round(Math.min(100, Math.max(0, rescaled)) * 100);
    };
  }

  const result = new Map<number, ProjectScore>();
  for (const [proposalId, totals] of byProject) {
    const lines: JudgeLine[] = totals
      .map((t) => ({
        judgeId: t.judgeId,
        total: t.halfPoints * 50,
        dropped: null as JudgeLine["dropped"],
      }))
      .sort((a, b) => a.judgeId - b.judgeId);
    let applied: JudgeAggregation = rule;
    let score: number;
    if (rule === "zscore") {
      const normalized = totals.map((t) => ({ judgeId: t.judgeId, value: normaliser!(t) }));
      for (const n of normalized) lines.find((l) => l.judgeId === n.judgeId)!.normalized = n.value;
      score = divRound(
        normalized.reduce((s, n) => s + n.value, 0),
        normalized.length,
      );
    } else if (rule === "trimmed_mean" && totals.length >= TRIM_MINIMUM_JUDGES) {
      score = trimmed(lines, totals);
    } else {
      applied = "mean";
      score = meanHundredths(totals.map((t) => t.halfPoints));
    }
    result.set(proposalId, { proposalId, rule, applied, judges: lines, score });
  }
  return result;
}

interface Ranked<T> {
  item: T;
  /** 1-based; equal scores share a rank (1, 1, 3). */
  rank: number;
  tied: boolean;
}

/** Ranks by score, highest first; equal scores are ties, listed in input order. */
export function rankByScore<T>(items: T[], scoreOf: (item: T) => number): Array<Ranked<T>> {
  const sorted = items
    .map((item, i) => ({ item, i, s: scoreOf(item) }))
    .sort((a, b) => b.s - a.s || a.i - b.i);
  return sorted.map((entry) => {
    const first = sorted.findIndex((e) => e.s === entry.s);
    const count = sorted.filter((e) => e.s === entry.s).length;
    return { item: entry.item, rank: first + 1, tied: count > 1 };
  });
}

/** 8750 → "87.50" */
export function formatHundredths(h: number | null): string {
  if (h === null) return "—";
  return `${Math.trunc(h / 100)}.${String(Math.abs(h % 100)).padStart(2, "0")}`;
}

/** 17 half-points → "8.5" */
export function formatHalfPoints(h: number): string {
  return h % 2 === 0 ? String(h / 2) : `${(h - 1) / 2}.5`;
}

/**
 * Which judges' sheets count — the one rule, used by the reveal, the leaderboard, the results
 * and every export. A sheet counts when its judge sits on the panel now and is not recused
 * from the proposal's community now. A panel change during the show (a conflict of interest
 * found late, a judge who had to leave) therefore takes effect on every score at once, also on
 * pitches already revealed; the sheet itself is kept (and the change audited), so undoing the
 * change brings it back.
 */
export interface PanelFacts {
  /** Judge ids on the panel. */
  panel: readonly number[];
  recusals: ReadonlyArray<{ judgeId: number; communityId: number }>;
  /** proposal id → its community id */
  communityOf: ReadonlyMap<number, number>;
}

export function sheetCounts(sheet: { judgeId: number; proposalId: number }, facts: PanelFacts) {
  if (!facts.panel.includes(sheet.judgeId)) return false;
  const community = facts.communityOf.get(sheet.proposalId);
  return !facts.recusals.some((r) => r.judgeId === sheet.judgeId && r.communityId === community);
}

export function countedSheets<T extends { judgeId: number; proposalId: number }>(
  sheets: readonly T[],
  facts: PanelFacts,
): T[] {
  return sheets.filter((s) => sheetCounts(s, facts));
}

/** Sheets a panel change takes out of the count, and sheets it brings back. */
export function panelChangeEffect<T extends { judgeId: number; proposalId: number }>(
  sheets: readonly T[],
  before: PanelFacts,
  after: PanelFacts,
) {
  return {
    excluded: sheets.filter((s) => sheetCounts(s, before) && !sheetCounts(s, after)),
    restored: sheets.filter((s) => !sheetCounts(s, before) && sheetCounts(s, after)),
  };
}

/**
 * How far above the server's revision of a sheet a tablet's next revision may go. A tablet
 * counts up by one from the revision it was last told; a huge revision (2147483647) would leave
 * nothing above it and freeze the sheet, so it is refused.
 */
export const MAX_REVISION_STEP = 20;

export function revisionAllowed(serverRevision: number, incoming: number) {
  return (
    Number.isSafeInteger(incoming) &&
    incoming >= 1 &&
    incoming <= serverRevision + MAX_REVISION_STEP
  );
}

/**
 * What became of a submitted sheet: recorded; a resend of one already recorded (same key); or
 * older than the sheet the server holds (a later revision from another tablet won).
 */
export type SheetStatus = "recorded" | "duplicate" | "stale";
