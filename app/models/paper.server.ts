/**
 * Offline paper ballots (线下投票): polling stations and their counts. Two clerks enter each
 * station's counts independently; the station counts once both agree, or once the street
 * resolves a disagreement with a third entry and a reason. Every entry is audited.
 *
 * A count is ticks per project (approval), or in a 效果共评 round in rating mode how many
 * ballots gave each project 1–5 (its `ratings`); a confirmed station's ratings become rows of
 * station_result_ratings, counted with the online ratings.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import {
  communities,
  competitions,
  paperCounts,
  pollingStations,
  resultRuns,
  stationResultRatings,
  stationResults,
  stationResultVotes,
} from "../../db/schema";
import { stationsClosed } from "../domain/competition-rules";
import { RATING_LEVELS } from "../domain/evaluation";
import {
  checkCount,
  checkRatingCount,
  reconcile,
  type CountProblem,
  type PaperCount,
  type PaperRule,
  type Reconciliation,
} from "../domain/paper-count";
import { appendAudit, type Actor } from "./audit.server";
import { getBallot } from "./ballot.server";
import { acceptedProposals } from "./proposal.server";

export class PaperError extends Error {
  constructor(
    public refusal:
      "notFound" | "confirmed" | "invalidCount" | "notMismatch" | "sameClerk" | "stationsClosed",
    public problems: CountProblem[] = [],
  ) {
    super(refusal);
  }
}

/**
 * Adds a polling station (null when the competition has one of that name). Refused with
 * PaperError("stationsClosed") once the competition (or 效果共评 round) is past voting or has a
 * published result: a station added then would change a count already made public.
 */
export async function createStation(
  db: Db,
  actor: Actor,
  input: { competitionId: number; communityId: number; name: string },
) {
  return db.transaction(async (tx) => {
    // Locked: publishing (which moves the phase to results) waits for this station, or wins.
    const [c] = await tx
      .select({ phase: competitions.phase })
      .from(competitions)
      .where(eq(competitions.id, input.competitionId))
      .for("update");
    if (!c) throw new PaperError("notFound");
    const [published] = await tx
      .select({ id: resultRuns.id })
      .from(resultRuns)
      .where(
        and(eq(resultRuns.competitionId, input.competitionId), eq(resultRuns.status, "published")),
      )
      .limit(1);
    if (stationsClosed(c.phase) || published) throw new PaperError("stationsClosed");
    const [row] = await tx.insert(pollingStations).values(input).onConflictDoNothing().returning();
    if (row)
      await appendAudit(tx, actor, {
        action: "station.create",
        subjectType: "station",
        subjectId: row.id,
        payload: input,
      });
    return row ?? null;
  });
}

interface StationView {
  id: number;
  name: string;
  communityId: number;
  communityName: string;
  /** How its ballots are counted (the round's vote rule): ticks, or ratings per level. */
  rule: PaperRule;
  reconciliation: Reconciliation;
  confirmed: boolean;
}

/** How a competition's paper ballots are counted. */
async function paperRuleOf(db: DbOrTx, competitionId: number): Promise<PaperRule> {
  const [c] = await db
    .select({ voteRule: competitions.voteRule })
    .from(competitions)
    .where(eq(competitions.id, competitionId));
  return c?.voteRule === "rating" ? "rating" : "approval";
}

export async function listStations(db: DbOrTx, competitionId: number): Promise<StationView[]> {
  const stations = await db
    .select({
      id: pollingStations.id,
      name: pollingStations.name,
      communityId: pollingStations.communityId,
      communityName: communities.name,
    })
    .from(pollingStations)
    .innerJoin(communities, eq(communities.id, pollingStations.communityId))
    .where(eq(pollingStations.competitionId, competitionId))
    .orderBy(asc(communities.sortOrder), asc(pollingStations.id));
  if (stations.length === 0) return [];
  const ids = stations.map((s) => s.id);
  const [counts, results] = await Promise.all([
    db
      .select()
      .from(paperCounts)
      .where(inArray(paperCounts.stationId, ids))
      .orderBy(asc(paperCounts.id)),
    db
      .select({ stationId: stationResults.stationId })
      .from(stationResults)
      .where(inArray(stationResults.stationId, ids)),
  ]);
  const [projectIds, rule] = await Promise.all([
    acceptedProposals(db, competitionId).then((ps) => ps.map((p) => p.id)),
    paperRuleOf(db, competitionId),
  ]);
  return stations.map((s) => ({
    ...s,
    rule,
    reconciliation: reconcile(
      counts.filter((c) => c.stationId === s.id).map((c) => toCount(c, rule)),
      projectIds,
      rule,
    ),
    confirmed: results.some((r) => r.stationId === s.id),
  }));
}

function toCount(row: typeof paperCounts.$inferSelect, rule: PaperRule): PaperCount {
  return {
    userId: row.userId,
    kind: row.kind,
    ballotsCast: row.ballotsCast,
    invalid: row.invalid,
    votes: row.votes,
    ...(rule === "rating" ? { ratings: row.ratings } : {}),
  };
}

interface CountInput {
  ballotsCast: number;
  invalid: number;
  votes: Record<string, number>;
  /** Rating mode: proposal id → how many gave 1…5 (ignored in approval mode). */
  ratings?: Record<string, number[]>;
}

/** What is stored of a count: the votes (approval) or the ratings (rating mode), not both. */
function stored(input: CountInput, rule: PaperRule) {
  return {
    ballotsCast: input.ballotsCast,
    invalid: input.invalid,
    votes: rule === "rating" ? {} : input.votes,
    ratings:
      rule === "rating"
        ? ((input.ratings ?? {}) as Record<string, [number, number, number, number, number]>)
        : {},
  };
}

