/**
 * The live roadshow on the database: the session state (validated by the pure state machine),
 * the draw, judges' score sheets and the snapshots that the host console, the judges' tablets
 * and the big screen render. PostgreSQL is the only source of truth; every change is audited in
 * its own transaction.
 */
import { randomInt } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { retryConflicts, type Db, type DbOrTx } from "../../db/client";
import {
  communities,
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeRecusals,
  judgeScoreItems,
  judgeScores,
  liveSessions,
  pitchDraws,
  proposalFundRequests,
  proposals,
  users,
} from "../../db/schema";
import { drawOrder, newSeed } from "../domain/draw";
import type { CompetitionPhase, JudgeAggregation, LiveAudience } from "../domain/enums";
import { isEvaluationOutput } from "../domain/evaluation";
import {
  checkSheet,
  revisionAllowed,
  scoreProjects,
  type ProjectScore,
  type SheetStatus,
} from "../domain/judge-scoring";
import {
  apply,
  currentProposal,
  initialState,
  showStarted,
  type Command,
  type LiveRefusal,
  type LiveState,
} from "../domain/pitch-machine";
import { finalReveal } from "../domain/results";
import { appendAudit, type Actor } from "./audit.server";
import { countedJudgeTotals } from "./panel.server";
import { acceptedProposals } from "./proposal.server";
import { publishedRun } from "./results.server";

export class LiveError extends Error {
  constructor(
    public refusal: LiveRefusal,
    public detail?: unknown,
  ) {
    super(refusal);
  }
}

const LIVE_PHASES: readonly CompetitionPhase[] = ["roadshow"];
const DRAW_PHASES: readonly CompetitionPhase[] = ["review", "roadshow"];

async function acceptedIds(db: DbOrTx, competitionId: number) {
  return (await acceptedProposals(db, competitionId)).map((p) => p.id);
}

/** The session row, created on first use with the accepted proposals in community order. */
async function loadSession(tx: DbOrTx, competitionId: number, lock: "update" | "share" | null) {
  const select = () => {
    const q = tx.select().from(liveSessions).where(eq(liveSessions.competitionId, competitionId));
    return lock === "update" ? q.for("update") : lock === "share" ? q.for("share") : q;
  };
  let [row] = await select();
  if (!row) {
    const state = initialState(await acceptedIds(tx, competitionId));
    await tx
      .insert(liveSessions)
      .values({ competitionId, state, version: state.version })
      .onConflictDoNothing();
    [row] = await select();
  }
  return row!.state;
}

async function saveSession(tx: DbOrTx, competitionId: number, state: LiveState) {
  await tx
    .update(liveSessions)
    .set({ state, version: state.version, updatedAt: new Date() })
    .where(eq(liveSessions.competitionId, competitionId));
}

async function competitionFor(tx: DbOrTx, competitionId: number) {
  const [c] = await tx
    .select()
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .limit(1);
  if (!c) throw new LiveError("notFound");
  return c;
}

export async function getLiveState(db: Db, competitionId: number) {
  return db.transaction((tx) => loadSession(tx, competitionId, null));
}

/** Judges who should score a proposal: the panel minus those recused from its community. */
async function expectedJudges(tx: DbOrTx, competitionId: number, proposalId: number) {
  const [p] = await tx
    .select({ communityId: proposals.communityId })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  const panel = await tx
    .select({ id: users.id, name: users.displayName, seat: competitionJudges.seat })
    .from(competitionJudges)
    .innerJoin(users, eq(users.id, competitionJudges.userId))
    .where(eq(competitionJudges.competitionId, competitionId))
    .orderBy(asc(competitionJudges.seat));
  const recused = p
    ? (
        await tx
          .select({ judgeUserId: judgeRecusals.judgeUserId })
          .from(judgeRecusals)
          .where(
            and(
              eq(judgeRecusals.competitionId, competitionId),
              eq(judgeRecusals.communityId, p.communityId),
            ),
          )
      ).map((r) => r.judgeUserId)
    : [];
  return panel.map((j) => ({ ...j, recused: recused.includes(j.id) }));
}

async function submittedJudges(tx: DbOrTx, proposalId: number) {
  return (
    await tx
      .select({ judgeUserId: judgeScores.judgeUserId })
      .from(judgeScores)
      .where(eq(judgeScores.proposalId, proposalId))
  ).map((r) => r.judgeUserId);
}

