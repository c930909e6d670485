import { describe, expect, it } from "vitest";
import {
  ballotsOf,
  communitiesAcrossRounds,
  inRoundOrder,
  type RoundCommunityFigures,
  type RoundFigures,
} from "./rounds";

const community = (
  communityId: number,
  over: Partial<RoundCommunityFigures> = {},
): RoundCommunityFigures => ({
  communityId,
  name: `社区${communityId}`,
  grantedFen: 0,
  projects: 0,
  voted: 0,
  satisfaction: null,
  ...over,
});

const round = (id: number, year: number, communities: RoundCommunityFigures[]): RoundFigures => ({
  id,
  slug: `r${id}`,
  title: `第${id}轮`,
  year,
  round: 1,
  published: true,
  funds: [],
  grantedFen: 0,
  paidFen: 0,
  spentFen: 0,
  ballotsOnline: 10,
  ballotsPaper: 5,
  registryVoters: 0,
  projects: 0,
  satisfaction: null,
  communities,
});

describe("inRoundOrder", () => {
  it("orders by year, round, id", () => {
    const out = inRoundOrder([
      { id: 3, year: 2027, round: 2 },
      { id: 1, year: 2026, round: 1 },
      { id: 2, year: 2027, round: 1 },
      { id: 4, year: 2027, round: 1 },
    ]);
    expect(out.map((r) => r.id)).toEqual([1, 2, 4, 3]);
  });
});

describe("communitiesAcrossRounds", () => {
  it("one row per community, one cell per round, empty where nothing happened", () => {
    const a = community(1, { grantedFen: 100, projects: 1 });
    const b = community(2, { voted: 3 });
    const c = community(1, { grantedFen: 200, projects: 1, satisfaction: { num: 9, den: 2 } });
    const rows = communitiesAcrossRounds([
      round(1, 2026, [a, b]),
      round(2, 2027, [c, community(2), community(3)]),
    ]);
    expect(rows).toEqual([
      { communityId: 1, name: "社区1", cells: [a, c] },
      { communityId: 2, name: "社区2", cells: [b, null] },
      { communityId: 3, name: "社区3", cells: [null, null] },
    ]);
  });

  it("no rounds, no rows", () => {
    expect(communitiesAcrossRounds([])).toEqual([]);
  });
});

describe("ballotsOf", () => {
  it("adds online and paper", () => {
    expect(ballotsOf({ ballotsOnline: 300, ballotsPaper: 200 })).toBe(500);
  });
});
