import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDashboard,
  DashboardInputError,
  decimal2,
  fraction,
  moneyShares,
  needShares,
  percent,
  splitByWeights,
  type DashboardInput,
  type DashboardPart,
} from "./dashboard";

const FUNDS = [
  { id: 10, kind: "street" as const, name: "街道惠民资金" },
  { id: 11, kind: "foundation" as const, name: "社区基金会" },
];
const COMMUNITIES = [
  { id: 1, name: "春和社区" },
  { id: 2, name: "杏园社区" },
  { id: 3, name: "兰园社区" },
];

function input(over: Partial<DashboardInput> = {}): DashboardInput {
  return {
    communities: COMMUNITIES,
    funds: FUNDS,
    needs: [],
    matchedNeedIds: [],
    projectNeedIds: [],
    deliveries: [],
    grants: [],
    spending: [],
    ...over,
  };
}

/** A realistic street: needs in every state, four projects in four states, money. */
const FULL = input({
  needs: [
    { id: 1, communityId: 1, status: "open" },
    { id: 2, communityId: 1, status: "in_proposal" },
    { id: 3, communityId: 1, status: "resolved" },
    { id: 4, communityId: 2, status: "in_proposal" },
    { id: 5, communityId: 2, status: "open" },
    { id: 6, communityId: 3, status: "open" },
  ],
  matchedNeedIds: [1, 1, 4],
  projectNeedIds: [2, 3, 3, 4],
  deliveries: [
    { id: 100, communityId: 1, status: "done", atRisk: false },
    { id: 101, communityId: 1, status: "in_progress", atRisk: true },
    { id: 102, communityId: 2, status: "terminated", atRisk: false },
    { id: 103, communityId: 2, status: "late", atRisk: true },
  ],
  grants: [
    { deliveryId: 100, fundId: 10, grantedFen: 5_000_000, paidFen: 5_000_000 },
    { deliveryId: 100, fundId: 11, grantedFen: 1_000_000, paidFen: 300_000 },
    { deliveryId: 101, fundId: 10, grantedFen: 2_000_000, paidFen: 600_000 },
    { deliveryId: 102, fundId: 10, grantedFen: 3_000_000, paidFen: 900_000 },
    { deliveryId: 103, fundId: 11, grantedFen: 800_001, paidFen: 0 },
  ],
  spending: [
    { deliveryId: 100, amountFen: 4_200_050 },
    { deliveryId: 100, amountFen: 99_950 },
    { deliveryId: 102, amountFen: 450_000 },
  ],
});

function byName(parts: DashboardPart[], name: string) {
  return parts.find((p) => p.name === name)!;
}

