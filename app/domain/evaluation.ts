/**
 * 效果共评, pure: residents judge the outcomes of the projects a competition funded.
 *
 * - What may be evaluated: a project the competition's published result gave money to (street
 *   fund or foundation, any amount above 0 分). The street picks some or all of them.
 * - Modes (the round's vote rule): `approval` — tick the projects found best, up to K (the
 *   ordinary approval ballot); `rating` — 满意度 1–5 per project, any project may be left
 *   unrated, at least one rated. Contests use `approval` or `budget`, never `rating`.
 * - A comment per project (optional, at most 500 characters), published once approved.
 * - Scores: per project the number of ratings, their sum and the distribution 1–5; the mean is
 *   sum ÷ count to two decimals, rounded half up, computed with integers only. Per brand
 *   (一社一品): the ratings of its projects pooled. In approval mode: approvals per project and
 *   per brand. Ranked by mean (then count), or by approvals; equal numbers share a rank.
 * - Paper (rating mode): a confirmed polling station gives, per project, how many of its paper
 *   ballots gave each level; they count with the online ratings (a project's distribution is
 *   online + every confirmed station), and the published result keeps each station's sheet.
 */
import type { CompetitionKind, VoteRule } from "./enums";

export const RATING_LEVELS = [1, 2, 3, 4, 5] as const;
export const COMMENT_MAX = 500;

/** The vote rules a kind of competition may use. */
export function rulesFor(kind: CompetitionKind): VoteRule[] {
  return kind === "evaluation" ? ["approval", "rating"] : ["approval", "budget"];
}

export function ruleAllowed(kind: CompetitionKind, rule: VoteRule) {
  return rulesFor(kind).includes(rule);
}

/** The projects a published result funded (in its order), the only ones a round may evaluate. */
export function fundedProjectIds(output: {
  rows: Array<{ id: number; amounts: Record<string, number> }>;
}): number[] {
  return output.rows
    .filter((r) => Object.values(r.amounts).reduce((s, n) => s + n, 0) > 0)
    .map((r) => r.id);
}

export type ItemsProblem = "noItems" | "notFunded" | "duplicate";

/** Checks the street's pick of items against what the evaluated result funded. */
export function checkItems(picked: number[], funded: number[]): ItemsProblem | null {
  if (picked.length === 0) return "noItems";
  if (new Set(picked).size !== picked.length) return "duplicate";
  const ok = new Set(funded);
  if (picked.some((id) => !ok.has(id))) return "notFunded";
  return null;
}

// ── A resident's ballot ───────────────────────────────────────────────────────────────────

interface Rating {
  proposalId: number;
  rating: number;
}

export interface EvaluationComment {
  proposalId: number;
  body: string;
}

type RatingProblem = "empty" | "notOnBallot" | "duplicate" | "badRating";
type CommentProblem = "notOnBallot" | "duplicate" | "commentTooLong";

export function checkRatings(
  onBallot: number[],
  ratings: Rating[],
): { ok: true } | { ok: false; problem: RatingProblem } {
  if (ratings.length === 0) return { ok: false, problem: "empty" };
  const ids = ratings.map((r) => r.proposalId);
  if (new Set(ids).size !== ids.length) return { ok: false, problem: "duplicate" };
  const ballot = new Set(onBallot);
  if (ids.some((id) => !ballot.has(id))) return { ok: false, problem: "notOnBallot" };
  if (ratings.some((r) => !Number.isInteger(r.rating) || r.rating < 1 || r.rating > 5))
    return { ok: false, problem: "badRating" };
  return { ok: true };
}

/** Comments as stored: trimmed, empty ones dropped; refused when too long or off the ballot. */
export function checkComments(
  onBallot: number[],
  comments: EvaluationComment[],
): { ok: true; comments: EvaluationComment[] } | { ok: false; problem: CommentProblem } {
  const kept = comments
    .map((c) => ({ proposalId: c.proposalId, body: c.body.trim() }))
    .filter((c) => c.body.length > 0);
  const ballot = new Set(onBallot);
  if (kept.some((c) => !ballot.has(c.proposalId))) return { ok: false, problem: "notOnBallot" };
  if (new Set(kept.map((c) => c.proposalId)).size !== kept.length)
    return { ok: false, problem: "duplicate" };
  if (kept.some((c) => [...c.body].length > COMMENT_MAX))
    return { ok: false, problem: "commentTooLong" };
  return { ok: true, comments: kept };
}

// ── Scores ───────────────────────────────────────────────────────────────────────────────

/** How many residents gave 1, 2, 3, 4 and 5 (index 0 is 1 star). */
export type Distribution = [number, number, number, number, number];

export const emptyDistribution = (): Distribution => [0, 0, 0, 0, 0];

interface RatingScore {
  count: number;
  sum: number;
  /** The mean in hundredths (425 = 4.25), rounded half up; null when nobody rated. */
  meanHundredths: number | null;
  /** "4.25", or "—" when nobody rated. */
  mean: string;
  distribution: Distribution;
}

