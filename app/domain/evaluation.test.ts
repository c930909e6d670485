import { describe, expect, it } from "vitest";
import {
  addDistributions,
  brandOf,
  checkComments,
  checkItems,
  checkRatings,
  computeEvaluation,
  fundedProjectIds,
  isEvaluationConfig,
  isEvaluationOutput,
  paperRatingTotals,
  formatMeanTenths,
  liveStanding,
  meanTenths,
  ratingScore,
  ruleAllowed,
  rulesFor,
  type Distribution,
  type EvaluationInput,
} from "./evaluation";

describe("what may be evaluated", () => {
  it("only projects the published result gave money to", () => {
    const rows = [
      { id: 1, amounts: { street: 100, foundation: 0 } },
      { id: 2, amounts: { street: 0, foundation: 0 } },
      { id: 3, amounts: { street: 0, foundation: 5 } },
    ];
    expect(fundedProjectIds({ rows })).toEqual([1, 3]);
    expect(checkItems([1, 3], [1, 3])).toBeNull();
    expect(checkItems([], [1, 3])).toBe("noItems");
    expect(checkItems([2], [1, 3])).toBe("notFunded");
    expect(checkItems([1, 1], [1, 3])).toBe("duplicate");
  });

  it("rules per kind: ratings only in 效果共评, budgets only in contests", () => {
    expect(rulesFor("evaluation")).toEqual(["approval", "rating"]);
    expect(ruleAllowed("contest", "rating")).toBe(false);
    expect(ruleAllowed("evaluation", "budget")).toBe(false);
    expect(ruleAllowed("contest", "budget")).toBe(true);
  });
});

describe("a resident's ratings and comments", () => {
  it("1–5 per project on the ballot, at least one, each once", () => {
    expect(checkRatings([1, 2], [{ proposalId: 1, rating: 5 }])).toEqual({ ok: true });
    expect(checkRatings([1, 2], [])).toEqual({ ok: false, problem: "empty" });
    expect(checkRatings([1, 2], [{ proposalId: 9, rating: 3 }])).toEqual({
      ok: false,
      problem: "notOnBallot",
    });
    for (const rating of [0, 6, 2.5, Number.NaN])
      expect(checkRatings([1], [{ proposalId: 1, rating }])).toEqual({
        ok: false,
        problem: "badRating",
      });
    expect(
      checkRatings(
        [1],
        [
          { proposalId: 1, rating: 3 },
          { proposalId: 1, rating: 4 },
        ],
      ),
    ).toEqual({ ok: false, problem: "duplicate" });
  });

  it("comments: trimmed, empty ones dropped, 500 characters at most (counted as characters)", () => {
    expect(
      checkComments(
        [1, 2],
        [
          { proposalId: 1, body: "  很好  " },
          { proposalId: 2, body: "   " },
        ],
      ),
    ).toEqual({ ok: true, comments: [{ proposalId: 1, body: "很好" }] });
    expect(checkComments([1], [{ proposalId: 1, body: "好".repeat(500) }]).ok).toBe(true);
    expect(checkComments([1], [{ proposalId: 1, body: "好".repeat(501) }])).toEqual({
      ok: false,
      problem: "commentTooLong",
    });
    expect(checkComments([1], [{ proposalId: 2, body: "x" }])).toEqual({
      ok: false,
      problem: "notOnBallot",
    });
  });
});

