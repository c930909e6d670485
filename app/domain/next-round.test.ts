import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NeedStatus } from "./enums";
import {
  fundTotalProblems,
  nextRoundDefaults,
  planDrafts,
  shiftOneYear,
  shiftSchedule,
  type LastRoundProposal,
} from "./next-round";

/** A Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);

describe("shiftOneYear", () => {
  it.each([
    ["2026-09-20T14:30:00", "2027-09-20T14:30:00"],
    ["2026-12-31T23:59:00", "2027-12-31T23:59:00"],
    ["2027-01-01T00:00:00", "2028-01-01T00:00:00"],
    // 29 February: the last day of February the next year.
    ["2028-02-29T09:00:00", "2029-02-28T09:00:00"],
    // Early on 29 February in Beijing is still 28 February in UTC: decided in Beijing time.
    ["2028-02-29T02:00:00", "2029-02-28T02:00:00"],
    ["2027-02-28T10:00:00", "2028-02-28T10:00:00"],
    ["2027-03-01T00:30:00", "2028-03-01T00:30:00"],
  ])("%s → %s (Beijing)", (from, to) => {
    expect(shiftOneYear(bj(from))).toEqual(bj(to));
  });

  it("keeps null", () => {
    expect(shiftOneYear(null)).toBeNull();
  });

  it("keeps the time of day and moves by 365 or 366 days", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        (d) => {
          const out = shiftOneYear(d)!;
          const days = (out.getTime() - d.getTime()) / 86_400_000;
          expect([364, 365, 366]).toContain(Math.round(days));
          expect(out.getTime() % 86_400_000).toBe(d.getTime() % 86_400_000);
        },
      ),
    );
  });
});

describe("shiftSchedule", () => {
  it("shifts every date and keeps the empty ones empty", () => {
    const out = shiftSchedule({
      proposalDeadline: bj("2026-08-31T18:00:00"),
      roadshowAt: bj("2026-09-20T14:30:00"),
      votingOpensAt: null,
      votingClosesAt: bj("2026-09-27T20:00:00"),
      noticeStartsAt: null,
      noticeEndsAt: null,
    });
    expect(out).toEqual({
      proposalDeadline: bj("2027-08-31T18:00:00"),
      roadshowAt: bj("2027-09-20T14:30:00"),
      votingOpensAt: null,
      votingClosesAt: bj("2027-09-27T20:00:00"),
      noticeStartsAt: null,
      noticeEndsAt: null,
    });
  });
});

describe("fundTotalProblems", () => {
  const funds = [
    {
      kind: "street" as const,
      name: "街道惠民资金",
      totalFen: 500_000_00,
      perProjectCapFen: 80_000_00,
    },
    {
      kind: "foundation" as const,
      name: "社区基金会",
      totalFen: 100_000_00,
      perProjectCapFen: null,
    },
  ];
  it("accepts a total for every fund, caps within it", () => {
    expect(fundTotalProblems(funds, { street: 600_000_00, foundation: 0 })).toEqual({});
  });
  it("refuses a missing or negative total", () => {
    expect(fundTotalProblems(funds, { street: null, foundation: -1 })).toEqual({
      street: "missing",
      foundation: "missing",
    });
  });
  it("refuses a total below the copied per-project cap", () => {
    expect(fundTotalProblems(funds, { street: 50_000_00, foundation: 1 })).toEqual({
      street: "capAboveTotal",
    });
  });
});

describe("nextRoundDefaults", () => {
  it("moves the year in title and slug", () => {
    expect(
      nextRoundDefaults({ title: "花山街2026年路演", slug: "huashan-2026", year: 2026, round: 1 }),
    ).toEqual({ title: "花山街2027年路演", slug: "huashan-2027", year: 2027, round: 2 });
  });
  it("appends the year to a slug without one", () => {
    expect(nextRoundDefaults({ title: "路演", slug: "huashan", year: 2026, round: 3 })).toEqual({
      title: "路演",
      slug: "huashan-2027",
      year: 2027,
      round: 4,
    });
  });
});

describe("planDrafts", () => {
  const p = (
    id: number,
    communityId: number,
    status: LastRoundProposal["status"],
  ): LastRoundProposal => ({
    id,
    communityId,
    title: `项目${id}`,
    brand: `品牌${communityId}`,
    status,
  });
  const statuses = new Map<number, NeedStatus>([
    [1, "open"],
    [2, "in_proposal"],
    [3, "resolved"],
    [4, "open"],
    [5, "resolved"],
  ]);

  it("one draft per community with needs not resolved, led by its accepted project", () => {
    const plans = planDrafts(
      [p(10, 1, "draft"), p(11, 1, "accepted"), p(12, 2, "accepted"), p(13, 3, "rejected")],
      [
        { proposalId: 10, needId: 1 },
        { proposalId: 11, needId: 2 },
        { proposalId: 11, needId: 3 },
        { proposalId: 12, needId: 5 },
        { proposalId: 13, needId: 4 },
        { proposalId: 13, needId: 1 },
      ],
      statuses,
    );
    expect(plans).toEqual([
      { communityId: 1, fromProposalId: 11, title: "项目11", brand: "品牌1", needIds: [1, 2] },
      // Community 2's only need was resolved: no draft.
      { communityId: 3, fromProposalId: 13, title: "项目13", brand: "品牌3", needIds: [1, 4] },
    ]);
  });

  it("no links, no drafts", () => {
    expect(planDrafts([p(1, 1, "accepted")], [], statuses)).toEqual([]);
  });

  it("the latest proposal leads among equals", () => {
    const plans = planDrafts(
      [p(20, 1, "withdrawn"), p(21, 1, "withdrawn")],
      [{ proposalId: 20, needId: 1 }],
      statuses,
    );
    expect(plans[0]?.fromProposalId).toBe(21);
  });
});