/** Mean of the ratings to two decimals with integers only: round(100·sum / count), half up. */
export function ratingScore(distribution: Distribution): RatingScore {
  const count = distribution.reduce((s, n) => s + n, 0);
  const sum = distribution.reduce((s, n, i) => s + n * (i + 1), 0);
  if (count === 0)
    return { count, sum, meanHundredths: null, mean: "—", distribution: [...distribution] };
  const meanHundredths = Math.floor((200 * sum + count) / (2 * count));
  return { count, sum, meanHundredths, mean: formatHundredths(meanHundredths), distribution };
}

/** Two distributions level by level (online + paper, or station + station). */
export function addDistributions(a: readonly number[], b: readonly number[]): Distribution {
  return RATING_LEVELS.map((_, i) => (a[i] ?? 0) + (b[i] ?? 0)) as Distribution;
}

/** A confirmed paper station of a round in rating mode, as counted and as published. */
export interface PaperRatingStation {
  name: string;
  communityName: string;
  ballotsCast: number;
  invalid: number;
  /** proposal id → how many of its valid ballots gave the project 1, 2, 3, 4 and 5 */
  ratings: Record<string, Distribution>;
}

/** Per item, the paper ratings of every confirmed station together (items not rated: zeros). */
export function paperRatingTotals(
  stations: PaperRatingStation[],
  itemIds: number[],
): Record<number, Distribution> {
  const totals: Record<number, Distribution> = {};
  for (const id of itemIds) totals[id] = emptyDistribution();
  for (const s of stations)
    for (const id of itemIds) {
      const d = s.ratings[String(id)];
      if (d) totals[id] = addDistributions(totals[id]!, d);
    }
  return totals;
}

