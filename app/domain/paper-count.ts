/**
 * Paper ballots (线下投票), pure: checking one clerk's count of a station and reconciling the two
 * independent counts. A station counts only when two clerks' entries agree exactly, or when the
 * street resolves a disagreement with a third entry (with a reason).
 */

export interface PaperCount {
  userId: number;
  kind: "entry" | "resolution";
  ballotsCast: number;
  invalid: number;
  /** proposal id → votes */
  votes: Record<string, number>;
}

export type CountProblem =
  | { field: "invalid"; problem: "moreThanCast" }
  | { field: string; problem: "notAProject" | "negative" | "moreThanValid" }
  | { field: "votes"; problem: "tooManyVotes" };

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

export interface DiffLine {
  /** "ballotsCast", "invalid" or a proposal id */
  line: string;
  values: number[];
}

export type Reconciliation =
  | { status: "empty" | "single"; entries: PaperCount[] }
  | {
      status: "agreed" | "resolved";
      result: Omit<PaperCount, "userId" | "kind">;
      entries: PaperCount[];
    }
  | { status: "mismatch"; diff: DiffLine[]; entries: PaperCount[] };

function sameCount(a: PaperCount, b: PaperCount, projectIds: string[]) {
  return (
    a.ballotsCast === b.ballotsCast &&
    a.invalid === b.invalid &&
    projectIds.every((id) => (a.votes[id] ?? 0) === (b.votes[id] ?? 0))
  );
}

/** Where two counts differ, line by line. */
function diffCounts(a: PaperCount, b: PaperCount, projectIds: string[]): DiffLine[] {
  const lines: DiffLine[] = [];
  if (a.ballotsCast !== b.ballotsCast)
    lines.push({ line: "ballotsCast", values: [a.ballotsCast, b.ballotsCast] });
  if (a.invalid !== b.invalid) lines.push({ line: "invalid", values: [a.invalid, b.invalid] });
  for (const id of projectIds) {
    const va = a.votes[id] ?? 0;
    const vb = b.votes[id] ?? 0;
    if (va !== vb) lines.push({ line: id, values: [va, vb] });
  }
  return lines;
}

export function reconcile(entries: PaperCount[], projectIds: number[]): Reconciliation {
  const ids = projectIds.map(String);
  const resolution = [...entries].reverse().find((e) => e.kind === "resolution");
  const normalise = (e: PaperCount) => ({
    ballotsCast: e.ballotsCast,
    invalid: e.invalid,
    votes: Object.fromEntries(ids.map((id) => [id, e.votes[id] ?? 0])),
  });
  if (resolution) return { status: "resolved", result: normalise(resolution), entries };
  const clerks = entries.filter((e) => e.kind === "entry");
  if (clerks.length === 0) return { status: "empty", entries };
  if (clerks.length === 1) return { status: "single", entries };
  const [a, b] = clerks.slice(-2) as [PaperCount, PaperCount];
  if (a.userId === b.userId) return { status: "single", entries };
  if (sameCount(a, b, ids)) return { status: "agreed", result: normalise(a), entries };
  return { status: "mismatch", diff: diffCounts(a, b, ids), entries };
}

type DraftLine = { agreed: number } | { entries: [number, number] };

/**
 * Where the street starts resolving a mismatch: every line ("ballotsCast", "invalid" or a
 * proposal id) the two clerks agree on, with its value, and every other line with both clerks'
 * values to adopt one of (entry 1 is the earlier clerk's, as in `diffCounts`). Null while there
 * are not two clerks' entries.
 */
export function resolutionDraft(
  entries: PaperCount[],
  projectIds: number[],
): Record<string, DraftLine> | null {
  const clerks = entries.filter((e) => e.kind === "entry");
  if (clerks.length < 2) return null;
  const [a, b] = clerks.slice(-2) as [PaperCount, PaperCount];
  const value = (e: PaperCount, line: string) =>
    line === "ballotsCast" ? e.ballotsCast : line === "invalid" ? e.invalid : (e.votes[line] ?? 0);
  const draft: Record<string, DraftLine> = {};
  for (const line of ["ballotsCast", "invalid", ...projectIds.map(String)]) {
    const [va, vb] = [value(a, line), value(b, line)];
    draft[line] = va === vb ? { agreed: va } : { entries: [va, vb] };
  }
  return draft;
}
