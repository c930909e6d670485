/**
 * Results on the database: gather scores and votes from one consistent snapshot, compute the
 * ranking and the money (pure, app/domain/results.ts), keep each run frozen with the SHA-256 of
 * its canonical JSON, publish one as the 公示 with its notice period, and take objections.
 * Every change is audited in the transaction that makes it.
 */
import { createHash, randomInt } from "node:crypto";
import canonicalize from "canonicalize";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client";
import {
  auditLog,
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeScoreItems,
  judgeScores,
  objections,
  proposalFundRequests,
  resultRuns,
  users,
} from "../../db/schema";
import { Add1LimitError } from "../domain/allocation/equal-shares";
import type { AllocationLimits } from "../domain/allocation/funds";
import { newSeed } from "../domain/draw";
import type { CompetitionPhase, FundKind } from "../domain/enums";
import {
  computeEvaluation,
  isEvaluationConfig,
  isEvaluationOutput,
  type EvaluationConfig,
  type EvaluationOutput,
} from "../domain/evaluation";
import { sheetCounts } from "../domain/judge-scoring";
import { formatYuan } from "../domain/money";
import {
  computeResults,
  publishProblems,
  type PublishProblem,
  type ResultConfig,
  type ResultInput,
  type ResultOutput,
} from "../domain/results";
import { appendAudit, chainHead, sealAuditLog, type Actor } from "./audit.server";
import { ballotKey, onlineBallots, type BallotKey } from "./ballot-box.server";
import { voteCounts } from "./ballot.server";
import { GrantBelowPaidError, syncDeliveriesWithRun } from "./delivery.server";
import { loadEvaluationInput } from "./evaluation.server";
import { loadPanelFacts } from "./panel.server";
import { acceptedProposals } from "./proposal.server";

type ResultsRefusal =
  | "notFound"
  | "reasonRequired"
  | "notDraft"
  | "notLatest"
  | "stale"
  | "noticeOrder"
  | "noticeEnded"
  | "noPublished"
  | "noticeNotOpen"
  | "alreadyAnswered"
  /** The new result grants a project less than it has already been paid. */
  | "grantBelowPaid"
  /** Equal shares' add1 reached its limit of runs: detail { runs, share } (share in 元). */
  | "allocationLimit"
  | PublishProblem;

export class ResultsError extends Error {
  constructor(
    public refusal: ResultsRefusal,
    public detail?: unknown,
  ) {
    super(refusal);
  }
}

/** Phases from which the street may move to 结果公示 when it publishes. */
const BEFORE_RESULTS: readonly CompetitionPhase[] = [
  "draft",
  "accepting",
  "review",
  "roadshow",
  "voting",
];

export function hashOutput(output: ResultOutput | EvaluationOutput) {
  return createHash("sha256")
    .update(canonicalize(output) ?? "", "utf8")
    .digest("hex");
}

/** A fresh public lot seed, for when the street did not draw one on stage. */
export function freshLotSeed() {
  return newSeed(randomInt);
}

