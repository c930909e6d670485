import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalSharesAdd1, groupBallots, type MesProject, type VoterGroup } from "./equal-shares";

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
    const started = performance.now();
    const r = equalSharesAdd1(projects, groupBallots(ballots), 100_000n, { step: 1n });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.selected).toContain("big");
    expect(r.cost).toBe(90_000n);
    expect(r.perVoter).toBe(50_000n);
  });
});
