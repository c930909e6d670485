import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { equalSharesAdd1, equalShares, greedyByVotes, groupBallots } from "./equal-shares";
import { parsePb, pbAmount, pbBallots, serializePb } from "./pabulib";
import { Q } from "./rational";

// The real Pabulib files live next to the repository (../shared/pabulib); PABULIB_DIR overrides.
const DIR =
  process.env.PABULIB_DIR ?? path.resolve(import.meta.dirname, "../../../../shared/pabulib");
if (!fs.existsSync(DIR))
  throw new Error(`Pabulib files not found in ${DIR}: set PABULIB_DIR to the folder holding them`);
const load = (name: string) => parsePb(fs.readFileSync(path.join(DIR, name), "utf8"));

function instance(name: string) {
  const file = load(name);
  const projects = file.projects.map((p) => ({ id: p.project_id, cost: pbAmount(p.cost) }));
  return {
    file,
    projects,
    groups: groupBallots(pbBallots(file)),
    budget: pbAmount(file.meta.budget!),
  };
}

describe("Pabulib interop", () => {
  it("reproduces equalshares.net example 1: bike, playground, library", () => {
    const { projects, groups, budget } = instance("equalshares_example1.pb");
    const voters = groups.reduce((s, g) => s + g.weight, 0);
    expect(voters).toBe(11);
    const r = equalShares(projects, groups, Q.of(budget, voters));
    expect(r.selected).toEqual(["bike", "playground", "library"]);
    expect(greedyByVotes(projects, groups, budget).selected).toEqual(["bike", "gym"]);
  });

  it("reproduces equalshares.net example 2: gym, park, playground", () => {
    const { projects, groups, budget } = instance("equalshares_example2.pb");
    const r = equalShares(projects, groups, Q.of(budget, 11));
    expect(r.selected.sort()).toEqual(["gym", "park", "playground"].sort());
  });

  it("reproduces the official Wieliczka 2023 outcome with add1: 30 projects, 995,079 zł", () => {
    const { file, projects, groups, budget } = instance("poland_wieliczka_2023.pb");
    const r = equalSharesAdd1(projects, groups, budget, { step: 1n });
    const official = file.projects.filter((p) => p.selected === "1").map((p) => p.project_id);
    expect(official).toHaveLength(30);
    expect([...r.selected].sort()).toEqual([...official].sort());
    expect(r.cost).toBe(995_079n);
    expect(r.perVoter >= 309n && r.perVoter <= 315n).toBe(true);
  });

  it.each([
    "poland_gdynia_2020_babie-doly-large.pb",
    "poland_lodz_2020_nr-33.pb",
    "poland_warszawa_2019_nadwisle.pb",
    "poland_zabrze_2020_zandka.pb",
  ])("greedy reproduces vote-count greedy on %s", (name) => {
    const { file, projects, groups, budget } = instance(name);
    const r = greedyByVotes(projects, groups, budget);
    // Vote-count greedy, computed independently from the file's own vote column.
    const byVotes = [...file.projects].sort(
      (a, b) => Number(b.votes) - Number(a.votes) || Number(a.cost) - Number(b.cost),
    );
    let left = budget;
    const expected: string[] = [];
    for (const p of byVotes) {
      if (pbAmount(p.cost) <= left) {
        expected.push(p.project_id);
        left -= pbAmount(p.cost);
      }
    }
    // The file's vote column agrees with its ballots.
    for (const p of file.projects) {
      if (p.votes)
        expect(
          groups
            .filter((g) => g.approvals.includes(p.project_id))
            .reduce((s, g) => s + g.weight, 0),
        ).toBe(Number(p.votes));
    }
    expect(r.selected).toEqual(expected);
    expect(r.cost <= budget).toBe(true);
  });

  it("round-trips a file through serialise and parse", () => {
    const file = load("poland_lodz_2020_nr-33.pb");
    const again = parsePb(serializePb(file));
    expect(again.meta).toEqual(file.meta);
    expect(again.projects).toEqual(file.projects);
    expect(again.votes).toEqual(file.votes);
  });
});

describe("npm run allocate", () => {
  it("prints the selected ids, or JSON with the cost", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const exec = promisify(execFile);
    const run = (...args: string[]) => exec("npx", ["tsx", "scripts/allocate.ts", ...args]);
    const w = await run(
      "--pb",
      path.join(DIR, "poland_wieliczka_2023.pb"),
      "--rule",
      "equal-shares",
      "--completion",
      "add1",
      "--json",
    );
    const out = JSON.parse(w.stdout) as { selected: string[]; cost: number };
    expect(out.cost).toBe(995_079);
    expect(out.selected).toHaveLength(30);
    const ex = await run("--pb", path.join(DIR, "equalshares_example1.pb"), "--rule", "greedy");
    expect(ex.stdout.trim().split("\n")).toEqual(["bike", "gym"]);
    const bad = await run("--pb", "nope.pb", "--rule", "magic").catch((e: { code: number }) => e);
    expect((bad as { code: number }).code).toBe(64);
  }, 30_000);
});