/** Draws the pitch order by lot with a public seed (random unless given) and records it. */
export async function drawLots(db: Db, actor: Actor, competitionId: number, seed?: string) {
  return db.transaction(async (tx) => {
    const c = await competitionFor(tx, competitionId);
    if (!DRAW_PHASES.includes(c.phase)) throw new LiveError("phase");
    const state = await loadSession(tx, competitionId, "update");
    if (showStarted(state)) throw new LiveError("orderLocked");
    const ids = await acceptedIds(tx, competitionId);
    const theSeed = seed?.trim() || newSeed((max) => randomInt(max));
    const order = drawOrder(ids, theSeed);
    // The session follows the draw, even when proposals were accepted after it was created.
    const next: LiveState = { ...initialState(order), version: state.version + 1 };
    await saveSession(tx, competitionId, next);
    await tx
      .insert(pitchDraws)
      .values({ competitionId, kind: "lot", seed: theSeed, order, createdBy: actor.userId });
    await appendAudit(tx, actor, {
      action: "live.draw",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { seed: theSeed, order },
    });
    return { seed: theSeed, order, state: next };
  });
}

export async function setOrder(
  db: Db,
  actor: Actor,
  competitionId: number,
  order: number[],
  expectedVersion: number,
) {
  return db.transaction(async (tx) => {
    const c = await competitionFor(tx, competitionId);
    if (!DRAW_PHASES.includes(c.phase)) throw new LiveError("phase");
    const state = await loadSession(tx, competitionId, "update");
    const result = apply(state, { type: "setOrder", order }, expectedVersion, {
      now: Date.now(),
      pitchSeconds: c.pitchSeconds,
      qaSeconds: c.qaSeconds,
    });
    if (!result.ok) throw new LiveError(result.refusal);
    await saveSession(tx, competitionId, result.state);
    await tx
      .insert(pitchDraws)
      .values({ competitionId, kind: "manual", order, createdBy: actor.userId });
    await appendAudit(tx, actor, {
      action: "live.order",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { from: state.order, to: order },
    });
    return result.state;
  });
}

async function latestDraw(db: DbOrTx, competitionId: number) {
  const [row] = await db
    .select()
    .from(pitchDraws)
    .where(eq(pitchDraws.competitionId, competitionId))
    .orderBy(desc(pitchDraws.id))
    .limit(1);
  return row ?? null;
}

/** Runs a host command issued against a version of the session. */
export async function runCommand(
  db: Db,
  actor: Actor,
  competitionId: number,
  command: Command,
  expectedVersion: number,
  options: { allowMissing?: boolean; now?: number } = {},
) {
  return db.transaction(async (tx) => {
    const c = await competitionFor(tx, competitionId);
    if (!LIVE_PHASES.includes(c.phase)) throw new LiveError("phase");
    const state = await loadSession(tx, competitionId, "update");
    const now = options.now ?? Date.now();
    const result = apply(state, command, expectedVersion, {
      now,
      pitchSeconds: c.pitchSeconds,
      qaSeconds: c.qaSeconds,
    });
    if (!result.ok) throw new LiveError(result.refusal);
    const proposalId =
      command.type === "unskip"
        ? command.proposalId
        : (currentProposal(state) ?? currentProposal(result.state));
    if (command.type === "closeScoring" && proposalId !== null && !options.allowMissing) {
      const expected = (await expectedJudges(tx, competitionId, proposalId)).filter(
        (j) => !j.recused,
      );
      const done = await submittedJudges(tx, proposalId);
      const missing = expected
        .filter((j) => !done.includes(j.id))
        .map((j) => ({ id: j.id, name: j.name }));
      if (missing.length) throw new LiveError("judgesMissing", missing);
    }
    await saveSession(tx, competitionId, result.state);
    await appendAudit(tx, actor, {
      action: `live.${command.type}`,
      subjectType: "competition",
      subjectId: competitionId,
      payload: {
        proposalId,
        version: result.state.version,
        stage: result.state.stage,
        ...(command.type === "extend" ? { seconds: command.seconds } : {}),
        ...(command.type === "reopenScoring" ? { reason: command.reason.trim() } : {}),
        ...(options.allowMissing ? { allowMissing: true } : {}),
      },
    });
    return result.state;
  });
}

