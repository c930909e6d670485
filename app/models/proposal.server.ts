/**
 * Proposals (微项目): drafts, autosave, saves, the review flow and the deck. Every status change
 * is checked by the pure flow (domain/proposal-flow.ts), written with its audit entry in one
 * transaction, and shown as the proposal's history.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import {
  auditLog,
  communities,
  competitions,
  evaluationItems,
  funds,
  needs,
  proposalBudgetLines,
  proposalCofunding,
  proposalDeckFiles,
  proposalFundRequests,
  proposalMilestones,
  proposalNeeds,
  proposals,
} from "../../db/schema";
import type { ProposalStatus, Role } from "../domain/enums";
import { quantityFromDecimal, quantityToDecimal } from "../domain/money";
import type { ProposalContent } from "../domain/proposal-content";
import {
  checkAction,
  isActive,
  type FlowRefusal,
  type ProposalAction,
} from "../domain/proposal-flow";
import { appendAudit, type Actor } from "./audit.server";
import { brandIdFor } from "./brand.server";

export class FlowError extends Error {
  constructor(public refusal: FlowRefusal | "notFound" | "stale") {
    super(refusal);
  }
}

export function contentHash(content: ProposalContent) {
  return createHash("sha256")
    .update(canonicalize(content) ?? "", "utf8")
    .digest("hex");
}

const requestedTotal = sql<number>`coalesce((select sum(${proposalFundRequests.amountFen}) from ${proposalFundRequests} where ${proposalFundRequests.proposalId} = ${proposals.id}), 0)::bigint`;

interface ProposalFilter {
  competitionId?: number;
  communityId?: number;
  status?: ProposalStatus | ProposalStatus[];
  /** Drafts are private to their community: leave them out of the street's lists. */
  excludeDrafts?: boolean;
  minRequestedFen?: number;
  maxRequestedFen?: number;
}

export async function listProposals(db: DbOrTx, filter: ProposalFilter = {}) {
  const where: SQL[] = [];
  if (filter.competitionId) where.push(eq(proposals.competitionId, filter.competitionId));
  if (filter.communityId) where.push(eq(proposals.communityId, filter.communityId));
  if (filter.status) {
    where.push(
      Array.isArray(filter.status)
        ? inArray(proposals.status, filter.status)
        : eq(proposals.status, filter.status),
    );
  }
  if (filter.excludeDrafts) where.push(ne(proposals.status, "draft"));
  if (filter.minRequestedFen != null) where.push(gte(requestedTotal, filter.minRequestedFen));
  if (filter.maxRequestedFen != null) where.push(lte(requestedTotal, filter.maxRequestedFen));
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      brand: proposals.brand,
      brandId: proposals.brandId,
      summary: proposals.summary,
      status: proposals.status,
      competitionId: proposals.competitionId,
      competitionTitle: competitions.title,
      competitionSlug: competitions.slug,
      communityId: proposals.communityId,
      communityName: communities.name,
      submittedAt: proposals.submittedAt,
      updatedAt: proposals.updatedAt,
      requestedFen: requestedTotal,
    })
    .from(proposals)
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .innerJoin(competitions, eq(competitions.id, proposals.competitionId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(communities.sortOrder), desc(proposals.updatedAt));
  return rows.map((r) => ({ ...r, requestedFen: Number(r.requestedFen) }));
}

/**
 * The projects of a competition: its accepted proposals in community order (the order of the
 * ballot, the draw's input and the results), with what each requests in total. For a 效果共评
 * round, the projects it evaluates (its evaluation_items, proposals of the evaluated
 * competition), in the same shape and order. The one query for "which projects are in the
 * running": the ballot, the paper count, the tally, the screen and the results all read it.
 */
