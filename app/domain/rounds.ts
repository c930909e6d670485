/**
 * Rounds compared side by side (no I/O): each round's figures as the model read them
 * (app/models/rounds.server.ts, from the 效果清单 and the tally), in order, and each community
 * across the rounds, a cell per round (null where the community had nothing in that round).
 */
import type { Fraction } from "./dashboard";
import type { FundKind } from "./enums";

export interface RoundFundFigures {
  kind: FundKind;
  name: string;
  grantedFen: number;
  paidFen: number;
  spentFen: number;
}

export interface RoundCommunityFigures {
  communityId: number;
  name: string;
  grantedFen: number;
  /** Funded projects. */
  projects: number;
  /** Cards used (online ballots counted towards the community). */
  voted: number;
  /** 效果共评 mean rating (1–5), exact; null with none. */
  satisfaction: Fraction | null;
}

export interface RoundFigures {
  id: number;
  slug: string;
  title: string;
  year: number;
  round: number;
  published: boolean;
  funds: RoundFundFigures[];
  grantedFen: number;
  paidFen: number;
  spentFen: number;
  ballotsOnline: number;
  ballotsPaper: number;
  registryVoters: number;
  projects: number;
  satisfaction: Fraction | null;
  communities: RoundCommunityFigures[];
}

/** Oldest first: by year, then round, then creation. */
export function inRoundOrder<T extends { year: number; round: number; id: number }>(
  rounds: readonly T[],
): T[] {
  return [...rounds].sort((a, b) => a.year - b.year || a.round - b.round || a.id - b.id);
}

export interface CommunityAcrossRounds {
  communityId: number;
  name: string;
  /** One cell per round, in the rounds' order; null: nothing in that round. */
  cells: Array<RoundCommunityFigures | null>;
}

/**
 * Each community (in the order first met) with its figures in every round. A community with no
 * money, project, vote or rating in a round has an empty cell there.
 */
export function communitiesAcrossRounds(rounds: readonly RoundFigures[]): CommunityAcrossRounds[] {
  const rows = new Map<number, CommunityAcrossRounds>();
  rounds.forEach((round, i) => {
    for (const c of round.communities) {
      const row = rows.get(c.communityId) ?? {
        communityId: c.communityId,
        name: c.name,
        cells: rounds.map(() => null),
      };
      const empty = c.grantedFen === 0 && c.projects === 0 && c.voted === 0 && !c.satisfaction;
      row.cells[i] = empty ? null : c;
      rows.set(c.communityId, row);
    }
  });
  return [...rows.values()];
}

/** Online and paper ballots together (the turnout of a round). */
export function ballotsOf(round: Pick<RoundFigures, "ballotsOnline" | "ballotsPaper">) {
  return round.ballotsOnline + round.ballotsPaper;
}