interface ScoreSubmission {
  competitionId: number;
  proposalId: number;
  /** criterion id → half-points */
  items: Record<number, number>;
  comment: string;
  revision: number;
  key: string;
}

type ScoreOutcome = {
  status: SheetStatus;
  totalHalfPoints: number;
  /** The sheet's revision on the server after this submission: the tablet's next one is above it. */
  revision: number;
};

/**
 * Records a judge's sheet for the proposal on stage while scoring is open. A retried
 * submission (same key) or an older revision arriving late changes nothing.
 */
export async function submitScore(
  db: Db,
  judge: { id: number; username: string },
  input: ScoreSubmission,
): Promise<ScoreOutcome> {
  // Two first submissions of one sheet at once (a resend crossing the original): the loser's
  // insert hits the unique key; run again, it finds the winner's row (duplicate or revision).
  return retryConflicts(() => submitScoreOnce(db, judge, input));
}

async function submitScoreOnce(
  db: Db,
  judge: { id: number; username: string },
  input: ScoreSubmission,
): Promise<ScoreOutcome> {
  return db.transaction(async (tx) => {
    // A share lock: many judges may submit at once, but never across the host closing scoring.
    const state = await loadSession(tx, input.competitionId, "share");
    const judges = await expectedJudges(tx, input.competitionId, input.proposalId);
    const me = judges.find((j) => j.id === judge.id);
    if (!me) throw new LiveError("notOnPanel");
    if (me.recused) throw new LiveError("recused");
    if (currentProposal(state) !== input.proposalId || state.stage !== "scoring")
      throw new LiveError("notScoring");
    const sheetCriteria = await tx
      .select({ id: criteria.id, maxPoints: criteria.maxPoints })
      .from(criteria)
      .where(eq(criteria.competitionId, input.competitionId));
    const check = checkSheet(sheetCriteria, input.items);
    if (!check.ok) throw new LiveError("badSheet", { criterionId: check.criterionId });

    const [existing] = await tx
      .select()
      .from(judgeScores)
      .where(
        and(eq(judgeScores.proposalId, input.proposalId), eq(judgeScores.judgeUserId, judge.id)),
      )
      .for("update");
    if (existing?.idempotencyKey === input.key)
      return {
        status: "duplicate",
        totalHalfPoints: existing.totalHalfPoints,
        revision: existing.clientRevision,
      };
    if (!revisionAllowed(existing?.clientRevision ?? 0, input.revision))
      throw new LiveError("badRevision", { revision: existing?.clientRevision ?? 0 });
    if (existing && existing.clientRevision >= input.revision)
      return {
        status: "stale",
        totalHalfPoints: existing.totalHalfPoints,
        revision: existing.clientRevision,
      };

    const values = {
      totalHalfPoints: check.totalHalfPoints,
      comment: input.comment.slice(0, 1000),
      clientRevision: input.revision,
      idempotencyKey: input.key,
      updatedAt: new Date(),
    };
    if (existing) {
      await tx
        .update(judgeScores)
        .set(values)
        .where(
          and(eq(judgeScores.proposalId, input.proposalId), eq(judgeScores.judgeUserId, judge.id)),
        );
      await tx
        .delete(judgeScoreItems)
        .where(
          and(
            eq(judgeScoreItems.proposalId, input.proposalId),
            eq(judgeScoreItems.judgeUserId, judge.id),
          ),
        );
    } else {
      await tx.insert(judgeScores).values({
        ...values,
        proposalId: input.proposalId,
        judgeUserId: judge.id,
        competitionId: input.competitionId,
      });
    }
    await tx.insert(judgeScoreItems).values(
      sheetCriteria.map((c) => ({
        proposalId: input.proposalId,
        judgeUserId: judge.id,
        criterionId: c.id,
        halfPoints: input.items[c.id]!,
      })),
    );
    await appendAudit(
      tx,
      { userId: judge.id, label: `${judge.username} (judge)` },
      {
        action: existing ? "score.revise" : "score.submit",
        subjectType: "proposal",
        subjectId: input.proposalId,
        payload: {
          judgeUserId: judge.id,
          items: input.items,
          totalHalfPoints: check.totalHalfPoints,
          revision: input.revision,
          key: input.key,
        },
      },
    );
    return { status: "recorded", totalHalfPoints: check.totalHalfPoints, revision: input.revision };
  });
}

