import { describe, expect, it } from "vitest";
import { provisionalStanding, rankProposals, type RankOptions } from "./ranking";

const base: RankOptions = {
  judgeWeightPct: 70,
  residentRule: "top",
  ballots: 0,
  tieBreak: ["judge", "votes", "lot"],
  lotSeed: "seed",
};

describe("combined ranking (hand-computed)", () => {
  const inputs = [
    { id: 1, judge: 8840, votes: 50 }, // A
    { id: 2, judge: 9000, votes: 20 }, // B
    { id: 3, judge: 8000, votes: 100 }, // C (top)
  ];

  it("votes ÷ top votes: C 56+30 = 86.00, A 61.88+15 = 76.88, B 63+6 = 69.00", () => {
    const r = rankProposals(inputs, base);
    expect(r.map((x) => [x.id, x.rank, x.combined.toFixed(2), x.resident.toFixed(2)])).toEqual([
      [3, 1, "86.00", "100.00"],
      [1, 2, "76.88", "50.00"],
      [2, 3, "69.00", "20.00"],
    ]);
  });

  it("votes ÷ ballots (200): C 56+15 = 71.00, A 61.88+7.5 = 69.38, B 63+3 = 66.00", () => {
    const r = rankProposals(inputs, { ...base, residentRule: "ballots", ballots: 200 });
    expect(r.map((x) => [x.id, x.combined.toFixed(2)])).toEqual([
      [3, "71.00"],
      [1, "69.38"],
      [2, "66.00"],
    ]);
  });

  // With 50/50 weights D (90, 30 votes) and E (80, 40 votes) tie exactly: 45+15 = 40+20 = 60.
  const tie = [
    { id: 4, judge: 9000, votes: 30 },
    { id: 5, judge: 8000, votes: 40 },
    { id: 6, judge: 0, votes: 100 },
  ];
  it("breaks an exact tie by the chain and says how", () => {
    const byJudge = rankProposals(tie, { ...base, judgeWeightPct: 50 });
    expect(
      byJudge.filter((x) => x.id !== 6).map((x) => [x.id, x.rank, x.decidedBy, x.tiedWith]),
    ).toEqual([
      [4, 1, null, [5]],
      [5, 2, "judge", [4]],
    ]);
    const byVotes = rankProposals(tie, {
      ...base,
      judgeWeightPct: 50,
      tieBreak: ["votes", "judge"],
    });
    expect(byVotes.filter((x) => x.id !== 6).map((x) => [x.id, x.decidedBy])).toEqual([
      [5, null],
      [4, "votes"],
    ]);
  });

  it("shows an unbroken tie as a tie (shared rank) when the chain has no lot", () => {
    const same = [
      { id: 7, judge: 8000, votes: 10 },
      { id: 8, judge: 8000, votes: 10 },
    ];
    const r = rankProposals(same, { ...base, tieBreak: [] });
    expect(r.map((x) => x.rank)).toEqual([1, 1]);
    expect(r.every((x) => x.decidedBy === null && x.tiedWith.length === 1)).toBe(true);
    const lot = rankProposals(same, { ...base, tieBreak: ["lot"] });
    expect(lot.map((x) => x.rank)).toEqual([1, 2]);
    expect(lot[1]!.decidedBy).toBe("lot");
    // The lot is reproducible from its seed.
    expect(rankProposals(same, { ...base, tieBreak: ["lot"] }).map((x) => x.id)).toEqual(
      lot.map((x) => x.id),
    );
  });

  it("scores an absent (unscored) project with judge 0 and no votes as 0", () => {
    const r = rankProposals([{ id: 9, judge: null, votes: 0 }], base);
    expect(r[0]!.combined.toFixed(2)).toBe("0.00");
  });
});

describe("provisional standing on the big screen", () => {
  it("combines revealed judge scores with the votes so far, 70/30, ties kept", () => {
    // A: judge 90, 50 votes (top → 100); B: judge 80, 25 votes (50); C: judge 90, 50 votes.
    const rows = provisionalStanding(
      [
        { id: 1, judge: 9000, votes: 50 },
        { id: 2, judge: 8000, votes: 25 },
        { id: 3, judge: 9000, votes: 50 },
      ],
      70,
    );
    expect(rows).toEqual([
      { id: 1, rank: 1, combined: "93.00", tied: true },
      { id: 3, rank: 1, combined: "93.00", tied: true },
      { id: 2, rank: 3, combined: "71.00", tied: false },
    ]);
  });
  it("before any vote the judges' scores alone order the projects", () => {
    expect(
      provisionalStanding(
        [
          { id: 1, judge: 8000, votes: 0 },
          { id: 2, judge: 8550, votes: 0 },
        ],
        70,
      ).map((r) => [r.id, r.combined]),
    ).toEqual([
      [2, "59.85"],
      [1, "56.00"],
    ]);
  });
});
