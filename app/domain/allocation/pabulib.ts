/**
 * Pabulib `.pb` files (pabulib.org): sections META, PROJECTS and VOTES, `;`-separated with CSV
 * quoting. META is `key;value`; PROJECTS needs project_id and cost; VOTES needs voter_id and
 * vote (comma-separated project ids). Pure: text in, text out.
 */
import Papa from "papaparse";

export interface PbFile {
  meta: Record<string, string>;
  projects: Array<Record<string, string> & { project_id: string; cost: string }>;
  votes: Array<Record<string, string> & { voter_id: string; vote: string }>;
}

export class PbError extends Error {}

function parseSection(lines: string[]): Array<Record<string, string>> {
  const parsed = Papa.parse<Record<string, string>>(lines.join("\n"), {
    delimiter: ";",
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  return parsed.data;
}

export function parsePb(text: string): PbFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const sections: Record<string, string[]> = {};
  let current: string | null = null;
  for (const line of lines) {
    const marker = line.trim().toUpperCase();
    if (marker === "META" || marker === "PROJECTS" || marker === "VOTES") {
      current = marker;
      sections[current] = [];
    } else if (current) {
      sections[current]!.push(line);
    }
  }
  if (!sections.META || !sections.PROJECTS || !sections.VOTES)
    throw new PbError("a .pb file needs META, PROJECTS and VOTES sections");
  const meta = Object.fromEntries(
    parseSection(sections.META).map((r) => [
      String(r.key ?? "").trim(),
      String(r.value ?? "").trim(),
    ]),
  );
  const projects = parseSection(sections.PROJECTS) as PbFile["projects"];
  const votes = parseSection(sections.VOTES) as PbFile["votes"];
  for (const p of projects) {
    if (!p.project_id || !/^\d+(\.\d+)?$/.test(String(p.cost ?? "").trim()))
      throw new PbError(`project ${p.project_id ?? "?"} has no valid cost`);
  }
  if (!meta.budget || !/^\d+(\.\d+)?$/.test(meta.budget)) throw new PbError("META needs a budget");
  return { meta, projects, votes };
}

/** Costs and budgets as integers of the file's unit (fractional costs are rounded up, never down). */
export function pbAmount(value: string): bigint {
  const [whole, frac = ""] = value.trim().split(".");
  return BigInt(whole!) + (/[1-9]/.test(frac) ? 1n : 0n);
}

export function pbBallots(file: PbFile): string[][] {
  return file.votes.map((v) =>
    String(v.vote ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
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