export async function acceptedProposals(db: DbOrTx, competitionId: number) {
  const [c] = await db
    .select({ kind: competitions.kind })
    .from(competitions)
    .where(eq(competitions.id, competitionId));
  const which =
    c?.kind === "evaluation"
      ? inArray(
          proposals.id,
          db
            .select({ id: evaluationItems.proposalId })
            .from(evaluationItems)
            .where(eq(evaluationItems.competitionId, competitionId)),
        )
      : and(eq(proposals.competitionId, competitionId), eq(proposals.status, "accepted"));
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      brand: proposals.brand,
      summary: proposals.summary,
      category: proposals.category,
      communityId: proposals.communityId,
      communityName: communities.name,
      requestedFen: sql<number>`coalesce((select sum(${proposalFundRequests.amountFen}) from ${proposalFundRequests} where ${proposalFundRequests.proposalId} = ${proposals.id}), 0)::bigint`,
    })
    .from(proposals)
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .where(which)
    .orderBy(asc(communities.sortOrder), asc(proposals.id));
  return rows.map((r) => ({ ...r, requestedFen: Number(r.requestedFen) }));
}

/** Requests per fund for a competition's proposals, for the review page's totals. */
export async function requestedPerFund(
  db: DbOrTx,
  competitionId: number,
  statuses: ProposalStatus[],
) {
  const rows = await db
    .select({
      fundId: proposalFundRequests.fundId,
      total: sql<number>`sum(${proposalFundRequests.amountFen})::bigint`,
    })
    .from(proposalFundRequests)
    .innerJoin(proposals, eq(proposals.id, proposalFundRequests.proposalId))
    .where(and(eq(proposals.competitionId, competitionId), inArray(proposals.status, statuses)))
    .groupBy(proposalFundRequests.fundId);
  return new Map(rows.map((r) => [r.fundId, Number(r.total)]));
}

export async function getProposal(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      proposal: proposals,
      community: {
        id: communities.id,
        name: communities.name,
        brandName: communities.brandName,
        brandTagline: communities.brandTagline,
      },
      competition: {
        id: competitions.id,
        slug: competitions.slug,
        title: competitions.title,
        phase: competitions.phase,
        proposalDeadline: competitions.proposalDeadline,
      },
    })
    .from(proposals)
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .innerJoin(competitions, eq(competitions.id, proposals.competitionId))
    .where(eq(proposals.id, id))
    .limit(1);
  return row ?? null;
}

/** The proposal with everything it says, as stored (not the unsaved autosave). */
export async function getProposalDetail(db: DbOrTx, id: number) {
  const head = await getProposal(db, id);
  if (!head) return null;
  const [lines, milestones, requests, cofunding, linkedNeeds, deck, competitionFunds] =
    await Promise.all([
      db
        .select()
        .from(proposalBudgetLines)
        .where(eq(proposalBudgetLines.proposalId, id))
        .orderBy(asc(proposalBudgetLines.position)),
      db
        .select()
        .from(proposalMilestones)
        .where(eq(proposalMilestones.proposalId, id))
        .orderBy(asc(proposalMilestones.position)),
      db.select().from(proposalFundRequests).where(eq(proposalFundRequests.proposalId, id)),
      db
        .select()
        .from(proposalCofunding)
        .where(eq(proposalCofunding.proposalId, id))
        .orderBy(asc(proposalCofunding.id)),
      db
        .select({
          id: needs.id,
          title: needs.title,
          description: needs.description,
          source: needs.source,
          raisedCount: needs.raisedCount,
          status: needs.status,
        })
        .from(proposalNeeds)
        .innerJoin(needs, eq(needs.id, proposalNeeds.needId))
        .where(eq(proposalNeeds.proposalId, id))
        .orderBy(asc(needs.id)),
      db
        .select()
        .from(proposalDeckFiles)
        .where(eq(proposalDeckFiles.proposalId, id))
        .orderBy(asc(proposalDeckFiles.position)),
      db
        .select()
        .from(funds)
        .where(eq(funds.competitionId, head.competition.id))
        .orderBy(asc(funds.kind)),
    ]);
  const p = head.proposal;
  const content: ProposalContent = {
    title: p.title,
    brand: p.brand,
    category: p.category,
    summary: p.summary,
    problem: p.problem,
    beneficiaries: p.beneficiaries,
    beneficiaryCount: p.beneficiaryCount,
    plan: p.plan,
    team: p.team,
    needIds: linkedNeeds.map((n) => n.id),
    milestones: milestones.map((m) => ({
      title: m.title,
      dueOn: m.dueOn,
      description: m.description,
    })),
    budgetLines: lines.map((l) => ({
      item: l.item,
      quantityHundredths: quantityFromDecimal(l.quantity),
      unit: l.unit,
      unitPriceFen: l.unitPriceFen,
      note: l.note,
    })),
    requests: competitionFunds.map((f) => ({
      fundId: f.id,
      amountFen: requests.find((r) => r.fundId === f.id)?.amountFen ?? 0,
    })),
    cofunding: cofunding.map((c) => ({
      partnerName: c.partnerName,
      partnerType: c.partnerType,
      amountFen: c.amountFen,
      inKind: c.inKind,
    })),
  };
  return { ...head, content, needs: linkedNeeds, deck, funds: competitionFunds };
}