function formatHundredths(h: number) {
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, "0")}`;
}

export interface EvaluationInput {
  competition: { id: number; slug: string; title: string };
  evaluates: { id: number; slug: string; title: string };
  rule: "approval" | "rating";
  items: Array<{ id: number; title: string; brand: string; communityName: string }>;
  /** Rating mode: per item, how many gave each level online (paper: `paperStations`). */
  ratings: Record<number, Distribution>;
  /** Rating mode: the confirmed paper stations and their ratings (counted with the online ones). */
  paperStations?: PaperRatingStation[];
  /** Approval mode: approvals per item, online and offline. */
  approvals: Record<number, { online: number; offline: number }>;
  ballots: {
    ballotsOnline: number;
    unreadableOnline: number;
    ballotsOffline: number;
    invalidOffline: number;
    stationsConfirmed: number;
    stationsTotal: number;
  };
  /** Approved comments, in the order the street approved them (by id). */
  comments: Array<{ id: number; proposalId: number; body: string }>;
}

export interface EvaluationRow extends RatingScore {
  id: number;
  title: string;
  brand: string;
  communityName: string;
  rank: number;
  approvals: { online: number; offline: number; total: number };
  /** Rating mode with paper stations: the part of count and distribution from paper ballots. */
  paper?: { count: number; distribution: Distribution };
}

export interface BrandScore extends RatingScore {
  brand: string;
  communityName: string;
  projects: number[];
  approvals: number;
}

export type EvaluationConfig = { kind: "evaluation" };

export interface EvaluationOutput {
  version: 1;
  kind: "evaluation";
  competition: EvaluationInput["competition"];
  evaluates: EvaluationInput["evaluates"];
  rule: EvaluationInput["rule"];
  ballots: EvaluationInput["ballots"];
  rows: EvaluationRow[];
  brands: BrandScore[];
  comments: Array<{ proposalId: number; body: string }>;
  /** Rating mode with paper stations: each confirmed station's sheet (its ballot's items only). */
  stations?: PaperRatingStation[];
}

export function isEvaluationOutput(output: object): output is EvaluationOutput {
  return "kind" in output && output.kind === "evaluation";
}

export function isEvaluationConfig(config: object): config is EvaluationConfig {
  return "kind" in config && config.kind === "evaluation";
}

/** Ranks by a key (higher first); equal keys share a rank (1, 1, 3). */
function rankBy<T>(rows: T[], key: (r: T) => number[]): Array<T & { rank: number }> {
  const cmp = (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return 0;
  };
  const sorted = [...rows].sort(cmp);
  return sorted.map((r, i) => {
    let first = i;
    while (first > 0 && cmp(sorted[first - 1]!, r) === 0) first -= 1;
    return { ...r, rank: first + 1 };
  });
}

/** The brand a project counts for: its own brand, or its community when it names none. */
export function brandOf(p: { brand: string; communityName: string }) {
  return p.brand.trim() || p.communityName;
}

export function computeEvaluation(input: EvaluationInput): EvaluationOutput {
  const itemIds = input.items.map((i) => i.id);
  // Rating mode: paper ratings of the confirmed stations count with the online ones.
  const stations =
    input.rule === "rating" && input.paperStations?.length
      ? input.paperStations.map((s) => ({
          ...s,
          ratings: Object.fromEntries(
            itemIds.map((id) => [String(id), addDistributions(s.ratings[String(id)] ?? [], [])]),
          ),
        }))
      : null;
  const paper = stations ? paperRatingTotals(stations, itemIds) : null;
  const scored = input.items.map((item) => {
    const a = input.approvals[item.id] ?? { online: 0, offline: 0 };
    const online = input.ratings[item.id] ?? emptyDistribution();
    const onPaper = paper?.[item.id];
    return {
      ...item,
      ...ratingScore(onPaper ? addDistributions(online, onPaper) : online),
      approvals: { ...a, total: a.online + a.offline },
      ...(onPaper
        ? { paper: { count: onPaper.reduce((s, n) => s + n, 0), distribution: onPaper } }
        : {}),
    };
  });
  const key = (r: (typeof scored)[number]) =>
    input.rule === "rating" ? [r.meanHundredths ?? -1, r.count] : [r.approvals.total];
  const rows = rankBy(scored, key);

  const byBrand = new Map<string, { communityName: string; ids: number[] }>();
  for (const r of rows) {
    const b = byBrand.get(brandOf(r)) ?? { communityName: r.communityName, ids: [] };
    b.ids.push(r.id);
    byBrand.set(brandOf(r), b);
  }
  const brands = [...byBrand].map(([brand, b]) => {
    const d = emptyDistribution();
    let approvals = 0;
    for (const id of b.ids) {
      const row = rows.find((r) => r.id === id)!;
      row.distribution.forEach((n, i) => (d[i] = d[i]! + n));
      approvals += row.approvals.total;
    }
    return { brand, communityName: b.communityName, projects: b.ids, approvals, ...ratingScore(d) };
  });
  const brandKey = (b: (typeof brands)[number]) =>
    input.rule === "rating" ? [b.meanHundredths ?? -1, b.count] : [b.approvals];
  const onBallot = new Set(input.items.map((i) => i.id));
  return {
    version: 1,
    kind: "evaluation",
    competition: input.competition,
    evaluates: input.evaluates,
    rule: input.rule,
    ballots: input.ballots,
    rows,
    brands: rankBy(brands, brandKey).map(({ rank: _rank, ...b }) => b),
    comments: [...input.comments]
      .filter((c) => onBallot.has(c.proposalId))
      .sort((a, b) => a.id - b.id)
      .map(({ proposalId, body }) => ({ proposalId, body })),
    ...(stations ? { stations } : {}),
  };
}

// ── The big screen, live ─────────────────────────────────────────────────────────────────

/** The mean in tenths (43 = 4.3) from the exact sum ÷ count, rounded half up; null unrated. */
export function meanTenths(distribution: Distribution): number | null {
  const count = distribution.reduce((s, n) => s + n, 0);
  if (count === 0) return null;
  const sum = distribution.reduce((s, n, i) => s + n * (i + 1), 0);
  return Math.floor((20 * sum + count) / (2 * count));
}

/** "4.3", or "—" when nobody rated (one decimal: what a hall reads from its seats). */
export function formatMeanTenths(distribution: Distribution): string {
  const t = meanTenths(distribution);
  return t === null ? "—" : `${Math.floor(t / 10)}.${t % 10}`;
}

export interface LiveRow {
  id: number;
  /** The project's number on the ballot. */
  number: number;
  /** Rating mode: how many gave 1…5. */
  ratings?: Distribution;
  /** Approvals, online and offline (approval mode). */
  total: number;
}

/**
 * The live order of the big screen, with ranks (equal figures share one: 1, 1, 3). Rating mode:
 * by the exact mean (sum ÷ count compared by cross-multiplying, not the rounded one shown), then
 * the number of ratings; projects nobody rated yet come last, unranked. Approval mode: by
 * approvals. Then the ballot's number, so the order never jumps between equal rows.
 */
export function liveStanding<T extends LiveRow>(
  rule: "approval" | "rating",
  rows: readonly T[],
): Array<T & { rank: number | null }> {
  const stats = (r: T) => {
    const d = r.ratings ?? emptyDistribution();
    return {
      count: d.reduce((s, n) => s + n, 0),
      sum: d.reduce((s, n, i) => s + n * (i + 1), 0),
    };
  };
  const cmp = (a: T, b: T) => {
    if (rule === "approval") return b.total - a.total;
    const x = stats(a);
    const y = stats(b);
    if (x.count === 0 || y.count === 0) return (y.count > 0 ? 1 : 0) - (x.count > 0 ? 1 : 0);
    return y.sum * x.count - x.sum * y.count || y.count - x.count;
  };
  const sorted = [...rows].sort((a, b) => cmp(a, b) || a.number - b.number);
  return sorted.map((r, i) => {
    if (rule === "rating" && stats(r).count === 0) return { ...r, rank: null };
    let first = i;
    while (first > 0 && cmp(sorted[first - 1]!, r) === 0) first -= 1;
    return { ...r, rank: first + 1 };
  });
}