/** The judge totals that count (panel and recusals as they are now), for the aggregation rules. */
async function judgeTotals(db: DbOrTx, competitionId: number) {
  return countedJudgeTotals(db, competitionId);
}

interface ProposalCard {
  id: number;
  title: string;
  brand: string;
  summary: string;
  communityId: number;
  communityName: string;
  requested: Array<{ fundName: string; amountFen: number }>;
  deck: Array<{ sha256: string; mime: string; name: string }>;
}

interface RevealedResult extends Omit<ProjectScore, "judges"> {
  judges: Array<ProjectScore["judges"][number] & { name: string }>;
}

/** Everything one audience needs to render the show, built fresh from the database. */
export async function buildSnapshot(
  db: Db,
  competitionId: number,
  audience: LiveAudience,
  judgeUserId?: number,
) {
  const competition = await competitionFor(db, competitionId);
  const state = await getLiveState(db, competitionId);
  const ids = state.order;
  const [cards, sheetCriteria, draw] = await Promise.all([
    proposalCards(db, ids),
    db
      .select({
        id: criteria.id,
        name: criteria.name,
        maxPoints: criteria.maxPoints,
        description: criteria.description,
      })
      .from(criteria)
      .where(eq(criteria.competitionId, competitionId))
      .orderBy(asc(criteria.position)),
    latestDraw(db, competitionId),
  ]);
  const current = currentProposal(state);
  const progress =
    current === null ? null : await buildProgress(db, competitionId, current, audience === "host");

  // Results only for revealed proposals (the z-score rule needs the whole panel's totals).
  const names = new Map(
    (
      await db
        .select({ id: users.id, name: users.displayName })
        .from(competitionJudges)
        .innerJoin(users, eq(users.id, competitionJudges.userId))
        .where(eq(competitionJudges.competitionId, competitionId))
    ).map((j) => [j.id, j.name]),
  );
  const scores = state.revealed.length
    ? scoreProjects(
        await judgeTotals(db, competitionId),
        competition.judgeAggregation as JudgeAggregation,
      )
    : new Map<number, ProjectScore>();
  const results: RevealedResult[] = state.revealed
    .map((id) => scores.get(id))
    .filter((s): s is ProjectScore => Boolean(s))
    .map((s) => ({
      ...s,
      judges: s.judges.map((j) => ({ ...j, name: names.get(j.judgeId) ?? "" })),
    }));

  return {
    serverTime: Date.now(),
    competition: {
      id: competition.id,
      slug: competition.slug,
      title: competition.title,
      phase: competition.phase,
      pitchSeconds: competition.pitchSeconds,
      qaSeconds: competition.qaSeconds,
      aggregation: competition.judgeAggregation,
      judgeWeightPct: competition.judgeWeightPct,
      votingRegistry: competition.verificationMode !== "token",
    },
    state,
    proposals: cards,
    criteria: sheetCriteria,
    draw: draw ? { seed: draw.seed, kind: draw.kind, at: draw.createdAt.toISOString() } : null,
    progress,
    results,
    final: audience === "judge" ? null : await finalOnScreen(db, competitionId),
    judge:
      audience === "judge" && judgeUserId
        ? await judgeView(db, competitionId, judgeUserId, current)
        : undefined,
  };
}

/**
 * The final reveal on the big screen: shows (or takes down) the published result. Showing needs
 * a published result; the snapshot then carries it to the screen and the host console.
 */
export async function setFinalOnScreen(db: Db, actor: Actor, competitionId: number, show: boolean) {
  return db.transaction(async (tx) => {
    await competitionFor(tx, competitionId);
    await loadSession(tx, competitionId, "update");
    const run = await publishedRun(tx, competitionId);
    if (show && !run) throw new LiveError("noPublishedResult");
    await tx
      .update(liveSessions)
      .set({ finalShownAt: show ? new Date() : null, updatedAt: new Date() })
      .where(eq(liveSessions.competitionId, competitionId));
    await appendAudit(tx, actor, {
      action: show ? "live.final.show" : "live.final.hide",
      subjectType: "competition",
      subjectId: competitionId,
      payload: run ? { runId: run.id, outputHash: run.outputHash } : {},
    });
  });
}

