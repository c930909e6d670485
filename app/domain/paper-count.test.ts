import { describe, expect, it } from "vitest";
import { reconcile, resolutionDraft, type PaperCount } from "./paper-count";

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
