import { describe, expect, it } from "vitest";
import {
  guessTheme,
  latestRating,
  resultOf,
  roundTotals,
  sortRounds,
  visibleRounds,
  type BrandProject,
  type BrandRound,
} from "./brand";

const FUNDS = [
  { kind: "street" as const, name: "街道惠民资金" },
  { kind: "foundation" as const, name: "社区基金会" },
];

function project(id: number, amounts: [number, number] | null): BrandProject {
  return {
    proposalId: id,
    title: `P${id}`,
    status: "accepted",
    result: amounts
      ? {
          rank: id,
          judgeScore: 8000,
          votes: 10,
          combined: "70.00",
          amounts: [
            { kind: "street", fen: amounts[0] },
            { kind: "foundation", fen: amounts[1] },
          ],
          totalFen: amounts[0] + amounts[1],
        }
      : null,
    delivery: null,
    evaluation: null,
  };
}

function round(id: number, year: number, published: boolean, projects: BrandProject[]): BrandRound {
  return {
    competitionId: id,
    slug: `c${id}`,
    title: `C${id}`,
    year,
    round: 1,
    published,
    funds: FUNDS,
    projects,
    totals: roundTotals(FUNDS, projects),
  };
}

describe("brand (pure)", () => {
  it("guesses the theme from the name", () => {
    expect(guessTheme("白羊山儿童友好型社区")).toBe("child");
    expect(guessTheme("兰园老年友好型社区")).toBe("elder");
    expect(guessTheme("橘园睦邻友好型社区")).toBe("neighbour");
    expect(guessTheme("青年友好型社区")).toBe("youth");
    expect(guessTheme("春和万事兴")).toBe("other");
    expect(guessTheme("")).toBe("other");
  });

  it("reads a result row per fund, a fund that gave nothing as 0", () => {
    const r = resultOf(
      {
        id: 7,
        rank: 2,
        judge: { score: 8512 },
        votes: { total: 44 },
        combined: { text: "71.20" },
        amounts: { street: 5_000_000 },
      },
      FUNDS,
    );
    expect(r).toEqual({
      rank: 2,
      judgeScore: 8512,
      votes: 44,
      combined: "71.20",
      amounts: [
        { kind: "street", fen: 5_000_000 },
        { kind: "foundation", fen: 0 },
      ],
      totalFen: 5_000_000,
    });
  });

  it("takes the latest rating round's mean, never an approval round's", () => {
    const rating = (slug: string, mean: string) => ({
      slug,
      title: slug,
      rule: "rating" as const,
      row: { mean, meanHundredths: Number(mean.replace(".", "")), count: 12 },
    });
    const approval = {
      slug: "a",
      title: "a",
      rule: "approval" as const,
      row: { mean: "—", meanHundredths: null, count: 0 },
    };
    expect(latestRating([])).toBeNull();
    expect(latestRating([approval])).toBeNull();
    expect(latestRating([approval, rating("new", "4.25"), rating("old", "3.10")])).toEqual({
      slug: "new",
      title: "new",
      mean: "4.25",
      meanHundredths: 425,
      count: 12,
    });
  });

  it("sums a round's money per fund over its projects", () => {
    expect(
      roundTotals(FUNDS, [project(1, [100, 20]), project(2, [50, 0]), project(3, null)]),
    ).toEqual([
      { kind: "street", fen: 150 },
      { kind: "foundation", fen: 20 },
    ]);
  });

  it("shows the public only published rounds and ranked projects; the street everything", () => {
    const rounds = [
      round(1, 2025, true, [project(1, [100, 0]), project(2, null)]),
      round(2, 2026, false, [project(3, null)]),
      round(3, 2026, true, [project(4, null)]),
    ];
    const pub = visibleRounds(rounds, { public: true });
    expect(pub.map((r) => r.competitionId)).toEqual([1]);
    expect(pub[0]!.projects.map((p) => p.proposalId)).toEqual([1]);
    expect(visibleRounds(rounds, { public: false })).toHaveLength(3);
  });

  it("orders rounds by year, then round, then id", () => {
    const rows = [
      { competitionId: 5, year: 2026, round: 1 },
      { competitionId: 2, year: 2025, round: 2 },
      { competitionId: 9, year: 2025, round: 1 },
      { competitionId: 3, year: 2026, round: 1 },
    ];
    expect(sortRounds(rows).map((r) => r.competitionId)).toEqual([9, 2, 3, 5]);
  });
});
