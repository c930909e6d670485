import { describe, expect, it } from "vitest";
import type { ResultOutput } from "../results";
import { allocateFunds, type FundSpec } from "./funds";
import { parsePb, pbInstance } from "./pabulib";
import { pbProjects, roundPb } from "./pabulib-round";
import { allocatePb } from "./pb-rules";

const street: ResultOutput["funds"][number] = {
  kind: "street",
  name: "街道资金",
  totalFen: 1_000_050,
  capFen: 300_000,
  matchRatioBp: null,
  eligibleCategories: ["children", "elderly"],
  spentFen: 0,
};
const foundation: ResultOutput["funds"][number] = {
  ...street,
  kind: "foundation",
  name: "社区基金会",
  totalFen: 500_000,
  capFen: null,
  eligibleCategories: [],
};

const row = (id: number, category: string, streetFen: number, title = `项目${id}`) =>
  ({
    id,
    title,
    category,
    requests: { street: streetFen, foundation: 10_000 },
  }) as unknown as ResultOutput["rows"][number];

// Rank order: 4, 1, 2, 3, 5, 6 (as the published rows are).
const output = {
  competition: { id: 7, slug: "huashan-2026", title: "花山街2026路演" },
  funds: [foundation, street],
  rows: [
    row(4, "children", 250_050, '儿童;乐园 "一"'),
    row(1, "elderly", 400_000),
    row(2, "children", 200_000),
    row(3, "other", 100_000),
    row(5, "elderly", 0),
    row(6, "elderly", 300_000),
  ],
} as unknown as ResultOutput;

const BALLOTS = [[1, 2], [4], [1, 3, 4], [3], [2, 6], [6, 4, 1], [2], [1, 2, 4], [], [5]];

const fixedRandom = () => {
  let x = 12345;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
};

const sorted = (ballots: string[][]) => ballots.map((b) => [...b].sort().join(",")).sort();

describe("a round's ballots as a Pabulib file", () => {
  const text = roundPb({ output, ballots: BALLOTS, unit: "花山街", randomInt: fixedRandom() });
  const file = parsePb(text);

  it("carries the META a researcher needs, budget and costs in 元", () => {
    expect(file.meta).toMatchObject({
      country: "China",
      unit: "花山街",
      instance: "huashan-2026",
      vote_type: "approval",
      budget: "10000.5",
      num_projects: "4",
      num_votes: "10",
    });
    expect(file.meta.description).toContain("花山街2026路演");
    expect(file.projects.map((p) => [p.project_id, p.cost, p.votes, p.name])).toEqual([
      ["4", "2500.5", "4", '儿童;乐园 "一"'],
      // Capped at the fund's 3,000 元 per project.
      ["1", "3000", "4", "项目1"],
      ["2", "2000", "4", "项目2"],
      ["6", "3000", "2", "项目6"],
    ]);
  });

  it("parses back to the same instance (writer → parser round trip)", () => {
    const instance = pbInstance(file);
    expect(instance.scale).toBe(10n);
    expect(instance.budget).toBe(100_005n);
    expect(instance.projects).toEqual([
      { id: "4", cost: 25_005n },
      { id: "1", cost: 30_000n },
      { id: "2", cost: 20_000n },
      { id: "6", cost: 30_000n },
    ]);
    // Ineligible (3) and unasked (5) projects leave the ballots; the empty ones stay voters.
    const expected = BALLOTS.map((b) => b.filter((id) => id !== 3 && id !== 5).map(String));
    expect(sorted(instance.ballots)).toEqual(sorted(expected));
    expect(instance.ballots.filter((b) => b.length === 0)).toHaveLength(3);
  });

  it("numbers voters 1…n in a shuffled order, with nothing else about them", () => {
    expect(file.votes.map((v) => v.voter_id)).toEqual(BALLOTS.map((_, i) => String(i + 1)));
    expect(Object.keys(file.votes[0]!).sort()).toEqual(["vote", "voter_id"]);
    const again = parsePb(
      roundPb({ output, ballots: BALLOTS, unit: "花山街", randomInt: () => 0 }),
    );
    expect(again.votes.map((v) => v.vote)).not.toEqual(file.votes.map((v) => v.vote));
  });

  it("lists nothing without a street fund", () => {
    expect(pbProjects({ ...output, funds: [foundation] })).toEqual([]);
  });

  it("reproduces the street fund's equal-shares selection (add1, 1 元 steps)", () => {
    const ranked = output.rows.map((r) => ({
      id: r.id,
      category: r.category,
      requests: r.requests,
      votes: 0,
    }));
    const funds = [street, foundation] as FundSpec[];
    const app = allocateFunds(funds, ranked, {
      kind: "equal-shares",
      completion: "none",
      ballots: BALLOTS,
    });
    const mes = app.lines
      .filter((l) => l.reasons.some((r) => r.code === "mesSelected"))
      .map((l) => String(l.projectId));
    const pb = allocatePb(pbInstance(file), "equal-shares-add1");
    expect(pb.selected.sort()).toEqual(mes.sort());
    expect(mes.length).toBeGreaterThan(0);
  });
});
