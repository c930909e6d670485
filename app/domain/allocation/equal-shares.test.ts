import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Add1LimitError,
  equalShares,
  equalSharesAdd1,
  groupBallots,
  type MesProject,
  type VoterGroup,
} from "./equal-shares";
import { Q } from "./rational";

/** Everything add1 reports, in a comparable form. */
function summary(projects: MesProject[], groups: VoterGroup[], budget: bigint, skipAhead: boolean) {
  const r = equalSharesAdd1(projects, groups, budget, { step: 1n, skipAhead });
  return {
    selected: r.selected,
    cost: r.cost,
    perVoter: r.perVoter,
    steps: r.steps,
    rho: [...r.rho].map(([id, q]) => `${id}:${q.n}/${q.d}`),
    left: [...r.supportersLeft].map(([id, q]) => `${id}:${q.n}/${q.d}`),
  };
}

const instance = fc
  .record({
    costs: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
    ballots: fc.array(fc.array(fc.nat({ max: 5 }), { maxLength: 4 }), {
      minLength: 1,
      maxLength: 25,
    }),
    budget: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ costs, ballots, budget }) => ({
    projects: costs.map((c, i) => ({ id: `p${i}`, cost: BigInt(c) })),
    groups: groupBallots(ballots.map((b) => b.filter((i) => i < costs.length).map((i) => `p${i}`))),
    budget: BigInt(budget),
  }));

