import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCriteria,
  checkFundRequests,
  checkPhaseChange,
  criteriaLocked,
  summariseBudget,
} from "./competition-rules";

describe("phases", () => {
  it("moves forward freely and back only with a reason", () => {
    expect(checkPhaseChange("draft", "accepting", "")).toEqual({ ok: true, direction: "forward" });
    expect(checkPhaseChange("draft", "voting", "")).toEqual({ ok: true, direction: "forward" });
    expect(checkPhaseChange("review", "accepting", "")).toEqual({
      ok: false,
      refusal: "reasonRequired",
    });
    expect(checkPhaseChange("review", "accepting", "  ")).toEqual({
      ok: false,
      refusal: "reasonRequired",
    });
    expect(checkPhaseChange("review", "accepting", "延长征集一周")).toEqual({
      ok: true,
      direction: "back",
    });
    expect(checkPhaseChange("review", "review", "x")).toEqual({ ok: false, refusal: "same" });
  });
  it("locks criteria from the roadshow on", () => {
    expect(criteriaLocked("review")).toBe(false);
    expect(criteriaLocked("roadshow")).toBe(true);
    expect(criteriaLocked("closed")).toBe(true);
  });
});

describe("criteria", () => {
  it("must sum to 100 with distinct names", () => {
    expect(
      checkCriteria([
        { name: "a", maxPoints: 60 },
        { name: "b", maxPoints: 40 },
      ]),
    ).toEqual({ sum: 100, problems: [] });
    expect(
      checkCriteria([
        { name: "a", maxPoints: 60 },
        { name: "b", maxPoints: 30 },
      ]).problems,
    ).toEqual(["sumNot100"]);
    expect(
      checkCriteria([
        { name: "a", maxPoints: 50 },
        { name: "a ", maxPoints: 50 },
      ]).problems,
    ).toEqual(["duplicateName"]);
    expect(checkCriteria([]).problems).toEqual(["empty", "sumNot100"]);
  });
});

describe("budgets", () => {
  const lines = [
    { quantityHundredths: 300, unitPriceFen: 1_500_00 }, // 3 × 1,500 = 4,500.00
    { quantityHundredths: 12050, unitPriceFen: 85_00 }, // 120.5 × 85 = 10,242.50
    { quantityHundredths: 100, unitPriceFen: 5_257_50 }, // 5,257.50
  ];

  it("computes totals and the community's own share", () => {
    const s = summariseBudget({
      lines,
      requests: [{ amountFen: 15_000_00 }, { amountFen: 3_000_00 }],
      cofunding: [{ amountFen: 2_000_00 }],
    });
    expect(s.lineTotals).toEqual([4_500_00, 10_242_50, 5_257_50]);
    expect(s.totalFen).toBe(20_000_00);
    expect(s.requestedFen).toBe(18_000_00);
    expect(s.selfFundingFen).toBe(0);
  });

  it("flags a request over a fund's cap and sources over the budget", () => {
    const s = summariseBudget({
      lines,
      requests: [{ amountFen: 19_000_00 }, { amountFen: 2_000_00 }],
      cofunding: [],
    });
    const problems = checkFundRequests(
      [
        { fundId: 1, amountFen: 19_000_00 },
        { fundId: 2, amountFen: 2_000_00 },
      ],
      [
        { id: 1, perProjectCapFen: 18_000_00 },
        { id: 2, perProjectCapFen: null },
      ],
      s,
    );
    expect(problems).toEqual([
      { kind: "overCap", fundId: 1, capFen: 18_000_00 },
      { kind: "overBudget", excessFen: 1_000_00 },
    ]);
  });

  it("total equals the sum of line totals for any lines (no rounding drift)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantityHundredths: fc.integer({ min: 0, max: 1_000_000 }),
            unitPriceFen: fc.integer({ min: 0, max: 10_000_000 }),
          }),
          {
            maxLength: 30,
          },
        ),
        (ls) => {
          const s = summariseBudget({ lines: ls, requests: [], cofunding: [] });
          expect(s.totalFen).toBe(s.lineTotals.reduce((a, b) => a + b, 0));
          for (const t of s.lineTotals) expect(Number.isSafeInteger(t)).toBe(true);
        },
      ),
    );
  });
});