/** Everything the computation needs, read inside the caller's (repeatable-read) transaction. */
export async function loadResultInput(
  db: DbOrTx,
  competitionId: number,
  /** The ballot key (pass it when `db` is a transaction). */
  key?: BallotKey,
): Promise<ResultInput | null> {
  const [c] = await db
    .select()
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .limit(1);
  if (!c) return null;
  const projectRows = await acceptedProposals(db, competitionId);
  const ids = projectRows.map((p) => p.id);
  const [fundRows, requestRows, criteriaRows, judgeRows, sheetRows, itemRows, votes, ballotRows] =
    await Promise.all([
      db
        .select()
        .from(funds)
        .where(eq(funds.competitionId, competitionId))
        .orderBy(asc(funds.kind)),
      ids.length
        ? db
            .select({
              proposalId: proposalFundRequests.proposalId,
              kind: funds.kind,
              amountFen: proposalFundRequests.amountFen,
            })
            .from(proposalFundRequests)
            .innerJoin(funds, eq(funds.id, proposalFundRequests.fundId))
            .where(inArray(proposalFundRequests.proposalId, ids))
        : Promise.resolve([]),
      db
        .select({ id: criteria.id, name: criteria.name, maxPoints: criteria.maxPoints })
        .from(criteria)
        .where(eq(criteria.competitionId, competitionId))
        .orderBy(asc(criteria.position)),
      db
        .select({ id: users.id, name: users.displayName })
        .from(competitionJudges)
        .innerJoin(users, eq(users.id, competitionJudges.userId))
        .where(eq(competitionJudges.competitionId, competitionId))
        .orderBy(asc(competitionJudges.seat)),
      db
        .select({
          proposalId: judgeScores.proposalId,
          judgeId: judgeScores.judgeUserId,
          totalHalfPoints: judgeScores.totalHalfPoints,
        })
        .from(judgeScores)
        .where(eq(judgeScores.competitionId, competitionId)),
      ids.length
        ? db
            .select({
              proposalId: judgeScoreItems.proposalId,
              judgeId: judgeScoreItems.judgeUserId,
              criterionId: judgeScoreItems.criterionId,
              halfPoints: judgeScoreItems.halfPoints,
            })
            .from(judgeScoreItems)
            .where(inArray(judgeScoreItems.proposalId, ids))
        : Promise.resolve([]),
      voteCounts(db, competitionId, ids, key),
      onlineBallots(db, key ?? (await ballotKey(db as Db)), competitionId),
    ]);
  const accepted = new Set(ids);
  // The one rule for which sheets count (panel and recusals as they are now).
  const panel = await loadPanelFacts(db, competitionId);
  const items = new Map<string, Record<number, number>>();
  for (const i of itemRows) {
    const key = `${i.proposalId}:${i.judgeId}`;
    const m = items.get(key) ?? {};
    m[i.criterionId] = i.halfPoints;
    items.set(key, m);
  }
  const requestsOf = (id: number) => {
    const r: Record<FundKind, number> = { street: 0, foundation: 0 };
    for (const q of requestRows) if (q.proposalId === id) r[q.kind] += q.amountFen;
    return r;
  };
  return {
    competition: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      judgeWeightPct: c.judgeWeightPct,
      judgeAggregation: c.judgeAggregation,
    },
    criteria: criteriaRows,
    judges: judgeRows,
    projects: projectRows.map((p) => ({ ...p, requests: requestsOf(p.id) })),
    sheets: sheetRows
      .filter((s) => accepted.has(s.proposalId) && sheetCounts(s, panel))
      .sort((a, b) => a.proposalId - b.proposalId || a.judgeId - b.judgeId)
      .map((s) => ({ ...s, items: items.get(`${s.proposalId}:${s.judgeId}`) ?? {} })),
    votes: {
      ballotsOnline: votes.ballotsOnline,
      unreadableOnline: votes.unreadableOnline,
      ballotsOffline: votes.ballotsOffline,
      invalidOffline: votes.invalidOffline,
      stationsConfirmed: votes.stationsConfirmed,
      stationsTotal: votes.stationsTotal,
      online: Object.fromEntries(votes.online),
      offline: Object.fromEntries(votes.offline),
      stations: votes.stations.map((s) => ({
        name: s.name,
        communityName: s.communityName,
        ballotsCast: s.ballotsCast,
        invalid: s.invalid,
        votes: Object.fromEntries(
          Object.entries(s.votes).filter(([id]) => accepted.has(Number(id))),
        ),
      })),
    },
    ballots: ballotRows.map((b) => b.filter((id) => accepted.has(id))),
    funds: fundRows.map((f) => ({
      kind: f.kind,
      name: f.name,
      totalFen: f.totalFen,
      capFen: f.perProjectCapFen,
      matchRatioBp: f.matchRatioBp,
      eligibleCategories: f.eligibleCategories,
    })),
  };
}

