import { describe, expect, it } from "vitest";
import {
  checkCount,
  checkRatingCount,
  countLineNames,
  reconcile,
  resolutionDraft,
  type PaperCount,
} from "./paper-count";

const entry = (
  userId: number,
  ballotsCast: number,
  invalid: number,
  votes: Record<string, number>,
): PaperCount => ({
  userId,
  kind: "entry",
  ballotsCast,
  invalid,
  votes,
});

describe("resolutionDraft", () => {
  it("fills in the lines both clerks agree on and offers both values of the others", () => {
    const a = entry(1, 40, 1, { "7": 25, "8": 12 });
    const b = entry(2, 40, 2, { "7": 25, "8": 13 });
    expect(reconcile([a, b], [7, 8, 9]).status).toBe("mismatch");
    expect(resolutionDraft([a, b], [7, 8, 9])).toEqual({
      ballotsCast: { agreed: 40 },
      invalid: { entries: [1, 2] },
      "7": { agreed: 25 },
      "8": { entries: [12, 13] },
      "9": { agreed: 0 },
    });
  });

  it("uses the two latest clerks' entries, in order, and ignores a resolution", () => {
    const a = entry(1, 10, 0, { "7": 3 });
    const b = entry(2, 11, 0, { "7": 3 });
    const draft = resolutionDraft(
      [a, b, { ...entry(3, 10, 0, { "7": 3 }), kind: "resolution" }],
      [7],
    );
    expect(draft?.ballotsCast).toEqual({ entries: [10, 11] });
  });

  it("is null before two clerks have counted", () => {
    expect(resolutionDraft([entry(1, 1, 0, {})], [7])).toBeNull();
  });
});

describe("approval counts (unchanged by rating mode)", () => {
  it("agree on every line, or list the lines that differ", () => {
    const a = entry(1, 40, 1, { "7": 25 });
    expect(reconcile([a, entry(2, 40, 1, { "7": 25, "8": 0 })], [7, 8])).toMatchObject({
      status: "agreed",
      result: { ballotsCast: 40, invalid: 1, votes: { "7": 25, "8": 0 } },
    });
    expect(reconcile([a, entry(2, 40, 1, { "7": 24 })], [7, 8])).toMatchObject({
      status: "mismatch",
      diff: [{ line: "7", values: [25, 24] }],
    });
    // The approval result carries no ratings.
    const r = reconcile([a, entry(2, 40, 1, { "7": 25 })], [7]);
    expect(r.status === "agreed" && "ratings" in r.result).toBe(false);
    expect(checkCount({ ballotsCast: 10, invalid: 0, votes: { "7": 11 } }, [7, 8], 2)).toEqual([
      { field: "7", problem: "moreThanValid" },
    ]);
  });
});

