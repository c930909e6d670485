/**
 * Pabulib `.pb` files (pabulib.org): sections META, PROJECTS and VOTES, `;`-separated with CSV
 * quoting. META is `key;value`; PROJECTS needs project_id and cost; VOTES needs voter_id and
 * vote (comma-separated project ids). Pure: text in, text out.
 *
 * A file is read whole or refused with a PbError naming the line: a missing or repeated section,
 * a missing column, a row with too few or too many fields, an amount that is not a plain decimal
 * number, a project id listed twice, a voter id listed twice, a vote for a project the file does
 * not list or for the same project twice, a ballot type other than approval.
 *
 * Amounts (costs, budget) are read exactly: decimals are kept by counting every amount in the
 * smallest unit any of them uses (100.5 and 201 become 1005 and 2010 tenths), never rounded.
 */
import Papa from "papaparse";
import type { MesProject } from "./equal-shares";

export interface PbFile {
  meta: Record<string, string>;
  projects: Array<Record<string, string> & { project_id: string; cost: string }>;
  votes: Array<Record<string, string> & { voter_id: string; vote: string }>;
}

/** A malformed file, with the (1-based) line where it went wrong when there is one. */
export class PbError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? reason : `line ${line}: ${reason}`);
    this.name = "PbError";
  }
}

const SECTIONS = ["META", "PROJECTS", "VOTES"] as const;
type SectionName = (typeof SECTIONS)[number];

interface Section {
  /** Line of the section's name. */
  marker: number;
  /** Line of the first line after it. */
  first: number;
  lines: string[];
}

interface Rows {
  rows: Array<Record<string, string>>;
  /** Line of each row. */
  lineOf: number[];
}

/** Parses one section with its header row; every row must have the header's fields. */
function parseSection(name: SectionName, section: Section, required: string[]): Rows {
  const headerIndex = section.lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) throw new PbError(`${name} needs a header row`, section.marker);
  const headerLine = section.first + headerIndex;
  const fields = (
    Papa.parse<string[]>(section.lines[headerIndex]!, { delimiter: ";" }).data[0] ?? []
  ).map((f) => f.trim());
  const missing = required.filter((f) => !fields.includes(f));
  if (missing.length)
    throw new PbError(`${name} needs the column(s) ${missing.join(", ")}`, headerLine);

  const text = section.lines.slice(headerIndex + 1).join("\n");
  const rows: Array<Record<string, string>> = [];
  const lineOf: number[] = [];
  let error: PbError | null = null;
  // Papa says where each row ends; the next one starts at the next non-blank character, and its
  // line is the header's plus the line breaks before it.
  let pos = 0;
  let line = headerLine + 1;
  const nextStart = (from: number) => {
    let i = from;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    for (; pos < i; pos++) if (text.charCodeAt(pos) === 10) line++;
    return i;
  };
  nextStart(0);
  Papa.parse<string[]>(text, {
    delimiter: ";",
    skipEmptyLines: "greedy",
    step: (result, parser) => {
      const values = result.data;
      const problem = result.errors[0];
      if (problem || values.length !== fields.length) {
        error = new PbError(
          problem
            ? `${name}: ${problem.message}`
            : `${name}: ${values.length} fields where the header has ${fields.length} (${fields.join(";")})`,
          line,
        );
        parser.abort();
        return;
      }
      rows.push(Object.fromEntries(fields.map((f, i) => [f, values[i]!.trim()])));
      lineOf.push(line);
      nextStart(result.meta.cursor);
    },
  });
  if (error) throw error;
  return { rows, lineOf };
}

const DECIMAL = /^\d+(\.\d+)?$/;