/**
 * Computes from one consistent snapshot of the database. A rule that cannot reach its outcome
 * (equal shares' add1 past its limit of runs) is a refusal, never a result.
 */
async function compute(
  tx: DbOrTx,
  key: BallotKey,
  competitionId: number,
  config: ResultConfig | EvaluationConfig,
  limits: AllocationLimits,
) {
  if (isEvaluationConfig(config)) {
    // 效果共评: the round's scores per project and brand (no funds, no allocation).
    const input = await loadEvaluationInput(tx, competitionId, key);
    if (!input) throw new ResultsError("notFound");
    const output = computeEvaluation(input);
    return { output, hash: hashOutput(output) };
  }
  const input = await loadResultInput(tx, competitionId, key);
  if (!input) throw new ResultsError("notFound");
  let output;
  try {
    output = computeResults(input, config, limits);
  } catch (error) {
    if (error instanceof Add1LimitError)
      throw new ResultsError("allocationLimit", {
        runs: error.runs,
        share: formatYuan(Number(error.share)),
      });
    throw error;
  }
  return { output, hash: hashOutput(output) };
}

/** PostgreSQL's "could not serialize access": a concurrent writer won; try again from the start. */
function isSerializationFailure(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === "40001") return true;
  return false;
}

/**
 * One consistent snapshot (repeatable read). Two admins publishing at once: the second one's
 * snapshot predates the first one's commit, so PostgreSQL refuses it; it is retried and then sees
 * what the first did (e.g. "no longer a draft"), never a 500.
 */
async function snapshot<T>(db: Db, fn: (tx: Tx) => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn, { isolationLevel: "repeatable read" });
    } catch (error) {
      if (attempt >= 5 || !isSerializationFailure(error)) throw error;
    }
  }
}

export async function publishedRun(db: DbOrTx, competitionId: number) {
  const [run] = await db
    .select()
    .from(resultRuns)
    .where(and(eq(resultRuns.competitionId, competitionId), eq(resultRuns.status, "published")))
    .limit(1);
  return run ?? null;
}

/** The published notice's window, without loading its output (for links and banners). */
export async function publishedNotice(db: DbOrTx, competitionId: number) {
  const [run] = await db
    .select({
      id: resultRuns.id,
      noticeStartsAt: resultRuns.noticeStartsAt,
      noticeEndsAt: resultRuns.noticeEndsAt,
    })
    .from(resultRuns)
    .where(and(eq(resultRuns.competitionId, competitionId), eq(resultRuns.status, "published")))
    .limit(1);
  return run ?? null;
}

/** Runs the ranking and allocation and keeps it as a draft to review. */
export async function runResults(
  db: Db,
  actor: Actor,
  competitionId: number,
  config: ResultConfig | EvaluationConfig,
  reason: string,
  limits: AllocationLimits = {},
) {
  const key = await ballotKey(db);
  return snapshot(db, async (tx) => {
    const published = await publishedRun(tx, competitionId);
    if (published && !reason.trim()) throw new ResultsError("reasonRequired");
    const { output, hash } = await compute(tx, key, competitionId, config, limits);
    const [run] = await tx
      .insert(resultRuns)
      .values({
        competitionId,
        config,
        output,
        outputHash: hash,
        reason: reason.trim(),
        createdBy: actor.userId,
      })
      .returning({ id: resultRuns.id });
    await appendAudit(tx, actor, {
      action: "results.run",
      subjectType: "competition",
      subjectId: competitionId,
      payload: {
        runId: run!.id,
        outputHash: hash,
        config,
        reason: reason.trim(),
        replacesPublished: published?.id ?? null,
      },
    });
    return { id: run!.id, hash };
  });
}