describe("rating counts (效果共评, paper ratings per level)", () => {
  const rated = (
    userId: number,
    ballotsCast: number,
    invalid: number,
    ratings: Record<string, number[]>,
    kind: PaperCount["kind"] = "entry",
  ): PaperCount => ({ userId, kind, ballotsCast, invalid, votes: {}, ratings });

  it("has a line per project and level, in sheet order", () => {
    expect(countLineNames([7, 8], "rating")).toEqual([
      "ballotsCast",
      "invalid",
      "7:1",
      "7:2",
      "7:3",
      "7:4",
      "7:5",
      "8:1",
      "8:2",
      "8:3",
      "8:4",
      "8:5",
    ]);
    expect(countLineNames([7, 8])).toEqual(["ballotsCast", "invalid", "7", "8"]);
  });

  it("checks a count: whole numbers ≥ 0, a project's levels at most the valid ballots, at least one rating per valid ballot", () => {
    const ok = {
      ballotsCast: 10,
      invalid: 2,
      ratings: { "7": [0, 1, 2, 3, 2], "8": [0, 0, 0, 0, 1] },
    };
    expect(checkRatingCount(ok, [7, 8])).toEqual([]);
    // Exactly the valid ballots on one project is fine; one more is not.
    expect(checkRatingCount({ ...ok, ratings: { "7": [8, 0, 0, 0, 0] } }, [7, 8])).toEqual([]);
    expect(checkRatingCount({ ...ok, ratings: { "7": [8, 0, 0, 0, 1] } }, [7, 8])).toEqual([
      { field: "7", problem: "moreThanValid" },
    ]);
    expect(checkRatingCount({ ...ok, invalid: 11 }, [7, 8])).toContainEqual({
      field: "invalid",
      problem: "moreThanCast",
    });
    expect(checkRatingCount({ ...ok, ratings: { "7": [0, -1, 5, 0, 0] } }, [7, 8])).toEqual([
      { field: "7:2", problem: "negative" },
    ]);
    expect(checkRatingCount({ ...ok, ratings: { "7": [0, 1.5, 0, 0, 8] } }, [7, 8])).toEqual([
      { field: "7:2", problem: "negative" },
    ]);
    expect(checkRatingCount({ ...ok, ratings: { "7": [1, 2, 3] } }, [7, 8])).toEqual([
      { field: "7", problem: "negative" },
    ]);
    expect(checkRatingCount({ ...ok, ratings: { "9": [8, 0, 0, 0, 0] } }, [7, 8])).toEqual([
      { field: "9", problem: "notAProject" },
    ]);
    // 8 valid ballots but only 5 ratings: at least 3 ballots rated nothing (they are invalid).
    expect(checkRatingCount({ ...ok, ratings: { "7": [0, 0, 5, 0, 0] } }, [7, 8])).toEqual([
      { field: "ratings", problem: "fewerRatingsThanBallots" },
    ]);
    // A station where every ballot was blank or invalid.
    expect(checkRatingCount({ ballotsCast: 3, invalid: 3, ratings: {} }, [7])).toEqual([]);
    expect(checkRatingCount({ ballotsCast: 0, invalid: 0, ratings: {} }, [7])).toEqual([]);
  });

  it("confirms two equal counts (absent levels are 0), with every project and level spelled out", () => {
    const a = rated(1, 5, 0, { "7": [0, 0, 1, 2, 2] });
    const b = rated(2, 5, 0, { "7": [0, 0, 1, 2, 2], "8": [0, 0, 0, 0, 0] });
    expect(reconcile([a], [7, 8], "rating").status).toBe("single");
    expect(reconcile([a, b], [7, 8], "rating")).toMatchObject({
      status: "agreed",
      result: {
        ballotsCast: 5,
        invalid: 0,
        votes: {},
        ratings: { "7": [0, 0, 1, 2, 2], "8": [0, 0, 0, 0, 0] },
      },
    });
    // Approval lines of a rating count are never compared (there are none).
    expect(reconcile([a, { ...b, votes: { "7": 3 } }], [7, 8], "rating").status).toBe("agreed");
  });

  it("shows every level that differs and lets the street start from what agrees", () => {
    const a = rated(1, 5, 0, { "7": [0, 0, 1, 2, 2], "8": [1, 0, 0, 0, 0] });
    const b = rated(2, 5, 1, { "7": [0, 0, 2, 1, 2], "8": [1, 0, 0, 0, 0] });
    expect(reconcile([a, b], [7, 8], "rating")).toMatchObject({
      status: "mismatch",
      diff: [
        { line: "invalid", values: [0, 1] },
        { line: "7:3", values: [1, 2] },
        { line: "7:4", values: [2, 1] },
      ],
    });
    const draft = resolutionDraft([a, b], [7, 8], "rating")!;
    expect(draft["7:3"]).toEqual({ entries: [1, 2] });
    expect(draft["7:5"]).toEqual({ agreed: 2 });
    expect(draft["8:1"]).toEqual({ agreed: 1 });
    expect(draft["ballotsCast"]).toEqual({ agreed: 5 });
    expect(Object.keys(draft)).toHaveLength(2 + 2 * 5);
    // The street's third count resolves it, whatever the clerks said.
    const fixed = rated(3, 5, 0, { "7": [0, 0, 2, 1, 2], "8": [1, 0, 0, 0, 0] }, "resolution");
    expect(reconcile([a, b, fixed], [7, 8], "rating")).toMatchObject({
      status: "resolved",
      result: { ratings: { "7": [0, 0, 2, 1, 2] } },
    });
  });

  it("one clerk entering twice is still one entry", () => {
    const a = rated(1, 5, 0, { "7": [0, 0, 0, 0, 5] });
    expect(reconcile([a, { ...a }], [7], "rating").status).toBe("single");
  });
});
