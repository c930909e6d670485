import { describe, expect, it } from "vitest";
import {
  computeResults,
  finalReveal,
  publishProblems,
  type ResultConfig,
  type ResultInput,
} from "./results";

const yuan = (n: number) => n * 100;

/** Three projects, two judges, one criterion; every figure below is worked out by hand. */
const input: ResultInput = {
  competition: {
    id: 1,
    slug: "t",
    title: "测试路演",
    judgeWeightPct: 70,
    judgeAggregation: "trimmed_mean",
  },
  criteria: [{ id: 1, name: "总体", maxPoints: 100 }],
  judges: [
    { id: 11, name: "评委甲" },
    { id: 12, name: "评委乙" },
  ],
  projects: [
    {
      id: 1,
      title: "A",
      brand: "甲品牌",
      communityName: "甲社区",
      category: "elderly",
      requests: { street: yuan(60_000), foundation: yuan(18_000) },
    },
    {
      id: 2,
      title: "B",
      brand: "乙品牌",
      communityName: "乙社区",
      category: "children",
      requests: { street: yuan(50_000), foundation: yuan(15_000) },
    },
    {
      id: 3,
      title: "C",
      brand: "甲品牌",
      communityName: "甲社区",
      category: "culture",
      requests: { street: yuan(30_000), foundation: yuan(9_000) },
    },
  ],
  // Half-points: judge 11 gives 90/80/70, judge 12 gives 80/80/60 → means 85, 80, 65.
  sheets: [
    { proposalId: 1, judgeId: 11, totalHalfPoints: 180, items: { 1: 180 } },
    { proposalId: 2, judgeId: 11, totalHalfPoints: 160, items: { 1: 160 } },
    { proposalId: 3, judgeId: 11, totalHalfPoints: 140, items: { 1: 140 } },
    { proposalId: 1, judgeId: 12, totalHalfPoints: 160, items: { 1: 160 } },
    { proposalId: 2, judgeId: 12, totalHalfPoints: 160, items: { 1: 160 } },
    { proposalId: 3, judgeId: 12, totalHalfPoints: 120, items: { 1: 120 } },
  ],
  votes: {
    ballotsOnline: 120,
    ballotsOffline: 0,
    invalidOffline: 0,
    stationsConfirmed: 0,
    stationsTotal: 0,
    online: { 1: 50, 2: 100, 3: 25 },
    offline: {},
    stations: [],
  },
  ballots: [],
  funds: [
    {
      kind: "street",
      name: "街道惠民资金",
      totalFen: yuan(100_000),
      capFen: null,
      matchRatioBp: null,
      eligibleCategories: [],
    },
    {
      kind: "foundation",
      name: "社区基金会",
      totalFen: yuan(20_000),
      capFen: null,
      matchRatioBp: 3000,
      eligibleCategories: [],
    },
  ],
};

describe("computeResults, by hand", () => {
  const output = computeResults(input, {
    residentRule: "top",
    tieBreak: ["judge", "votes", "lot"],
    lotSeed: "1",
    rule: { kind: "greedy", partialFirst: false },
  });
  const row = (id: number) => output.rows.find((r) => r.id === id)!;

  it("combines judge and resident scores 70/30 and ranks by the combined score", () => {
    // A: 0.7·85 + 0.3·50 = 74.5; B: 0.7·80 + 0.3·100 = 86; C: 0.7·65 + 0.3·25 = 53.
    expect(output.rows.map((r) => [r.id, r.rank, r.combined.text])).toEqual([
      [2, 1, "86.00"],
      [1, 2, "74.50"],
      [3, 3, "53.00"],
    ]);
    expect(row(1).judge.score).toBe(8500);
    expect(row(1).resident.exact).toBe("50/1");
  });

  it("funds greedily in rank order and matches 30% from the foundation until it runs out", () => {
    // Street: B 50,000 (50,000 left), A 60,000 does not fit, C 30,000 fits (20,000 left).
    expect(row(2).amounts).toEqual({ street: yuan(50_000), foundation: yuan(15_000) });
    expect(row(1).amounts).toEqual({ street: 0, foundation: 0 });
    // Foundation: B 15,000, then C would get 9,000 but only 5,000 is left.
    expect(row(3).amounts).toEqual({ street: yuan(30_000), foundation: yuan(5_000) });
    expect(output.funds.map((f) => f.spentFen)).toEqual([yuan(80_000), yuan(20_000)]);
  });

  it("gives the big screen the money per brand, most first", () => {
    const reveal = finalReveal(output, "abc");
    expect(reveal.totalFen).toBe(yuan(100_000));
    expect(reveal.brands).toEqual([
      {
        communityName: "乙社区",
        brand: "乙品牌",
        amounts: { street: yuan(50_000), foundation: yuan(15_000) },
        totalFen: yuan(65_000),
      },
      {
        communityName: "甲社区",
        brand: "甲品牌",
        amounts: { street: yuan(30_000), foundation: yuan(5_000) },
        totalFen: yuan(35_000),
      },
    ]);
    expect(reveal.rows.map((r) => [r.id, r.totalFen, r.tied])).toEqual([
      [2, yuan(65_000), false],
      [1, 0, false],
      [3, yuan(35_000), false],
    ]);
  });
});

describe("ties on the big screen", () => {
  // A and C get identical sheets and votes: the same combined score.
  const twin: ResultInput = {
    ...input,
    sheets: input.sheets.map((x) =>
      x.proposalId === 3
        ? {
            ...x,
            totalHalfPoints: 180 - (x.judgeId - 11) * 20,
            items: { 1: 180 - (x.judgeId - 11) * 20 },
          }
        : x,
    ),
    votes: { ...input.votes, online: { 1: 50, 2: 100, 3: 50 } },
  };
  const config = (tieBreak: Array<"judge" | "votes" | "lot">) =>
    ({
      residentRule: "top",
      tieBreak,
      lotSeed: "7",
      rule: { kind: "greedy", partialFirst: false },
    }) as const;

  it("marks both projects of an unbroken tie, and neither once the lot has broken it", () => {
    const open = finalReveal(computeResults(twin, config([])), "h");
    expect(open.rows.filter((r) => r.tied).map((r) => [r.id, r.rank])).toEqual([
      [1, 2],
      [3, 2],
    ]);
    const broken = finalReveal(computeResults(twin, config(["judge", "votes", "lot"])), "h");
    expect(broken.rows.some((r) => r.tied)).toBe(false);
    expect(broken.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });
});

describe("what stops publishing", () => {
  const config = {
    residentRule: "top",
    tieBreak: ["judge", "votes", "lot"],
    lotSeed: "1",
    rule: { kind: "greedy", partialFirst: false },
  } satisfies ResultConfig;
  const closed = new Date("2026-01-01T00:00:00Z");
  const now = new Date("2026-01-02T00:00:00Z");

  it("refuses while cast ballots cannot be opened, and keeps the output as before otherwise", () => {
    const plain = computeResults(input, config);
    expect("unreadableOnline" in plain.ballots).toBe(false); // older runs keep their hash
    expect(publishProblems(plain, closed, now)).toEqual([]);
    const lost = computeResults(
      { ...input, votes: { ...input.votes, unreadableOnline: 3 } },
      config,
    );
    expect(publishProblems(lost, closed, now)).toEqual(["ballotsUnreadable"]);
  });
});