describe("buildDashboard", () => {
  it("counts needs collected / matched / in a project / resolved per community", () => {
    const d = buildDashboard(FULL);
    expect(byName(d.communities, "春和社区").needs).toEqual({
      collected: 3,
      matched: 1,
      inProject: 2,
      resolved: 1,
    });
    expect(byName(d.communities, "杏园社区").needs).toEqual({
      collected: 2,
      matched: 1,
      inProject: 1,
      resolved: 0,
    });
    expect(d.street.needs).toEqual({ collected: 6, matched: 2, inProject: 3, resolved: 1 });
    expect(d.street.communityId).toBeNull();
  });

  it("sums money per fund in 分, spending per community, what is left to pay and released", () => {
    const d = buildDashboard(FULL);
    const chunhe = byName(d.communities, "春和社区").money;
    expect(chunhe.funds).toEqual([
      {
        fundId: 10,
        kind: "street",
        name: "街道惠民资金",
        grantedFen: 7_000_000,
        paidFen: 5_600_000,
        // Project 100's 43,000 元 split 5,000,000 : 300,000 by what each fund paid it.
        spentFen: 4_056_604,
      },
      {
        fundId: 11,
        kind: "foundation",
        name: "社区基金会",
        grantedFen: 1_000_000,
        paidFen: 300_000,
        spentFen: 243_396,
      },
    ]);
    expect(chunhe).toMatchObject({
      grantedFen: 8_000_000,
      paidFen: 5_900_000,
      spentFen: 4_300_000,
      spentSharedFen: 4_300_000,
      toPayFen: 2_100_000,
      releasedFen: 0,
    });
    // The terminated project's unpaid grant is released, not "to pay".
    const xingyuan = byName(d.communities, "杏园社区").money;
    expect(xingyuan).toMatchObject({
      grantedFen: 3_800_001,
      paidFen: 900_000,
      spentFen: 450_000,
      toPayFen: 800_001,
      releasedFen: 2_100_000,
    });
    expect(d.street.money).toMatchObject({
      grantedFen: 11_800_001,
      paidFen: 6_800_000,
      spentFen: 4_750_000,
      toPayFen: 2_900_001,
      releasedFen: 2_100_000,
    });
    expect(d.street.money.funds.map((f) => [f.grantedFen, f.paidFen, f.spentFen])).toEqual([
      // The terminated street-only project's 4,500 元 is the street fund's, exactly.
      [10_000_000, 6_500_000, 4_506_604],
      [1_800_001, 300_000, 243_396],
    ]);
    expect(d.street.money.spentSharedFen).toBe(4_300_000);
    expect(byName(d.communities, "杏园社区").money.spentSharedFen).toBe(0);
  });

  it("spending per fund: split by what each fund paid the project, by its grants before any payment; always adds up", () => {
    const one = (grants: DashboardInput["grants"], spent: number) =>
      buildDashboard(
        input({
          deliveries: [{ id: 1, communityId: 1, status: "in_progress", atRisk: false }],
          grants,
          spending: [{ deliveryId: 1, amountFen: spent }],
        }),
      ).street.money;
    // Nothing paid yet: by the grants (2 : 1).
    const before = one(
      [
        { deliveryId: 1, fundId: 10, grantedFen: 2000, paidFen: 0 },
        { deliveryId: 1, fundId: 11, grantedFen: 1000, paidFen: 0 },
      ],
      301,
    );
    expect(before.funds.map((f) => f.spentFen)).toEqual([201, 100]);
    expect(before.spentSharedFen).toBe(301);
    // Only the street fund has paid: all of it is the street fund's, not shared.
    const streetOnly = one(
      [
        { deliveryId: 1, fundId: 10, grantedFen: 2000, paidFen: 500 },
        { deliveryId: 1, fundId: 11, grantedFen: 1000, paidFen: 0 },
      ],
      400,
    );
    expect(streetOnly.funds.map((f) => f.spentFen)).toEqual([400, 0]);
    expect(streetOnly.spentSharedFen).toBe(0);
    // No grant to go by: kept apart, never lost.
    const none = one([], 70);
    expect(none.funds.map((f) => f.spentFen)).toEqual([0, 0]);
    expect(none).toMatchObject({ spentFen: 70, spentUnallocatedFen: 70 });
  });

  it("splitByWeights: exact in 分, the parts add up, none above its share by a 分 or more", () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(5, [0, 3])).toEqual([0, 5]);
    expect(splitByWeights(0, [3, 4])).toEqual([0, 0]);
    expect(splitByWeights(7, [0, 0])).toEqual([0, 0]);
    // Amounts and weights past 2^32 (products past 2^53) stay exact.
    expect(splitByWeights(9_000_000_000_001, [3_000_000_000_000, 6_000_000_000_000])).toEqual([
      3_000_000_000_000, 6_000_000_000_001,
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e10 }), { minLength: 1, maxLength: 5 }),
        (amount, weights) => {
          const parts = splitByWeights(amount, weights);
          const total = weights.reduce((a, w) => a + w, 0);
          if (total === 0) return parts.every((p) => p === 0);
          return (
            parts.reduce((a, p) => a + p, 0) === amount &&
            parts.every((p, i) => Math.abs(p - (amount * weights[i]!) / total) < 1 + 1e-6) &&
            parts.every((p, i) => weights[i] !== 0 || p === 0)
          );
        },
      ),
    );
  });

  it("counts projects on time / late / done / terminated, at risk apart", () => {
    const d = buildDashboard(FULL);
    expect(byName(d.communities, "春和社区").projects).toEqual({
      total: 2,
      onTime: 1,
      notStarted: 0,
      inProgress: 1,
      late: 0,
      done: 1,
      terminated: 0,
      atRisk: 1,
    });
    expect(d.street.projects).toMatchObject({
      total: 4,
      onTime: 1,
      late: 1,
      done: 1,
      terminated: 1,
      atRisk: 2,
    });
  });

  it("street totals are the sum of the communities, for every figure", () => {
    const d = buildDashboard(FULL);
    const sum = (f: (p: DashboardPart) => number) => d.communities.reduce((s, p) => s + f(p), 0);
    expect(d.street.needs.collected).toBe(sum((p) => p.needs.collected));
    expect(d.street.needs.resolved).toBe(sum((p) => p.needs.resolved));
    expect(d.street.money.grantedFen).toBe(sum((p) => p.money.grantedFen));
    expect(d.street.money.paidFen).toBe(sum((p) => p.money.paidFen));
    expect(d.street.money.spentFen).toBe(sum((p) => p.money.spentFen));
    expect(d.street.projects.total).toBe(sum((p) => p.projects.total));
    for (const [i, f] of d.street.money.funds.entries()) {
      expect(f.grantedFen).toBe(sum((p) => p.money.funds[i]!.grantedFen));
      expect(f.spentFen).toBe(sum((p) => p.money.funds[i]!.spentFen));
    }
    // Spending per fund adds up to the spending, per community and for the street.
    for (const p of [...d.communities, d.street])
      expect(p.money.funds.reduce((s, f) => s + f.spentFen, 0) + p.money.spentUnallocatedFen).toBe(
        p.money.spentFen,
      );
  });

  it("money is never negative: every figure ≥ 0, bad input refused", () => {
    const d = buildDashboard(FULL);
    for (const p of [...d.communities, d.street]) {
      for (const v of Object.values(p.money))
        if (typeof v === "number") expect(v).toBeGreaterThanOrEqual(0);
      for (const f of p.money.funds) {
        expect(f.grantedFen).toBeGreaterThanOrEqual(0);
        expect(f.paidFen).toBeLessThanOrEqual(f.grantedFen);
      }
    }
    const bad = (over: Partial<DashboardInput>) => () =>
      buildDashboard(input({ ...FULL, ...over }));
    expect(bad({ spending: [{ deliveryId: 100, amountFen: -1 }] })).toThrow(DashboardInputError);
    expect(bad({ grants: [{ deliveryId: 100, fundId: 10, grantedFen: 10, paidFen: 11 }] })).toThrow(
      DashboardInputError,
    );
    expect(
      bad({ grants: [{ deliveryId: 100, fundId: 10, grantedFen: 10.5, paidFen: 0 }] }),
    ).toThrow(DashboardInputError);
  });

  it("with no deliveries: needs only, money and projects all zero", () => {
    const d = buildDashboard(
      input({
        needs: [
          { id: 1, communityId: 3, status: "open" },
          { id: 2, communityId: 3, status: "resolved" },
        ],
      }),
    );
    expect(d.street.needs).toEqual({ collected: 2, matched: 0, inProject: 0, resolved: 1 });
    expect(d.street.money).toMatchObject({ grantedFen: 0, paidFen: 0, spentFen: 0, toPayFen: 0 });
    expect(d.street.money.funds).toHaveLength(2);
    expect(d.street.projects.total).toBe(0);
    expect(d.communities).toHaveLength(3);
    expect(moneyShares(d.street.money).paid).toEqual({ num: 0, den: 0 });
    expect(percent(moneyShares(d.street.money).paid)).toBeNull();
  });

  it("a terminated project only: counted, its unpaid grant released", () => {
    const d = buildDashboard(
      input({
        deliveries: [{ id: 1, communityId: 2, status: "terminated", atRisk: false }],
        grants: [{ deliveryId: 1, fundId: 11, grantedFen: 500, paidFen: 0 }],
      }),
    );
    expect(d.street.projects).toMatchObject({ total: 1, terminated: 1, onTime: 0 });
    expect(d.street.money).toMatchObject({ grantedFen: 500, toPayFen: 0, releasedFen: 500 });
  });

  it("refuses rows of a community that is not listed (totals must be the sum of the rows)", () => {
    expect(() =>
      buildDashboard(input({ needs: [{ id: 1, communityId: 99, status: "open" }] })),
    ).toThrow(DashboardInputError);
  });

  it("evaluation: null until a round is held; then exact averages per community and street", () => {
    expect(buildDashboard(FULL).evaluated).toBe(false);
    expect(buildDashboard(FULL).street.evaluation).toBeNull();
    const d = buildDashboard(
      input({
        ...FULL,
        evaluations: [
          { communityId: 1, ratings: 3, starsSum: 13 },
          { communityId: 2, ratings: 2, starsSum: 7 },
        ],
      }),
    );
    expect(d.evaluated).toBe(true);
    expect(byName(d.communities, "春和社区").evaluation).toEqual({
      ratings: 3,
      starsSum: 13,
      average: { num: 13, den: 3 },
    });
    expect(byName(d.communities, "兰园社区").evaluation).toBeNull();
    expect(d.street.evaluation).toEqual({ ratings: 5, starsSum: 20, average: { num: 20, den: 5 } });
    expect(decimal2(byName(d.communities, "春和社区").evaluation!.average)).toBe("4.33");
    expect(() =>
      buildDashboard(input({ evaluations: [{ communityId: 1, ratings: 2, starsSum: 11 }] })),
    ).toThrow(DashboardInputError);
  });

  it("an approval round (选出最满意的项目) counts as held: approvals and their share per community and street", () => {
    const d = buildDashboard(
      input({
        ...FULL,
        approvals: {
          ballots: 40,
          communities: [
            { communityId: 1, approvals: 30, projects: 2 },
            { communityId: 2, approvals: 10, projects: 1 },
          ],
        },
      }),
    );
    expect(d.evaluated).toBe(true);
    expect(d.evaluatedBy).toEqual({ rating: false, approval: true });
    expect(d.street.evaluation).toBeNull();
    // 春和: 30 picks of its 2 projects by 40 ballots = 30 / 80 = 38 %.
    expect(byName(d.communities, "春和社区").approval).toEqual({
      approvals: 30,
      projects: 2,
      ballots: 40,
      share: { num: 30, den: 80 },
    });
    expect(percent(byName(d.communities, "杏园社区").approval!.share!)).toBe(25);
    expect(byName(d.communities, "兰园社区").approval).toBeNull();
    // The street: 40 picks of 3 projects by 40 ballots.
    expect(d.street.approval).toEqual({
      approvals: 40,
      projects: 3,
      ballots: 40,
      share: { num: 40, den: 120 },
    });
    // A round with no ballots yet: counts, no share.
    const empty = buildDashboard(
      input({
        approvals: { ballots: 0, communities: [{ communityId: 3, approvals: 0, projects: 1 }] },
      }),
    );
    expect(empty.street.approval).toMatchObject({ approvals: 0, share: null });
    expect(() =>
      buildDashboard(
        input({
          approvals: { ballots: 2, communities: [{ communityId: 1, approvals: 3, projects: 1 }] },
        }),
      ),
    ).toThrow(DashboardInputError);
    // Both kinds of round published: both shown.
    const both = buildDashboard(
      input({
        evaluations: [{ communityId: 1, ratings: 1, starsSum: 5 }],
        approvals: { ballots: 1, communities: [{ communityId: 1, approvals: 1, projects: 1 }] },
      }),
    );
    expect(both.evaluatedBy).toEqual({ rating: true, approval: true });
  });
});

describe("shares", () => {
  it("percent rounds half up, exact fractions kept", () => {
    expect(percent(fraction(1, 3))).toBe(33);
    expect(percent(fraction(2, 3))).toBe(67);
    expect(percent(fraction(1, 8))).toBe(13);
    expect(percent(fraction(0, 5))).toBe(0);
    expect(percent(fraction(5, 5))).toBe(100);
    expect(percent(fraction(0, 0))).toBeNull();
    expect(decimal2(fraction(9, 2))).toBe("4.50");
    expect(decimal2(fraction(0, 0))).toBe("");
    const d = buildDashboard(FULL);
    expect(needShares(d.street.needs)).toEqual({
      matched: { num: 2, den: 6 },
      inProject: { num: 3, den: 6 },
      resolved: { num: 1, den: 6 },
    });
    expect(moneyShares(d.street.money).paid).toEqual({ num: 6_800_000, den: 11_800_001 });
  });
});
