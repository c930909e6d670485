/**
 * The street's sandbox (试算): a Pabulib `.pb` file checked on upload and, per rule, its selection
 * with a line of explanation per project. Pure. The rules are the ones `npm run allocate` runs
 * (allocation/pb-rules.ts), so a sandbox and the command agree on the same file.
 */
import { Add1LimitError } from "./allocation/equal-shares";
import { formatPbAmount, parsePb, PbError, pbInstance, type PbFile } from "./allocation/pabulib";
import { allocatePb, type PbRule } from "./allocation/pb-rules";
import type { Q } from "./allocation/rational";

/** The upload's size cap. */
export const MAX_SANDBOX_BYTES = 5 * 1024 * 1024;
/** More projects than any ballot paper of a street holds; keeps a run quick. */
export const MAX_SANDBOX_PROJECTS = 500;
export const MAX_SANDBOX_VOTES = 200_000;

type SandboxCheck =
  | { ok: true; name: string; numProjects: number; numVotes: number }
  | { ok: false; message: string; values?: Record<string, string | number> };

/** Is this text a `.pb` file a sandbox can hold? Its name from META (description or instance). */
export function checkSandboxPb(text: string, fileName = ""): SandboxCheck {
  // PostgreSQL stores no NUL in text, and no Pabulib file has one.
  if (text.includes("\u0000"))
    return {
      ok: false,
      message: "sandbox.badFile",
      values: { reason: "NUL bytes: not a text file" },
    };
  let file: PbFile;
  try {
    file = parsePb(text);
    pbInstance(file);
  } catch (error) {
    if (error instanceof PbError)
      return {
        ok: false,
        message: error.line === null ? "sandbox.badFile" : "sandbox.badFileLine",
        values: { line: error.line ?? 0, reason: error.reason },
      };
    throw error;
  }
  if (file.projects.length === 0) return { ok: false, message: "sandbox.noProjects" };
  if (file.projects.length > MAX_SANDBOX_PROJECTS)
    return {
      ok: false,
      message: "sandbox.tooManyProjects",
      values: { count: file.projects.length, max: MAX_SANDBOX_PROJECTS },
    };
  if (file.votes.length > MAX_SANDBOX_VOTES)
    return {
      ok: false,
      message: "sandbox.tooManyVotes",
      values: { count: file.votes.length, max: MAX_SANDBOX_VOTES },
    };
  const name = (
    file.meta.description ||
    file.meta.instance ||
    fileName.replace(/\.pb$/i, "") ||
    "sandbox"
  )
    .trim()
    .slice(0, 200);
  return {
    ok: true,
    name: name || "sandbox",
    numProjects: file.projects.length,
    numVotes: file.votes.length,
  };
}

interface SandboxRow {
  id: string;
  name: string;
  cost: string;
  votes: number;
  selected: boolean;
  /** Equal shares: what each paying supporter paid (bought), or what they had left (not). */
  pay: string | null;
  left: string | null;
}

type SandboxRun =
  | {
      ok: true;
      rule: PbRule;
      budget: string;
      spent: string;
      voters: number;
      perVoter: string | null;
      rows: SandboxRow[];
    }
  | { ok: false; message: "sandbox.add1Limit"; values: { runs: number; share: string } };

/** A rule's selection on a sandbox's file, rows in the file's order (amounts in its unit). */
export function runSandbox(text: string, rule: PbRule, options: { maxRuns?: number } = {}) {
  const file = parsePb(text);
  const instance = pbInstance(file);
  const { scale } = instance;
  const money = (q: Q) => q.divInt(scale).toFixed(2);
  let result;
  try {
    result = allocatePb(instance, rule, options);
  } catch (error) {
    if (error instanceof Add1LimitError)
      return {
        ok: false,
        message: "sandbox.add1Limit",
        values: { runs: error.runs, share: formatPbAmount(error.share, scale) },
      } satisfies SandboxRun;
    throw error;
  }
  const selected = new Set(result.selected);
  const rows: SandboxRow[] = file.projects.map((p, i) => {
    const id = p.project_id;
    const rho = result.rho.get(id);
    const left = result.supportersLeft.get(id);
    return {
      id,
      name: p.name ?? p.title ?? "",
      cost: formatPbAmount(instance.projects[i]!.cost, scale),
      votes: result.votes.get(id) ?? 0,
      selected: selected.has(id),
      pay: selected.has(id) && rho ? money(rho) : null,
      left: !selected.has(id) && left ? money(left) : null,
    };
  });
  return {
    ok: true,
    rule,
    budget: formatPbAmount(instance.budget, scale),
    spent: formatPbAmount(result.cost, scale),
    voters: result.voters,
    perVoter: result.perVoter ? money(result.perVoter) : null,
    rows,
  } satisfies SandboxRun;
}