export function parsePb(text: string): PbFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const sections: Partial<Record<SectionName, Section>> = {};
  let current: Section | null = null;
  lines.forEach((content, i) => {
    const marker = content.trim().toUpperCase();
    if ((SECTIONS as readonly string[]).includes(marker)) {
      if (sections[marker as SectionName])
        throw new PbError(`section ${marker} appears twice`, i + 1);
      current = { marker: i + 1, first: i + 2, lines: [] };
      sections[marker as SectionName] = current;
    } else if (current) current.lines.push(content);
    else if (content.trim())
      throw new PbError("expected a section name (META, PROJECTS or VOTES)", i + 1);
  });
  const missing = SECTIONS.filter((s) => !sections[s]);
  if (missing.length)
    throw new PbError(`a .pb file needs META, PROJECTS and VOTES sections (no ${missing[0]})`);

  const metaRows = parseSection("META", sections.META!, ["key", "value"]);
  const meta: Record<string, string> = {};
  const metaLine: Record<string, number> = {};
  metaRows.rows.forEach((r, i) => {
    const key = r.key ?? "";
    if (key in meta)
      throw new PbError(
        `META key ${key} given twice (first on line ${metaLine[key]})`,
        metaRows.lineOf[i]!,
      );
    meta[key] = r.value ?? "";
    metaLine[key] = metaRows.lineOf[i]!;
  });
  if (meta.budget === undefined) throw new PbError("META needs a budget", sections.META!.marker);
  if (!DECIMAL.test(meta.budget))
    throw new PbError(`budget "${meta.budget}" is not a plain decimal number`, metaLine.budget!);
  if (meta.vote_type !== undefined && meta.vote_type !== "approval")
    throw new PbError(
      `vote_type ${meta.vote_type}: only approval ballots can be counted`,
      metaLine.vote_type!,
    );

  const projectRows = parseSection("PROJECTS", sections.PROJECTS!, ["project_id", "cost"]);
  const projectLine = new Map<string, number>();
  projectRows.rows.forEach((p, i) => {
    const line = projectRows.lineOf[i]!;
    const id = p.project_id ?? "";
    if (!id) throw new PbError("a project without a project_id", line);
    const first = projectLine.get(id);
    if (first !== undefined)
      throw new PbError(`project ${id} is listed twice (first on line ${first})`, line);
    projectLine.set(id, line);
    if (!DECIMAL.test(p.cost ?? ""))
      throw new PbError(`project ${id}: cost "${p.cost}" is not a plain decimal number`, line);
  });

  const voteRows = parseSection("VOTES", sections.VOTES!, ["voter_id", "vote"]);
  const voterLine = new Map<string, number>();
  voteRows.rows.forEach((v, i) => {
    const line = voteRows.lineOf[i]!;
    const id = v.voter_id ?? "";
    if (!id) throw new PbError("a vote without a voter_id", line);
    const first = voterLine.get(id);
    if (first !== undefined)
      throw new PbError(`voter ${id} votes twice (first on line ${first})`, line);
    voterLine.set(id, line);
    const seen = new Set<string>();
    for (const p of splitVote(v.vote ?? "")) {
      if (!projectLine.has(p))
        throw new PbError(`voter ${id} votes for project ${p}, which PROJECTS does not list`, line);
      if (seen.has(p)) throw new PbError(`voter ${id} approves project ${p} twice`, line);
      seen.add(p);
    }
  });

  return {
    meta,
    projects: projectRows.rows as PbFile["projects"],
    votes: voteRows.rows as PbFile["votes"],
  };
}

function splitVote(vote: string) {
  return vote
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function pbBallots(file: PbFile): string[][] {
  return file.votes.map((v) => splitVote(String(v.vote ?? "")));
}

/** A file's election in exact integers: every amount counted in 1/scale of the file's unit. */
export interface PbInstance {
  projects: MesProject[];
  ballots: string[][];
  budget: bigint;
  /** 10^(most decimals of any amount): 1 unit of the file's currency in the amounts here. */
  scale: bigint;
}

const decimals = (value: string) => value.trim().split(".")[1]?.length ?? 0;

function scaled(value: string, digits: number): bigint {
  const [whole, frac = ""] = value.trim().split(".");
  if (!DECIMAL.test(value.trim())) throw new PbError(`"${value}" is not a plain decimal number`);
  return BigInt(whole! + frac.padEnd(digits, "0"));
}

export function pbInstance(file: PbFile): PbInstance {
  const budget = file.meta.budget ?? "";
  const digits = Math.max(decimals(budget), ...file.projects.map((p) => decimals(p.cost)));
  return {
    projects: file.projects.map((p) => ({ id: p.project_id, cost: scaled(p.cost, digits) })),
    ballots: pbBallots(file),
    budget: scaled(budget, digits),
    scale: 10n ** BigInt(digits),
  };
}

/** An amount of a PbInstance in the file's unit, exactly ("201", "100.5", "9007199254740993"). */
export function formatPbAmount(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const frac = value % scale;
  if (frac === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(frac).padStart(digits, "0").replace(/0+$/, "")}`;
}

function section(rows: Array<Record<string, unknown>>, fields: string[]) {
  return Papa.unparse(
    { fields, data: rows.map((r) => fields.map((f) => r[f] ?? "")) },
    { delimiter: ";", newline: "\n" },
  );
}

export function serializePb(file: PbFile): string {
  const projectFields = [
    "project_id",
    "cost",
    ...Object.keys(file.projects[0] ?? {}).filter((k) => k !== "project_id" && k !== "cost"),
  ];
  const voteFields = [
    "voter_id",
    "vote",
    ...Object.keys(file.votes[0] ?? {}).filter((k) => k !== "voter_id" && k !== "vote"),
  ];
  return [
    "META",
    section(
      Object.entries(file.meta).map(([key, value]) => ({ key, value })),
      ["key", "value"],
    ),
    "PROJECTS",
    section(file.projects, projectFields),
    "VOTES",
    section(file.votes, voteFields),
    "",
  ].join("\n");
}