/**
 * Writes a station's confirmed result: its totals, and its votes as one row per project, or in
 * rating mode its ratings as one row per project and level.
 */
async function confirmStation(
  tx: DbOrTx,
  stationId: number,
  result: Omit<PaperCount, "userId" | "kind">,
  source: "agreement" | "resolution",
) {
  const { votes, ratings, ...totals } = result;
  await tx.insert(stationResults).values({ stationId, ...totals, source });
  const rows = Object.entries(votes).map(([id, n]) => ({
    stationId,
    proposalId: Number(id),
    votes: n,
  }));
  if (rows.length) await tx.insert(stationResultVotes).values(rows);
  const rated = Object.entries(ratings ?? {}).flatMap(([id, levels]) =>
    RATING_LEVELS.map((rating) => ({
      stationId,
      proposalId: Number(id),
      rating,
      ballots: levels[rating - 1] ?? 0,
    })),
  );
  if (rated.length) await tx.insert(stationResultRatings).values(rated);
}

/** Locks a station that is still open for counts (not confirmed yet). */
async function openStationFor(tx: DbOrTx, stationId: number) {
  const [s] = await tx
    .select()
    .from(pollingStations)
    .where(eq(pollingStations.id, stationId))
    .for("update");
  if (!s) throw new PaperError("notFound");
  const [done] = await tx
    .select()
    .from(stationResults)
    .where(eq(stationResults.stationId, stationId));
  if (done) throw new PaperError("confirmed");
  return s;
}

/** Checks a count against the station's ballot; returns the ballot's project ids and rule. */
async function validate(db: Db, stationId: number, input: CountInput) {
  const [station] = await db
    .select({ competitionId: pollingStations.competitionId })
    .from(pollingStations)
    .where(eq(pollingStations.id, stationId));
  if (!station) throw new PaperError("notFound");
  const ballot = await getBallot(db, station.competitionId, true);
  const ids = ballot?.projects.map((p) => p.id) ?? [];
  const rule: PaperRule = ballot?.rule === "rating" ? "rating" : "approval";
  const problems =
    rule === "rating"
      ? checkRatingCount(input, ids)
      : checkCount(input, ids, ballot?.rule === "approval" ? ballot.maxChoices : ids.length);
  if (problems.length) throw new PaperError("invalidCount", problems);
  return { ids, rule };
}

/**
 * A clerk's count of a station (they may correct it until the station is confirmed). When it
 * agrees with the other clerk's, the station's result is confirmed in the same transaction.
 */
export async function enterCount(
  db: Db,
  clerk: Actor & { userId: number },
  stationId: number,
  input: CountInput,
) {
  const { ids, rule } = await validate(db, stationId, input);
  const count = stored(input, rule);
  return db.transaction(async (tx) => {
    await openStationFor(tx, stationId);
    const values = {
      stationId,
      userId: clerk.userId,
      kind: "entry" as const,
      ...count,
      updatedAt: new Date(),
    };
    const [existing] = await tx
      .select({ id: paperCounts.id })
      .from(paperCounts)
      .where(
        and(
          eq(paperCounts.stationId, stationId),
          eq(paperCounts.userId, clerk.userId),
          eq(paperCounts.kind, "entry"),
        ),
      );
    if (existing) await tx.update(paperCounts).set(values).where(eq(paperCounts.id, existing.id));
    else await tx.insert(paperCounts).values(values);
    await appendAudit(tx, clerk, {
      action: "paper.entry",
      subjectType: "station",
      subjectId: stationId,
      payload:
        rule === "rating"
          ? { ballotsCast: count.ballotsCast, invalid: count.invalid, ratings: count.ratings }
          : { ballotsCast: input.ballotsCast, invalid: input.invalid, votes: input.votes },
    });
    const all = (
      await tx
        .select()
        .from(paperCounts)
        .where(eq(paperCounts.stationId, stationId))
        .orderBy(asc(paperCounts.id))
    ).map((c) => toCount(c, rule));
    const r = reconcile(all, ids, rule);
    if (r.status === "agreed") {
      await confirmStation(tx, stationId, r.result, "agreement");
      await appendAudit(tx, clerk, {
        action: "paper.confirmed",
        subjectType: "station",
        subjectId: stationId,
        payload: { source: "agreement", ...r.result },
      });
    }
    return r;
  });
}

/** The street resolves a disagreement with a third entry and a reason. */
export async function resolveCount(
  db: Db,
  admin: Actor & { userId: number },
  stationId: number,
  input: CountInput,
  reason: string,
) {
  const { ids, rule } = await validate(db, stationId, input);
  const count = stored(input, rule);
  return db.transaction(async (tx) => {
    await openStationFor(tx, stationId);
    const all = (
      await tx
        .select()
        .from(paperCounts)
        .where(eq(paperCounts.stationId, stationId))
        .orderBy(asc(paperCounts.id))
    ).map((c) => toCount(c, rule));
    if (reconcile(all, ids, rule).status !== "mismatch") throw new PaperError("notMismatch");
    await tx
      .insert(paperCounts)
      .values({ stationId, userId: admin.userId, kind: "resolution", ...count, reason });
    const r = reconcile(
      [...all, { userId: admin.userId, kind: "resolution", ...count }],
      ids,
      rule,
    );
    if (r.status !== "resolved") throw new Error("resolution did not resolve");
    await confirmStation(tx, stationId, r.result, "resolution");
    await appendAudit(tx, admin, {
      action: "paper.resolved",
      subjectType: "station",
      subjectId: stationId,
      payload: { reason, ...r.result },
    });
    return r;
  });
}