export async function listRuns(db: DbOrTx, competitionId: number) {
  return db
    .select({
      id: resultRuns.id,
      status: resultRuns.status,
      outputHash: resultRuns.outputHash,
      reason: resultRuns.reason,
      createdAt: resultRuns.createdAt,
      createdBy: users.displayName,
      publishedAt: resultRuns.publishedAt,
      noticeStartsAt: resultRuns.noticeStartsAt,
      noticeEndsAt: resultRuns.noticeEndsAt,
    })
    .from(resultRuns)
    .leftJoin(users, eq(users.id, resultRuns.createdBy))
    .where(eq(resultRuns.competitionId, competitionId))
    .orderBy(desc(resultRuns.id));
}

async function anyRun(db: DbOrTx, competitionId: number, runId: number) {
  const [run] = await db
    .select()
    .from(resultRuns)
    .where(and(eq(resultRuns.competitionId, competitionId), eq(resultRuns.id, runId)))
    .limit(1);
  return run ?? null;
}

/** A run of a competition's ranking and money (null for a 效果共评 round's run). */
export async function getRun(db: DbOrTx, competitionId: number, runId: number) {
  const run = await anyRun(db, competitionId, runId);
  if (!run || isEvaluationOutput(run.output) || isEvaluationConfig(run.config)) return null;
  return { ...run, output: run.output, config: run.config };
}

/** A run of a 效果共评 round (null for a competition's ranking and money). */
export async function getEvaluationRun(db: DbOrTx, competitionId: number, runId: number) {
  const run = await anyRun(db, competitionId, runId);
  if (!run || !isEvaluationOutput(run.output)) return null;
  return { ...run, output: run.output };
}

/**
 * Publishes a draft as the 公示. Refuses a draft that is not the latest run, or whose numbers no
 * longer match the database (a station confirmed since, a late score): the street re-runs it.
 */
export async function publishRun(
  db: Db,
  actor: Actor,
  competitionId: number,
  runId: number,
  notice: { startsAt: Date; endsAt: Date },
  now = new Date(),
  limits: AllocationLimits = {},
) {
  if (notice.startsAt >= notice.endsAt) throw new ResultsError("noticeOrder");
  // A period already over would publish a notice nobody could object to.
  if (notice.endsAt <= now) throw new ResultsError("noticeEnded");
  const key = await ballotKey(db);
  // Seal what is committed, so the head published with this 公示 is as recent as can be.
  await sealAuditLog(db);
  return snapshot(db, async (tx) => {
    const [c] = await tx
      .select({ phase: competitions.phase, votingClosesAt: competitions.votingClosesAt })
      .from(competitions)
      .where(eq(competitions.id, competitionId))
      .for("update");
    if (!c) throw new ResultsError("notFound");
    const [run] = await tx
      .select()
      .from(resultRuns)
      .where(and(eq(resultRuns.competitionId, competitionId), eq(resultRuns.id, runId)))
      .limit(1);
    if (!run) throw new ResultsError("notFound");
    if (run.status !== "draft") throw new ResultsError("notDraft");
    const [latest] = await tx
      .select({ id: resultRuns.id })
      .from(resultRuns)
      .where(eq(resultRuns.competitionId, competitionId))
      .orderBy(desc(resultRuns.id))
      .limit(1);
    if (latest?.id !== run.id) throw new ResultsError("notLatest");
    const output = run.output;
    const problems = publishProblems(output, c.votingClosesAt, now);
    if (problems.length) throw new ResultsError(problems[0]!, problems);
    // The stored output must still be what was hashed, and what the database gives today.
    const fresh = await compute(tx, key, competitionId, run.config, limits);
    if (hashOutput(output) !== run.outputHash || fresh.hash !== run.outputHash)
      throw new ResultsError("stale");

    const previous = await publishedRun(tx, competitionId);
    // Replacing a published result always needs a reason, even if this run was computed before
    // the other one was published.
    if (previous && !run.reason.trim()) throw new ResultsError("reasonRequired");
    if (previous) {
      await tx
        .update(resultRuns)
        .set({ status: "superseded" })
        .where(eq(resultRuns.id, previous.id));
    }
    const head = await chainHead(tx);
    const auditId = await appendAudit(tx, actor, {
      action: "results.publish",
      subjectType: "competition",
      subjectId: competitionId,
      payload: {
        runId: run.id,
        outputHash: run.outputHash,
        noticeStartsAt: notice.startsAt.toISOString(),
        noticeEndsAt: notice.endsAt.toISOString(),
        supersedes: previous?.id ?? null,
        reason: run.reason,
        chainHead: head,
      },
    });
    await tx
      .update(resultRuns)
      .set({
        status: "published",
        publishedAt: now,
        publishedBy: actor.userId,
        noticeStartsAt: notice.startsAt,
        noticeEndsAt: notice.endsAt,
        publishAuditId: auditId,
        chainHeadSeq: head?.seq ?? null,
        chainHeadHash: head?.hash ?? null,
        chainHeadAt: head ? now : null,
      })
      .where(eq(resultRuns.id, run.id));
    // Each funded project becomes a delivery (任务清单) with its grants per fund (a 效果共评
    // round's scores fund nothing).
    if (!isEvaluationOutput(output)) {
      try {
        await syncDeliveriesWithRun(tx, actor, competitionId, run.id, output);
      } catch (error) {
        if (error instanceof GrantBelowPaidError) throw new ResultsError("grantBelowPaid");
        throw error;
      }
    }
    // The competition's 公示 dates follow the published notice (also when one replaces another).
    await tx
      .update(competitions)
      .set({
        ...(BEFORE_RESULTS.includes(c.phase) ? { phase: "results" as const } : {}),
        noticeStartsAt: notice.startsAt,
        noticeEndsAt: notice.endsAt,
        updatedAt: now,
      })
      .where(eq(competitions.id, competitionId));
    if (BEFORE_RESULTS.includes(c.phase)) {
      await appendAudit(tx, actor, {
        action: "competition.phase",
        subjectType: "competition",
        subjectId: competitionId,
        payload: { from: c.phase, to: "results", direction: "forward", reason: "results.publish" },
      });
    }
    return { auditId };
  });
}

