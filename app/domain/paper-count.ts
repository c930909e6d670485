/**
 * Paper ballots (线下投票), pure: checking one clerk's count of a station and reconciling the two
 * independent counts. A station counts only when two clerks' entries agree exactly, or when the
 * street resolves a disagreement with a third entry (with a reason).
 *
 * A count has lines: "ballotsCast" (ballots the station received), "invalid", and per project
 * on the ballot either its votes ("<id>", approval) or, in a 效果共评 round in rating mode, how
 * many ballots gave it each level 1–5 ("<id>:<level>"). Two counts agree when every line does.
 */
import type { Distribution } from "./evaluation";

/** How a station's ballots are counted: ticks per project, or ratings per project and level. */
export type PaperRule = "approval" | "rating";

export interface PaperCount {
  userId: number;
  kind: "entry" | "resolution";
  ballotsCast: number;
  invalid: number;
  /** proposal id → votes */
  votes: Record<string, number>;
  /** Rating mode: proposal id → how many ballots gave it 1, 2, 3, 4 and 5. */
  ratings?: Record<string, number[]>;
}

export type CountProblem =
  | { field: "invalid"; problem: "moreThanCast" }
  | { field: string; problem: "notAProject" | "negative" | "moreThanValid" }
  | { field: "votes"; problem: "tooManyVotes" }
  | { field: "ratings"; problem: "fewerRatingsThanBallots" };

/** Plausibility of one count: invalid ≤ cast; each project ≤ valid ballots; total ≤ valid × K. */
export function checkCount(
  count: Omit<PaperCount, "userId" | "kind">,
  projectIds: number[],
  maxChoicesPerBallot: number,
): CountProblem[] {
  const problems: CountProblem[] = [];
  const valid = count.ballotsCast - count.invalid;
  if (count.invalid > count.ballotsCast)
    problems.push({ field: "invalid", problem: "moreThanCast" });
  let total = 0;
  for (const [id, v] of Object.entries(count.votes)) {
    if (!projectIds.includes(Number(id))) problems.push({ field: id, problem: "notAProject" });
    else if (!Number.isInteger(v) || v < 0) problems.push({ field: id, problem: "negative" });
    else if (v > valid) problems.push({ field: id, problem: "moreThanValid" });
    total += v;
  }
  if (valid >= 0 && total > valid * maxChoicesPerBallot)
    problems.push({ field: "votes", problem: "tooManyVotes" });
  return problems;
}

/**
 * Plausibility of one count in rating mode. Per project the ballots over its five levels are at
 * most the valid ballots (a ballot rates a project once or leaves it); every level a whole number
 * ≥ 0; and together at least the valid ballots, since a valid ballot rates at least one project
 * (one that rates none is blank, counted with the invalid ones). Problems name the line:
 * "invalid", "<id>" (the project's row), "<id>:<level>", or "ratings" (the whole count).
 */
export function checkRatingCount(
  count: Pick<PaperCount, "ballotsCast" | "invalid" | "ratings">,
  projectIds: number[],
): CountProblem[] {
  const problems: CountProblem[] = [];
  const valid = count.ballotsCast - count.invalid;
  if (count.invalid > count.ballotsCast)
    problems.push({ field: "invalid", problem: "moreThanCast" });
  let total = 0;
  let wellFormed = true;
  for (const [id, levels] of Object.entries(count.ratings ?? {})) {
    if (!projectIds.includes(Number(id))) {
      problems.push({ field: id, problem: "notAProject" });
      wellFormed = false;
      continue;
    }
    if (!Array.isArray(levels) || levels.length !== 5) {
      problems.push({ field: id, problem: "negative" });
      wellFormed = false;
      continue;
    }
    let sum = 0;
    levels.forEach((n, i) => {
      if (!Number.isSafeInteger(n) || n < 0) {
        problems.push({ field: `${id}:${i + 1}`, problem: "negative" });
        wellFormed = false;
      } else sum += n;
    });
    if (valid >= 0 && sum > valid) problems.push({ field: id, problem: "moreThanValid" });
    total += sum;
  }
  if (wellFormed && valid > 0 && total < valid)
    problems.push({ field: "ratings", problem: "fewerRatingsThanBallots" });
  return problems;
}

export interface DiffLine {
  /** "ballotsCast", "invalid", a proposal id, or "<proposal id>:<level>" in rating mode */
  line: string;
  values: number[];
}