export async function createDraft(
  db: Db,
  actor: Actor,
  input: { competitionId: number; communityId: number; title: string; brand: string },
) {
  return db.transaction(async (tx) => {
    const brandId = await brandIdFor(tx, input.communityId, input.brand);
    const [row] = await tx
      .insert(proposals)
      .values({ ...input, brand: input.brand.trim(), brandId, createdBy: actor.userId })
      .returning({ id: proposals.id });
    await appendAudit(tx, actor, {
      action: "proposal.create",
      subjectType: "proposal",
      subjectId: row!.id,
      payload: {
        competitionId: input.competitionId,
        communityId: input.communityId,
        title: input.title,
      },
    });
    return row!.id;
  });
}

/**
 * Keeps what was typed (autosave): not yet valid, but in the form's shape, which the caller
 * checked (ProposalDraftSchema, parseDraft).
 */
export async function autosaveDraft(db: DbOrTx, id: number, formState: Record<string, unknown>) {
  const savedAt = new Date();
  await db
    .update(proposals)
    .set({ formState, formStateSavedAt: savedAt })
    .where(eq(proposals.id, id));
  return savedAt;
}

/**
 * Replaces everything a proposal says (also used by the demo seeder). The brand named is linked
 * as the community's brand of that name (created if the community has none of it: the editor
 * offers only existing ones, fixtures may name new ones).
 */
export async function writeContent(tx: DbOrTx, id: number, content: ProposalContent) {
  const [own] = await tx
    .select({ communityId: proposals.communityId })
    .from(proposals)
    .where(eq(proposals.id, id));
  const brandId = own ? await brandIdFor(tx, own.communityId, content.brand) : null;
  await tx
    .update(proposals)
    .set({
      title: content.title,
      brand: content.brand.trim(),
      brandId,
      category: content.category,
      summary: content.summary,
      problem: content.problem,
      beneficiaries: content.beneficiaries,
      beneficiaryCount: content.beneficiaryCount,
      plan: content.plan,
      team: content.team,
      formState: null,
      formStateSavedAt: null,
      updatedAt: new Date(),
      version: sql`${proposals.version} + 1`,
    })
    .where(eq(proposals.id, id));
  await tx.delete(proposalBudgetLines).where(eq(proposalBudgetLines.proposalId, id));
  await tx.delete(proposalMilestones).where(eq(proposalMilestones.proposalId, id));
  await tx.delete(proposalFundRequests).where(eq(proposalFundRequests.proposalId, id));
  await tx.delete(proposalCofunding).where(eq(proposalCofunding.proposalId, id));
  await tx.delete(proposalNeeds).where(eq(proposalNeeds.proposalId, id));
  if (content.budgetLines.length) {
    await tx.insert(proposalBudgetLines).values(
      content.budgetLines.map((l, i) => ({
        proposalId: id,
        position: i + 1,
        item: l.item,
        quantity: quantityToDecimal(l.quantityHundredths),
        unit: l.unit,
        unitPriceFen: l.unitPriceFen,
        note: l.note,
      })),
    );
  }
  if (content.milestones.length) {
    await tx
      .insert(proposalMilestones)
      .values(content.milestones.map((m, i) => ({ proposalId: id, position: i + 1, ...m })));
  }
  const requests = content.requests.filter((r) => r.amountFen > 0);
  if (requests.length)
    await tx.insert(proposalFundRequests).values(requests.map((r) => ({ proposalId: id, ...r })));
  if (content.cofunding.length) {
    await tx
      .insert(proposalCofunding)
      .values(content.cofunding.map((c) => ({ proposalId: id, ...c })));
  }
  if (content.needIds.length) {
    await tx
      .insert(proposalNeeds)
      .values(content.needIds.map((needId) => ({ proposalId: id, needId })));
  }
}