describe("add1 skip-ahead", () => {
  it("gives exactly what raising the share 1 unit at a time gives", () => {
    fc.assert(
      fc.property(instance, ({ projects, groups, budget }) => {
        expect(summary(projects, groups, budget, true)).toEqual(
          summary(projects, groups, budget, false),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("agrees with 1-unit steps where a wider range of costs makes it jump far", () => {
    const wide = fc
      .record({
        costs: fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 5 }),
        ballots: fc.array(fc.array(fc.nat({ max: 4 }), { maxLength: 3 }), {
          minLength: 1,
          maxLength: 12,
        }),
        budget: fc.integer({ min: 1, max: 10_000 }),
      })
      .map(({ costs, ballots, budget }) => ({
        projects: costs.map((c, i) => ({ id: `p${i}`, cost: BigInt(c) })),
        groups: groupBallots(
          ballots.map((b) => b.filter((i) => i < costs.length).map((i) => `p${i}`)),
        ),
        budget: BigInt(budget),
      }));
    fc.assert(
      fc.property(wide, ({ projects, groups, budget }) => {
        expect(summary(projects, groups, budget, true)).toEqual(
          summary(projects, groups, budget, false),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("handles one expensive project with a single supporter without a run per unit", () => {
    // 20 cheap projects everyone likes and one for 50,000 that one voter likes: add1 has to
    // raise the share from 200 to 50,000 before that voter can pay for it alone.
    const projects = [
      ...Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, cost: 2_000n })),
      { id: "big", cost: 50_000n },
    ];
    const ballots = Array.from({ length: 500 }, (_, v) =>
      v === 0 ? ["big"] : [`c${v % 20}`, `c${(v + 7) % 20}`],
    );
    const r = equalSharesAdd1(projects, groupBallots(ballots), 100_000n, { step: 1n });
    expect(r.runs).toBeLessThan(20);
    expect(r.selected).toContain("big");
    expect(r.cost).toBe(90_000n);
    expect(r.perVoter).toBe(50_000n);
  });
});

/** The .pb case of the issue, as projects and ballots: x for 100, lonely for most of the budget. */
function lonely(cost: bigint, xVoters: number) {
  const projects = [
    { id: "x", cost: 100n },
    { id: "lonely", cost },
  ];
  const ballots = [["lonely"], ...Array.from({ length: xVoters }, () => ["x"])];
  return { projects, groups: groupBallots(ballots) };
}

describe("add1 reaches its outcome or refuses", () => {
  it("buys lonely too: budget 2,000,000, x 100 (two voters), lonely 1,500,000 (one voter)", () => {
    const { projects, groups } = lonely(1_500_000n, 2);
    const r = equalSharesAdd1(projects, groups, 2_000_000n, { step: 1n });
    expect(r.selected).toEqual(["x", "lonely"]);
    expect(r.cost).toBe(1_500_100n);
    expect(r.perVoter).toBe(1_500_000n);
    // From 666,666 to 1,500,000 a unit at a time is 833,334 steps; the runs are a handful, and
    // steps jumped over count against nothing.
    expect(r.steps).toBe(833_334n);
    expect(r.runs).toBeLessThanOrEqual(3);
    expect(
      equalSharesAdd1(projects, groups, 2_000_000n, { step: 1n, maxRuns: 3 }).selected,
    ).toEqual(["x", "lonely"]);
  });

  it("buys lonely where 1-unit steps would pass a million: lonely 1,900,000, three x voters", () => {
    // Before: stopped silently after 1,000,000 steps (share 1,500,000) and returned {x}.
    const { projects, groups } = lonely(1_900_000n, 3);
    const r = equalSharesAdd1(projects, groups, 2_000_000n, { step: 1n });
    expect(r.selected).toEqual(["x", "lonely"]);
    expect(r.cost).toBe(1_900_100n);
    expect(r.steps).toBe(1_400_000n);
  });

  it("refuses, naming the runs and the share reached, when its limit of runs comes first", () => {
    // The equalshares.net example: 11 voters, budget 1,100; add1 needs more than two runs.
    const projects = [
      { id: "bike", cost: 700n },
      { id: "gym", cost: 400n },
      { id: "park", cost: 250n },
      { id: "playground", cost: 200n },
      { id: "library", cost: 100n },
    ];
    const ballots = [
      ["bike", "gym"],
      ["bike", "gym", "park"],
      ["bike", "gym"],
      ["bike", "gym", "park"],
      ["bike", "gym", "park"],
      ["bike", "gym"],
      ["park", "playground", "library"],
      ["playground"],
      ["playground", "library"],
      ["park", "playground", "library"],
      ["bike"],
    ];
    const groups = groupBallots(ballots);
    const full = equalSharesAdd1(projects, groups, 1_100n, { step: 1n });
    expect(full.perVoter).toBe(129n);
    expect(full.runs).toBeGreaterThan(2);
    const refused = (() => {
      try {
        equalSharesAdd1(projects, groups, 1_100n, { step: 1n, maxRuns: 2 });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(Add1LimitError);
    expect(refused).toMatchObject({ runs: 2 });
    expect((refused as Add1LimitError).share).toBeLessThan(129n);
  });
});

// Instances on which add1's outcome is not monotone in the share: at the share where add1 stops,
// one unit more does not fit the budget, but two units more fit again. Found by a seeded search
// over random instances (2–6 projects, 2–12 voters); a faster add1 that bisected or galloped over
// the share would land past the stop. Ballots list project indexes.
const NON_MONOTONE = [
  {
    costs: [267, 344, 124, 71, 240],
    ballots: [
      [0, 1, 2, 3, 4],
      [0],
      [],
      [4],
      [4],
      [0, 3],
      [1, 4],
      [4],
      [0, 2, 3],
      [0, 1, 2, 3],
      [3],
      [0, 2, 3],
    ],
    budget: 393,
    // 53 → {p3, p4} 311; 54 → {p3, p4, p2} 435; 55 → {p3, p0} 338
    stop: 53n,
    selected: ["p3", "p4"],
  },
  {
    costs: [163, 101, 15, 42, 333, 284],
    ballots: [
      [1, 4],
      [0, 3, 4, 5],
      [1, 5],
      [0, 1, 4],
      [0, 4],
      [3, 4],
      [0, 2],
      [0, 4, 5],
      [],
      [5],
      [1, 2, 4, 5],
      [0, 4],
    ],
    budget: 596,
    // 61 → 449; 62 → {p4, p0, p1} 597; 63 → {p4, p0, p2} 511
    stop: 61n,
    selected: ["p4", "p1", "p2"],
  },
  {
    costs: [54, 141, 300],
    ballots: [[0], [0, 1, 2], [2], [1, 2], [0, 1, 2], [], [1], [0, 1, 2], [2], [2], [1]],
    budget: 481,
    // 53 → {p2, p1} 441; 54 → {p2, p1, p0} 495; 55 → {p2, p0} 354
    stop: 53n,
    selected: ["p2", "p1"],
  },
];

describe("add1 where the outcome is not monotone in the share", () => {
  it.each(NON_MONOTONE)("stops at the first share that does not fit (budget $budget)", (f) => {
    const projects = f.costs.map((c, i) => ({ id: `p${i}`, cost: BigInt(c) }));
    const groups = groupBallots(f.ballots.map((b) => b.map((i) => `p${i}`)));
    const budget = BigInt(f.budget);
    // Still a non-monotone instance: fits at the stop, not one unit later, again two units later.
    const cost = (share: bigint) => equalShares(projects, groups, Q.of(share)).cost;
    expect(cost(f.stop)).toBeLessThanOrEqual(budget);
    expect(cost(f.stop + 1n)).toBeGreaterThan(budget);
    expect(cost(f.stop + 2n)).toBeLessThanOrEqual(budget);
    const r = equalSharesAdd1(projects, groups, budget, { step: 1n });
    expect(r.perVoter).toBe(f.stop);
    expect(r.selected).toEqual(f.selected);
    expect(summary(projects, groups, budget, true)).toEqual(
      summary(projects, groups, budget, false),
    );
  });
});

describe("projects that cost nothing", () => {
  it("are bought up front when someone approves them (as pabutools does), never when nobody does", () => {
    const projects = [
      { id: "a", cost: 300n },
      { id: "free", cost: 0n },
      { id: "unwanted", cost: 0n },
      { id: "free2", cost: 0n },
    ];
    const ballots = [["a", "free"], ["a"], ["a", "free", "free2"], ["free2"]];
    const groups = groupBallots(ballots);
    // In the tie-break order: most votes first (free 2, free2 2: then the lot, free first).
    const r = equalShares(projects, groups, Q.of(100n));
    expect(r.selected).toEqual(["free", "free2", "a"]);
    expect(r.cost).toBe(300n);
    expect(r.rho.get("free")!.isZero()).toBe(true);
    const add1 = equalSharesAdd1(projects, groups, 400n, { step: 1n, completion: "greedy" });
    expect(add1.selected).toEqual(["free", "free2", "a"]);
    expect(add1.selected).not.toContain("unwanted");
    // Nothing else to buy: with every approved project bought, add1 stops where it started.
    expect(add1.perVoter).toBe(100n);
    // With a budget of 0, what costs nothing is still bought.
    expect(equalSharesAdd1(projects, groups, 0n, { step: 1n }).selected).toEqual(["free", "free2"]);
  });
});