/** The published result with its audit entry (chain hash once sealed), for the public page. */
export async function getPublishedResult(db: DbOrTx, competitionId: number) {
  const published = await getPublishedAny(db, competitionId);
  if (!published || isEvaluationOutput(published.output)) return null;
  return { ...published, output: published.output };
}

/** A 效果共评 round's published scores, with the same audit entry and chain head. */
export async function getPublishedEvaluation(db: DbOrTx, competitionId: number) {
  const published = await getPublishedAny(db, competitionId);
  if (!published || !isEvaluationOutput(published.output)) return null;
  return { ...published, output: published.output };
}

/** Either kind of published output (the open-data API gives it as stored). */
export async function getPublishedAny(db: DbOrTx, competitionId: number) {
  const run = await publishedRun(db, competitionId);
  if (!run) return null;
  const [audit] = run.publishAuditId
    ? await db
        .select({ id: auditLog.id, seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .where(eq(auditLog.id, run.publishAuditId))
    : [];
  return {
    id: run.id,
    output: run.output,
    outputHash: run.outputHash,
    reason: run.reason,
    publishedAt: run.publishedAt!,
    noticeStartsAt: run.noticeStartsAt!,
    noticeEndsAt: run.noticeEndsAt!,
    audit: audit ?? null,
    /** The audit chain's head when this was published: a truncation or rewrite shows against it. */
    chainHead:
      run.chainHeadSeq != null && run.chainHeadHash && run.chainHeadAt
        ? { seq: run.chainHeadSeq, hash: run.chainHeadHash, at: run.chainHeadAt }
        : null,
  };
}

type NoticeState = "before" | "open" | "after";

export function noticeState(
  run: { noticeStartsAt: Date; noticeEndsAt: Date },
  now = new Date(),
): NoticeState {
  if (now < run.noticeStartsAt) return "before";
  if (now >= run.noticeEndsAt) return "after";
  return "open";
}

// ── Objections (异议) ───────────────────────────────────────────────────────────────────

interface ObjectionInput {
  proposalId: number | null;
  authorName: string;
  authorContact: string;
  body: string;
  idempotencyKey: string;
}

/** Files an objection during the notice period. A retry with the same key files it once. */
export async function fileObjection(
  db: Db,
  actor: Actor | null,
  competitionId: number,
  input: ObjectionInput,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const run = await publishedRun(tx, competitionId);
    if (!run?.noticeStartsAt || !run.noticeEndsAt) throw new ResultsError("noPublished");
    if (
      noticeState({ noticeStartsAt: run.noticeStartsAt, noticeEndsAt: run.noticeEndsAt }, now) !==
      "open"
    )
      throw new ResultsError("noticeNotOpen");
    if (input.proposalId !== null) {
      const output = run.output;
      if (!output.rows.some((r) => r.id === input.proposalId)) throw new ResultsError("notFound");
    }
    const [row] = await tx
      .insert(objections)
      .values({
        competitionId,
        runId: run.id,
        proposalId: input.proposalId,
        authorUserId: actor?.userId ?? null,
        authorName: input.authorName,
        authorContact: input.authorContact,
        body: input.body,
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing({ target: objections.idempotencyKey })
      .returning({ id: objections.id });
    if (!row) {
      const [existing] = await tx
        .select({ id: objections.id, competitionId: objections.competitionId })
        .from(objections)
        .where(eq(objections.idempotencyKey, input.idempotencyKey));
      if (existing?.competitionId !== competitionId) throw new ResultsError("notFound");
      return { id: existing.id, duplicate: true };
    }
    await appendAudit(tx, actor ?? { userId: null, label: "resident" }, {
      action: "objection.file",
      subjectType: "objection",
      subjectId: row.id,
      // The contact stays out of the audit log, which observers can read.
      payload: {
        competitionId,
        runId: run.id,
        proposalId: input.proposalId,
        authorName: input.authorName,
      },
    });
    return { id: row.id, duplicate: false };
  });
}

/** The street's public answer. Answered once; a correction is a new answer, audited. */
export async function answerObjection(
  db: Db,
  actor: Actor,
  competitionId: number,
  objectionId: number,
  answer: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: objections.id, answer: objections.answer })
      .from(objections)
      .where(and(eq(objections.id, objectionId), eq(objections.competitionId, competitionId)))
      .for("update");
    if (!row) throw new ResultsError("notFound");
    // A resent form or a double click: the same answer again changes nothing.
    if (row.answer === answer.trim()) return { changed: false };
    await tx
      .update(objections)
      .set({ answer: answer.trim(), answeredBy: actor.userId, answeredAt: now })
      .where(eq(objections.id, objectionId));
    await appendAudit(tx, actor, {
      action: row.answer === null ? "objection.answer" : "objection.reanswer",
      subjectType: "objection",
      subjectId: objectionId,
      payload: { competitionId, answer: answer.trim(), previous: row.answer },
    });
    return { changed: true };
  });
}

/** Objections as everyone sees them (no contact details). */
export async function listObjections(
  db: DbOrTx,
  competitionId: number,
  opts: { withContact?: boolean; unansweredOnly?: boolean } = {},
) {
  const rows = await db
    .select({
      id: objections.id,
      runId: objections.runId,
      proposalId: objections.proposalId,
      authorName: objections.authorName,
      authorContact: objections.authorContact,
      body: objections.body,
      answer: objections.answer,
      createdAt: objections.createdAt,
      answeredAt: objections.answeredAt,
    })
    .from(objections)
    .where(
      and(
        eq(objections.competitionId, competitionId),
        opts.unansweredOnly ? isNull(objections.answer) : undefined,
      ),
    )
    .orderBy(asc(objections.createdAt), asc(objections.id));
  return rows.map(({ authorContact, ...r }) => (opts.withContact ? { ...r, authorContact } : r));
}