/** Checks that linked needs and requested funds belong to the proposal's community and competition. */
export async function foreignReferences(db: DbOrTx, id: number, content: ProposalContent) {
  const head = await getProposal(db, id);
  if (!head) return { needs: content.needIds, funds: content.requests.map((r) => r.fundId) };
  const okNeeds = content.needIds.length
    ? (
        await db
          .select({ id: needs.id })
          .from(needs)
          .where(and(inArray(needs.id, content.needIds), eq(needs.communityId, head.community.id)))
      ).map((n) => n.id)
    : [];
  const okFunds = (
    await db
      .select({ id: funds.id })
      .from(funds)
      .where(eq(funds.competitionId, head.competition.id))
  ).map((f) => f.id);
  return {
    needs: content.needIds.filter((n) => !okNeeds.includes(n)),
    funds: content.requests.map((r) => r.fundId).filter((f) => !okFunds.includes(f)),
  };
}

interface ActingUser {
  role: Role;
  communityId: number | null;
}

async function lockForAction(
  tx: DbOrTx,
  id: number,
  action: ProposalAction,
  user: ActingUser,
  now: Date,
) {
  const [row] = await tx
    .select({
      id: proposals.id,
      status: proposals.status,
      communityId: proposals.communityId,
      version: proposals.version,
      phase: competitions.phase,
      deadline: competitions.proposalDeadline,
    })
    .from(proposals)
    .innerJoin(competitions, eq(competitions.id, proposals.competitionId))
    .where(eq(proposals.id, id))
    .for("update", { of: proposals });
  if (!row) throw new FlowError("notFound");
  const result = checkAction(action, {
    status: row.status,
    role: user.role,
    ownCommunity: user.communityId === row.communityId,
    phase: row.phase,
    now,
    deadline: row.deadline,
  });
  if (!result.ok) throw new FlowError(result.refusal);
  return { row, to: result.to };
}

/** Saves a draft's content (the secretary pressed 保存 or 提交). */
export async function saveContent(
  db: Db,
  actor: Actor,
  user: ActingUser,
  id: number,
  content: ProposalContent,
) {
  return db.transaction(async (tx) => {
    await lockForAction(tx, id, "edit", user, new Date());
    await writeContent(tx, id, content);
    const hash = contentHash(content);
    await appendAudit(tx, actor, {
      action: "proposal.save",
      subjectType: "proposal",
      subjectId: id,
      payload: { contentHash: hash },
    });
    return hash;
  });
}

/** Saves and submits in one transaction: the submitted content is exactly what was saved. */
export async function submitProposal(
  db: Db,
  actor: Actor,
  user: ActingUser,
  id: number,
  content: ProposalContent,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { row, to } = await lockForAction(tx, id, "submit", user, now);
    await writeContent(tx, id, content);
    const hash = contentHash(content);
    await tx
      .update(proposals)
      .set({ status: to, submittedAt: now, submittedContentHash: hash })
      .where(eq(proposals.id, id));
    await syncNeedStatuses(tx, content.needIds);
    await appendAudit(tx, actor, {
      action: `proposal.${to === "resubmitted" ? "resubmit" : "submit"}`,
      subjectType: "proposal",
      subjectId: id,
      payload: { from: row.status, to, contentHash: hash },
    });
    return to;
  });
}

interface ReviewInput {
  reason: string;
  /** Per-field notes when returning: { fieldName: note }. */
  fields?: Record<string, string>;
}

/** Accept, return (with reasons) or reject; or a secretary's withdrawal. */
export async function transitionProposal(
  db: Db,
  actor: Actor,
  user: ActingUser,
  id: number,
  action: "accept" | "return" | "reject" | "withdraw",
  review: ReviewInput = { reason: "" },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { row, to } = await lockForAction(tx, id, action, user, now);
    const fields = Object.fromEntries(
      Object.entries(review.fields ?? {}).filter(([, note]) => note.trim()),
    );
    await tx
      .update(proposals)
      .set({
        status: to,
        decidedAt: action === "accept" || action === "reject" ? now : undefined,
        reviewNotes: action === "return" ? { reason: review.reason, fields } : undefined,
        updatedAt: now,
      })
      .where(eq(proposals.id, id));
    const linked = (
      await tx
        .select({ needId: proposalNeeds.needId })
        .from(proposalNeeds)
        .where(eq(proposalNeeds.proposalId, id))
    ).map((n) => n.needId);
    await syncNeedStatuses(tx, linked);
    await appendAudit(tx, actor, {
      action: `proposal.${action}`,
      subjectType: "proposal",
      subjectId: id,
      payload: {
        from: row.status,
        to,
        reason: review.reason,
        ...(Object.keys(fields).length ? { fields } : {}),
      },
    });
    return to;
  });
}