describe("scores", () => {
  it("the mean to two decimals with integers, rounded half up", () => {
    expect(ratingScore([0, 0, 0, 0, 0])).toMatchObject({
      count: 0,
      meanHundredths: null,
      mean: "—",
    });
    // 5 + 4 + 4 = 13 / 3 = 4.3333 → 4.33
    expect(ratingScore([0, 0, 0, 2, 1])).toMatchObject({ count: 3, sum: 13, mean: "4.33" });
    // 1 + 2 = 3 / 2 = 1.5 → 1.50
    expect(ratingScore([1, 1, 0, 0, 0]).mean).toBe("1.50");
    // 2 + 3 + 3 + 3 + 3 + 3 + 3 + 3 = 23 / 8 = 2.875 → 2.88 (half up)
    expect(ratingScore([0, 1, 7, 0, 0]).mean).toBe("2.88");
    // 2/3 = 0.666… never happens (ratings ≥ 1), but 5 × 1 + 1 × 2 = 7 / 6 = 1.1666… → 1.17
    expect(ratingScore([5, 1, 0, 0, 0]).mean).toBe("1.17");
    expect(ratingScore([0, 0, 0, 0, 3]).mean).toBe("5.00");
  });

  const input: EvaluationInput = {
    competition: { id: 9, slug: "eval", title: "效果共评" },
    evaluates: { id: 1, slug: "huashan-2026", title: "花山" },
    rule: "rating",
    items: [
      { id: 1, title: "A", brand: "春和万事兴", communityName: "春和社区" },
      { id: 2, title: "B", brand: "", communityName: "兰园社区" },
      { id: 3, title: "C", brand: "春和万事兴", communityName: "春和社区" },
      { id: 4, title: "D", brand: "", communityName: "杏园社区" },
    ],
    ratings: {
      1: [0, 0, 0, 1, 1], // 4.50
      2: [0, 0, 0, 2, 0], // 4.00
      3: [0, 0, 1, 0, 0], // 3.00
      4: [0, 0, 0, 0, 0], // nobody
    },
    approvals: { 1: { online: 2, offline: 0 }, 2: { online: 2, offline: 0 } },
    ballots: {
      ballotsOnline: 3,
      unreadableOnline: 0,
      ballotsOffline: 0,
      invalidOffline: 0,
      stationsConfirmed: 0,
      stationsTotal: 0,
    },
    comments: [
      { id: 7, proposalId: 2, body: "second" },
      { id: 3, proposalId: 1, body: "first" },
      { id: 8, proposalId: 99, body: "not on this ballot" },
    ],
  };

  it("ranks by mean, then count; unrated last; brands pool their projects' ratings", () => {
    const out = computeEvaluation(input);
    expect(isEvaluationOutput(out)).toBe(true);
    expect(isEvaluationConfig({ kind: "evaluation" })).toBe(true);
    expect(out.rows.map((r) => [r.id, r.rank, r.mean])).toEqual([
      [1, 1, "4.50"],
      [2, 2, "4.00"],
      [3, 3, "3.00"],
      [4, 4, "—"],
    ]);
    // 春和万事兴: 4 + 5 + 3 = 12 / 3 = 4.00; 兰园社区 (no brand: the community) 4.00 on 2.
    expect(out.brands.map((b) => [b.brand, b.mean, b.count, b.projects])).toEqual([
      ["春和万事兴", "4.00", 3, [1, 3]],
      ["兰园社区", "4.00", 2, [2]],
      ["杏园社区", "—", 0, [4]],
    ]);
    expect(out.comments).toEqual([
      { proposalId: 1, body: "first" },
      { proposalId: 2, body: "second" },
    ]);
    expect(brandOf({ brand: " ", communityName: "X" })).toBe("X");
  });

  it("approval mode ranks by approvals; equal numbers share a rank", () => {
    const out = computeEvaluation({ ...input, rule: "approval" });
    expect(out.rows.map((r) => [r.id, r.rank, r.approvals.total])).toEqual([
      [1, 1, 2],
      [2, 1, 2],
      [3, 3, 0],
      [4, 3, 0],
    ]);
  });

  describe("paper stations (rating mode)", () => {
    const stations = [
      {
        name: "春和站",
        communityName: "春和社区",
        ballotsCast: 6,
        invalid: 1,
        ratings: { "1": [0, 0, 0, 0, 3], "4": [1, 1, 0, 0, 0] } as Record<string, Distribution>,
      },
      {
        name: "兰园站",
        communityName: "兰园社区",
        ballotsCast: 3,
        invalid: 0,
        // A project not on this round's ballot is ignored.
        ratings: { "1": [1, 0, 0, 0, 0], "2": [0, 0, 2, 0, 0], "99": [5, 5, 5, 5, 5] } as Record<
          string,
          Distribution
        >,
      },
    ];

    it("adds distributions level by level and totals the stations per item", () => {
      expect(addDistributions([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toEqual([6, 6, 6, 6, 6]);
      expect(addDistributions([1], [])).toEqual([1, 0, 0, 0, 0]);
      expect(paperRatingTotals(stations, [1, 2, 3, 4])).toEqual({
        1: [1, 0, 0, 0, 3],
        2: [0, 0, 2, 0, 0],
        3: [0, 0, 0, 0, 0],
        4: [1, 1, 0, 0, 0],
      });
      expect(paperRatingTotals([], [1])).toEqual({ 1: [0, 0, 0, 0, 0] });
    });

    it("counts paper ratings with the online ones: means, counts, ranks, brands, the sheets published", () => {
      const out = computeEvaluation({ ...input, paperStations: stations });
      const row = (id: number) => out.rows.find((r) => r.id === id)!;
      // 1: online 4,5 + paper 5,5,5,1 = 25 / 6 = 4.1666… → 4.17.
      expect(row(1)).toMatchObject({
        count: 6,
        sum: 25,
        mean: "4.17",
        distribution: [1, 0, 0, 1, 4],
        paper: { count: 4, distribution: [1, 0, 0, 0, 3] },
      });
      // 2: online 4,4 + paper 3,3 = 14 / 4 = 3.50; 3: online only; 4: paper only, 1 and 2 → 1.50.
      expect(row(2)).toMatchObject({ count: 4, mean: "3.50", paper: { count: 2 } });
      expect(row(3)).toMatchObject({ count: 1, mean: "3.00", paper: { count: 0 } });
      expect(row(4)).toMatchObject({ count: 2, mean: "1.50", distribution: [1, 1, 0, 0, 0] });
      expect(out.rows.map((r) => [r.id, r.rank])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ]);
      // 春和万事兴 pools 1 and 3: 25 + 3 = 28 / 7 = 4.00.
      expect(out.brands.find((b) => b.brand === "春和万事兴")).toMatchObject({
        count: 7,
        sum: 28,
        mean: "4.00",
      });
      expect(out.brands.reduce((n, b) => n + b.count, 0)).toBe(13);
      // Each station's sheet is published, with every item of the ballot and nothing else.
      expect(out.stations).toEqual([
        {
          name: "春和站",
          communityName: "春和社区",
          ballotsCast: 6,
          invalid: 1,
          ratings: {
            "1": [0, 0, 0, 0, 3],
            "2": [0, 0, 0, 0, 0],
            "3": [0, 0, 0, 0, 0],
            "4": [1, 1, 0, 0, 0],
          },
        },
        {
          name: "兰园站",
          communityName: "兰园社区",
          ballotsCast: 3,
          invalid: 0,
          ratings: {
            "1": [1, 0, 0, 0, 0],
            "2": [0, 0, 2, 0, 0],
            "3": [0, 0, 0, 0, 0],
            "4": [0, 0, 0, 0, 0],
          },
        },
      ]);
    });

    it("leaves the output as it was without paper stations, and ignores them in approval mode", () => {
      const without = computeEvaluation(input);
      expect(computeEvaluation({ ...input, paperStations: [] })).toEqual(without);
      expect("stations" in without).toBe(false);
      expect(without.rows.every((r) => !("paper" in r))).toBe(true);
      const approval = computeEvaluation({ ...input, rule: "approval", paperStations: stations });
      expect(approval).toEqual(computeEvaluation({ ...input, rule: "approval" }));
    });
  });
});

describe("the big screen, live", () => {
  it("the mean to one decimal from the exact sum ÷ count, half up (no double rounding)", () => {
    expect(meanTenths([0, 0, 0, 0, 0])).toBeNull();
    expect(formatMeanTenths([0, 0, 0, 0, 0])).toBe("—");
    expect(formatMeanTenths([0, 0, 0, 1, 1])).toBe("4.5");
    // 4.25 exactly: half up to 4.3.
    expect(formatMeanTenths([0, 0, 0, 3, 1])).toBe("4.3");
    // 4.2449…: the two-decimal mean would be 4.24, and 4.2 here (never 4.25 → 4.3).
    const d: [number, number, number, number, number] = [0, 0, 0, 37, 12];
    expect(ratingScore(d).mean).toBe("4.24");
    expect(formatMeanTenths(d)).toBe("4.2");
    expect(formatMeanTenths([0, 0, 0, 0, 7])).toBe("5.0");
    expect(formatMeanTenths([3, 0, 0, 0, 0])).toBe("1.0");
  });

  it("rating mode: by exact mean, then number of ratings, unrated last and unranked; equal rows share a rank", () => {
    const row = (
      id: number,
      number: number,
      ratings: [number, number, number, number, number],
    ) => ({
      id,
      number,
      ratings,
      total: ratings.reduce((s, n) => s + n, 0),
    });
    const rows = [
      row(1, 1, [0, 0, 0, 0, 0]),
      row(2, 2, [0, 0, 1, 1, 0]), // 3.5 from 2
      row(3, 3, [0, 0, 0, 2, 2]), // 4.5 from 4
      row(4, 4, [0, 0, 0, 1, 1]), // 4.5 from 2
      row(5, 5, [0, 0, 0, 2, 2]), // 4.5 from 4: ties with 3
      row(6, 6, [0, 0, 1, 3, 0]), // 3.75: above 3.5 though both show "3.8" / "3.5"
    ];
    expect(liveStanding("rating", rows).map((r) => [r.id, r.rank])).toEqual([
      [3, 1],
      [5, 1],
      [4, 3],
      [6, 4],
      [2, 5],
      [1, null],
    ]);
  });

  it("approval mode: by approvals, then the ballot's number", () => {
    const rows = [
      { id: 1, number: 1, total: 3 },
      { id: 2, number: 2, total: 9 },
      { id: 3, number: 3, total: 3 },
      { id: 4, number: 4, total: 0 },
    ];
    expect(liveStanding("approval", rows).map((r) => [r.id, r.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 4],
    ]);
  });
});