/** The lines of a count, in the order of the paper sheet. */
export function countLineNames(projectIds: number[], rule: PaperRule = "approval"): string[] {
  const perProject =
    rule === "rating"
      ? projectIds.flatMap((id) => [1, 2, 3, 4, 5].map((level) => `${id}:${level}`))
      : projectIds.map(String);
  return ["ballotsCast", "invalid", ...perProject];
}

/** A line's value in a count (an absent project or level is 0). */
function lineValue(e: Omit<PaperCount, "userId" | "kind">, line: string): number {
  if (line === "ballotsCast") return e.ballotsCast;
  if (line === "invalid") return e.invalid;
  const [id, level] = line.split(":") as [string, string | undefined];
  if (level !== undefined) return e.ratings?.[id]?.[Number(level) - 1] ?? 0;
  return e.votes[id] ?? 0;
}

export type Reconciliation =
  | { status: "empty" | "single"; entries: PaperCount[] }
  | {
      status: "agreed" | "resolved";
      result: Omit<PaperCount, "userId" | "kind">;
      entries: PaperCount[];
    }
  | { status: "mismatch"; diff: DiffLine[]; entries: PaperCount[] };

function sameCount(a: PaperCount, b: PaperCount, lines: string[]) {
  return lines.every((line) => lineValue(a, line) === lineValue(b, line));
}

/** Where two counts differ, line by line. */
function diffCounts(a: PaperCount, b: PaperCount, lines: string[]): DiffLine[] {
  return lines
    .filter((line) => lineValue(a, line) !== lineValue(b, line))
    .map((line) => ({ line, values: [lineValue(a, line), lineValue(b, line)] }));
}

/** A count with every project (and level) of the ballot spelled out, 0 where absent. */
function normalise(e: PaperCount, projectIds: number[], rule: PaperRule) {
  const ids = projectIds.map(String);
  if (rule === "rating")
    return {
      ballotsCast: e.ballotsCast,
      invalid: e.invalid,
      votes: {},
      ratings: Object.fromEntries(
        ids.map((id) => [
          id,
          [1, 2, 3, 4, 5].map((level) => lineValue(e, `${id}:${level}`)) as Distribution,
        ]),
      ),
    };
  return {
    ballotsCast: e.ballotsCast,
    invalid: e.invalid,
    votes: Object.fromEntries(ids.map((id) => [id, e.votes[id] ?? 0])),
  };
}

export function reconcile(
  entries: PaperCount[],
  projectIds: number[],
  rule: PaperRule = "approval",
): Reconciliation {
  const lines = countLineNames(projectIds, rule);
  const resolution = [...entries].reverse().find((e) => e.kind === "resolution");
  if (resolution)
    return { status: "resolved", result: normalise(resolution, projectIds, rule), entries };
  const clerks = entries.filter((e) => e.kind === "entry");
  if (clerks.length === 0) return { status: "empty", entries };
  if (clerks.length === 1) return { status: "single", entries };
  const [a, b] = clerks.slice(-2) as [PaperCount, PaperCount];
  if (a.userId === b.userId) return { status: "single", entries };
  if (sameCount(a, b, lines))
    return { status: "agreed", result: normalise(a, projectIds, rule), entries };
  return { status: "mismatch", diff: diffCounts(a, b, lines), entries };
}

type DraftLine = { agreed: number } | { entries: [number, number] };

/**
 * Where the street starts resolving a mismatch: every line ("ballotsCast", "invalid", a
 * proposal id, or "<id>:<level>" in rating mode) the two clerks agree on, with its value, and
 * every other line with both clerks' values to adopt one of (entry 1 is the earlier clerk's, as
 * in `diffCounts`). Null while there are not two clerks' entries.
 */
export function resolutionDraft(
  entries: PaperCount[],
  projectIds: number[],
  rule: PaperRule = "approval",
): Record<string, DraftLine> | null {
  const clerks = entries.filter((e) => e.kind === "entry");
  if (clerks.length < 2) return null;
  const [a, b] = clerks.slice(-2) as [PaperCount, PaperCount];
  const draft: Record<string, DraftLine> = {};
  for (const line of countLineNames(projectIds, rule)) {
    const [va, vb] = [lineValue(a, line), lineValue(b, line)];
    draft[line] = va === vb ? { agreed: va } : { entries: [va, vb] };
  }
  return draft;
}