/**
 * A need is 已立项 (in_proposal) while an active proposal cites it, and back to open when none
 * does; a need marked resolved stays resolved.
 */
export async function syncNeedStatuses(tx: DbOrTx, needIds: number[]) {
  if (needIds.length === 0) return;
  const cited = await tx
    .select({ needId: proposalNeeds.needId, status: proposals.status })
    .from(proposalNeeds)
    .innerJoin(proposals, eq(proposals.id, proposalNeeds.proposalId))
    .where(inArray(proposalNeeds.needId, needIds));
  for (const needId of needIds) {
    const active = cited.some((c) => c.needId === needId && isActive(c.status));
    await tx
      .update(needs)
      .set({ status: active ? "in_proposal" : "open", updatedAt: new Date() })
      .where(and(eq(needs.id, needId), ne(needs.status, "resolved")));
  }
}

export async function proposalHistory(db: DbOrTx, id: number) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      actor: auditLog.actorLabel,
      action: auditLog.action,
      payload: auditLog.payload,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectType, "proposal"),
        eq(auditLog.subjectId, String(id)),
        ne(auditLog.action, "proposal.save"),
      ),
    )
    .orderBy(asc(auditLog.id));
}

export async function setDeck(
  db: Db,
  actor: Actor,
  user: ActingUser,
  id: number,
  files: Array<{ sha256: string; mime: string; name: string; sizeBytes: number }>,
  mode: "replace" | "append",
) {
  return db.transaction(async (tx) => {
    await lockForAction(tx, id, "edit", user, new Date());
    const existing = await tx
      .select()
      .from(proposalDeckFiles)
      .where(eq(proposalDeckFiles.proposalId, id));
    const replacing = mode === "replace" || existing.some((f) => f.mime === "application/pdf");
    if (replacing) await tx.delete(proposalDeckFiles).where(eq(proposalDeckFiles.proposalId, id));
    const start = replacing ? 0 : Math.max(0, ...existing.map((f) => f.position));
    if (files.length) {
      await tx
        .insert(proposalDeckFiles)
        .values(files.map((f, i) => ({ proposalId: id, position: start + i + 1, ...f })));
    }
    await appendAudit(tx, actor, {
      action: "proposal.deck",
      subjectType: "proposal",
      subjectId: id,
      payload: {
        files: files.map((f) => ({ sha256: f.sha256, name: f.name, mime: f.mime })),
        mode: replacing ? "replace" : "append",
      },
    });
  });
}

export async function removeDeckFile(
  db: Db,
  actor: Actor,
  user: ActingUser,
  id: number,
  fileId: number,
) {
  return db.transaction(async (tx) => {
    await lockForAction(tx, id, "edit", user, new Date());
    const [removed] = await tx
      .delete(proposalDeckFiles)
      .where(and(eq(proposalDeckFiles.id, fileId), eq(proposalDeckFiles.proposalId, id)))
      .returning();
    if (removed) {
      await appendAudit(tx, actor, {
        action: "proposal.deck_remove",
        subjectType: "proposal",
        subjectId: id,
        payload: { sha256: removed.sha256, name: removed.name },
      });
    }
  });
}

/** Deck files with this hash and the proposals they belong to (for access checks). */
export async function deckFileOwners(db: DbOrTx, sha256: string) {
  return db
    .select({
      mime: proposalDeckFiles.mime,
      name: proposalDeckFiles.name,
      status: proposals.status,
      communityId: proposals.communityId,
    })
    .from(proposalDeckFiles)
    .innerJoin(proposals, eq(proposals.id, proposalDeckFiles.proposalId))
    .where(eq(proposalDeckFiles.sha256, sha256));
}