/** The published result as the screen shows it, when the host has put it up. */
async function finalOnScreen(db: DbOrTx, competitionId: number) {
  const [row] = await db
    .select({ shownAt: liveSessions.finalShownAt })
    .from(liveSessions)
    .where(eq(liveSessions.competitionId, competitionId));
  if (!row?.shownAt) return null;
  const run = await publishedRun(db, competitionId);
  // A 效果共评 round has no final reveal (no money to show).
  if (!run || isEvaluationOutput(run.output)) return null;
  return {
    runId: run.id,
    shownAt: row.shownAt.toISOString(),
    ...finalReveal(run.output, run.outputHash),
  };
}

/** A judge's own part of the snapshot: recused or not, and their sheet for the pitch on stage. */
export async function judgeView(
  db: DbOrTx,
  competitionId: number,
  judgeUserId: number,
  current: number | null,
) {
  if (current === null) return { recused: false, sheet: null };
  const judges = await expectedJudges(db, competitionId, current);
  const recused = judges.find((j) => j.id === judgeUserId)?.recused ?? false;
  const [row] = await db
    .select()
    .from(judgeScores)
    .where(and(eq(judgeScores.proposalId, current), eq(judgeScores.judgeUserId, judgeUserId)));
  if (!row) return { recused, sheet: null };
  const items = await db
    .select()
    .from(judgeScoreItems)
    .where(
      and(eq(judgeScoreItems.proposalId, current), eq(judgeScoreItems.judgeUserId, judgeUserId)),
    );
  return {
    recused,
    sheet: {
      items: Object.fromEntries(items.map((i) => [String(i.criterionId), i.halfPoints])),
      comment: row.comment,
      revision: row.clientRevision,
      totalHalfPoints: row.totalHalfPoints,
    },
  };
}

/** Scoring progress of the pitch on stage (a delta between snapshots). */
export async function buildProgress(
  db: DbOrTx,
  competitionId: number,
  proposalId: number,
  withJudges: boolean,
) {
  const judges = await expectedJudges(db, competitionId, proposalId);
  const submitted = await submittedJudges(db, proposalId);
  const expected = judges.filter((j) => !j.recused);
  return {
    proposalId,
    submitted: expected.filter((j) => submitted.includes(j.id)).length,
    expected: expected.length,
    judges: withJudges
      ? judges.map((j) => ({
          id: j.id,
          name: j.name,
          recused: j.recused,
          submitted: submitted.includes(j.id),
        }))
      : undefined,
  };
}

export async function isOnPanel(db: DbOrTx, competitionId: number, userId: number) {
  const [row] = await db
    .select({ userId: competitionJudges.userId })
    .from(competitionJudges)
    .where(
      and(eq(competitionJudges.competitionId, competitionId), eq(competitionJudges.userId, userId)),
    );
  return Boolean(row);
}

export async function panelIds(db: DbOrTx, competitionId: number) {
  return (
    await db
      .select({ userId: competitionJudges.userId })
      .from(competitionJudges)
      .where(eq(competitionJudges.competitionId, competitionId))
  ).map((r) => r.userId);
}

async function proposalCards(db: DbOrTx, ids: number[]): Promise<ProposalCard[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      brand: proposals.brand,
      summary: proposals.summary,
      communityId: proposals.communityId,
      communityName: communities.name,
    })
    .from(proposals)
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .where(inArray(proposals.id, ids));
  const requestRows = await db
    .select({
      proposalId: proposalFundRequests.proposalId,
      fundName: funds.name,
      amountFen: proposalFundRequests.amountFen,
    })
    .from(proposalFundRequests)
    .innerJoin(funds, eq(funds.id, proposalFundRequests.fundId))
    .where(inArray(proposalFundRequests.proposalId, ids))
    .orderBy(asc(funds.kind));
  const deck = await db.query.proposalDeckFiles.findMany({
    where: (d, { inArray: within }) => within(d.proposalId, ids),
    orderBy: (d, { asc: up }) => up(d.position),
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .map((r) => ({
      ...r,
      requested: requestRows
        .filter((q) => q.proposalId === r.id)
        .map((q) => ({ fundName: q.fundName, amountFen: q.amountFen })),
      deck: deck
        .filter((d) => d.proposalId === r.id)
        .map((d) => ({ sha256: d.sha256, mime: d.mime, name: d.name })),
    }));
}
