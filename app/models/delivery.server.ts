/**
 * Delivery (任务清单) on the database: a published result turns each funded project into a
 * delivery (grants per fund, milestones and budget lines copied from the proposal); the
 * community posts progress with photos, marks milestones done and records spending with
 * receipts; the street pays tranches per fund, flags, terminates and marks done. The rules are
 * in app/domain/delivery.ts; every change is written with its audit entry in one transaction,
 * under a lock on the delivery's row.
 *
 * Money cannot be paid beyond a grant: a tranche raises `delivery_grants.paid_fen` with a
 * conditional UPDATE (`paid_fen + x <= granted_fen`) while the delivery's row is locked, and the
 * table's CHECK refuses anything else, so 20 tranches at once against one grant pay what fits
 * and refuse the rest.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Db, DbOrTx, Tx } from "../../db/client";
import {
  communities,
  competitions,
  deliveries,
  deliveryBudgetLines,
  deliveryDisbursements,
  deliveryFiles,
  deliveryGrants,
  deliveryMilestones,
  deliverySpending,
  deliveryUpdates,
  funds,
  needs,
  proposalBudgetLines,
  proposalMilestones,
  proposalNeeds,
  proposals,
} from "../../db/schema";
import {
  checkDeliveryAction,
  checkSpending,
  checkTranche,
  nextStatus,
  spentByLine,
  type DeliveryAction,
  type DeliveryRefusal,
} from "../domain/delivery";
import type { DeliveryFileKind, DeliveryStatus, Role } from "../domain/enums";
import { lineTotalFen, quantityFromDecimal } from "../domain/money";
import type { ResultOutput } from "../domain/results";
import { appendAudit, type Actor } from "./audit.server";
import { actorOf } from "./user.server";

export class DeliveryError extends Error {
  constructor(
    public refusal: DeliveryRefusal | "notFound",
    /** overGrant / overBudget: what is still possible, in 分. */
    public remainingFen?: number,
  ) {
    super(refusal);
  }
}

/** Who acts: the signed-in user. */
export interface DeliveryUser {
  id: number;
  username: string;
  role: Role;
  communityId: number | null;
}

export interface StoredFile {
  sha256: string;
  mime: string;
  name: string;
  sizeBytes: number;
}

// ── Created on publish ──────────────────────────────────────────────────────────────────

/**
 * Makes the deliveries of a published run, inside the publishing transaction: one per project
 * the run funds, its grants per fund as allocated. A run that replaces a published one moves the
 * grants to its amounts (never below what is already paid: that refuses the publication), and a
 * project it no longer funds, with nothing paid, is terminated with the reason.
 */
export async function syncDeliveriesWithRun(
  tx: Tx,
  actor: Actor,
  competitionId: number,
  runId: number,
  output: ResultOutput,
) {
  const fundRows = await tx
    .select({ id: funds.id, kind: funds.kind })
    .from(funds)
    .where(eq(funds.competitionId, competitionId));
  const existing = await tx
    .select()
    .from(deliveries)
    .where(eq(deliveries.competitionId, competitionId))
    .for("update");
  const byProposal = new Map(existing.map((d) => [d.proposalId, d]));
  const funded = new Set<number>();

  for (const row of output.rows) {
    const amounts = fundRows
      .map((f) => ({ fundId: f.id, grantedFen: row.amounts[f.kind] ?? 0 }))
      .filter((a) => a.grantedFen > 0);
    if (amounts.length === 0) continue;
    funded.add(row.id);
    const delivery = byProposal.get(row.id);
    if (!delivery) {
      const [created] = await tx
        .insert(deliveries)
        .values({ competitionId, proposalId: row.id, runId })
        .returning({ id: deliveries.id });
      const id = created!.id;
      await tx.insert(deliveryGrants).values(amounts.map((a) => ({ deliveryId: id, ...a })));
      const milestones = await tx
        .select()
        .from(proposalMilestones)
        .where(eq(proposalMilestones.proposalId, row.id))
        .orderBy(asc(proposalMilestones.position));
      if (milestones.length)
        await tx.insert(deliveryMilestones).values(
          milestones.map((m, i) => ({
            deliveryId: id,
            position: i + 1,
            title: m.title,
            dueOn: m.dueOn,
            description: m.description,
          })),
        );
      const lines = await tx
        .select()
        .from(proposalBudgetLines)
        .where(eq(proposalBudgetLines.proposalId, row.id))
        .orderBy(asc(proposalBudgetLines.position));
      if (lines.length)
        await tx.insert(deliveryBudgetLines).values(
          lines.map((l, i) => ({
            deliveryId: id,
            position: i + 1,
            item: l.item,
            quantity: l.quantity,
            unit: l.unit,
            unitPriceFen: l.unitPriceFen,
            note: l.note,
          })),
        );
      await appendAudit(tx, actor, {
        action: "delivery.create",
        subjectType: "delivery",
        subjectId: id,
        payload: { competitionId, proposalId: row.id, runId, grants: amounts },
      });
    } else {
      await regrant(tx, actor, delivery.id, runId, amounts, fundRows);
    }
  }
  // Projects funded before and not by this run.
  for (const d of existing) {
    if (funded.has(d.proposalId)) continue;
    await regrant(tx, actor, d.id, runId, [], fundRows);
    const [paid] = await tx
      .select({ paid: sql<number>`coalesce(sum(${deliveryGrants.paidFen}), 0)::bigint` })
      .from(deliveryGrants)
      .where(eq(deliveryGrants.deliveryId, d.id));
    if (Number(paid?.paid ?? 0) === 0 && d.status !== "terminated" && d.status !== "done") {
      const reason = "公示结果已更新,本项目不再获得资助 / No longer funded by the published result";
      await tx
        .update(deliveries)
        .set({ status: "terminated", terminatedReason: reason, updatedAt: new Date() })
        .where(eq(deliveries.id, d.id));
      await appendAudit(tx, actor, {
        action: "delivery.terminate",
        subjectType: "delivery",
        subjectId: d.id,
        payload: { from: d.status, reason, runId },
      });
    }
  }
}

/** Moves a delivery's grants to a new run's amounts; refused below what is already paid. */
async function regrant(
  tx: Tx,
  actor: Actor,
  deliveryId: number,
  runId: number,
  amounts: Array<{ fundId: number; grantedFen: number }>,
  fundRows: Array<{ id: number }>,
) {
  const current = await tx
    .select()
    .from(deliveryGrants)
    .where(eq(deliveryGrants.deliveryId, deliveryId));
  const changes = [];
  for (const f of fundRows) {
    const now = current.find((g) => g.fundId === f.id);
    const to = amounts.find((a) => a.fundId === f.id)?.grantedFen ?? 0;
    if ((now?.grantedFen ?? 0) === to) continue;
    if (now && now.paidFen > to) throw new GrantBelowPaidError(deliveryId);
    if (now)
      await tx
        .update(deliveryGrants)
        .set({ grantedFen: to })
        .where(and(eq(deliveryGrants.deliveryId, deliveryId), eq(deliveryGrants.fundId, f.id)));
    else await tx.insert(deliveryGrants).values({ deliveryId, fundId: f.id, grantedFen: to });
    changes.push({ fundId: f.id, from: now?.grantedFen ?? 0, to });
  }
  await tx
    .update(deliveries)
    .set({ runId, updatedAt: new Date() })
    .where(eq(deliveries.id, deliveryId));
  if (changes.length)
    await appendAudit(tx, actor, {
      action: "delivery.regrant",
      subjectType: "delivery",
      subjectId: deliveryId,
      payload: { runId, changes },
    });
}

/** A new published result would grant a project less than it has already been paid. */
export class GrantBelowPaidError extends Error {
  constructor(public deliveryId: number) {
    super(`grant below paid: delivery ${deliveryId}`);
  }
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────

/**
 * Deliveries with their project, community and competition: the columns every read of a delivery
 * starts with, and `extra` beside them.
 */
function selectDeliveries<T extends SelectedFields>(db: DbOrTx, extra: T) {
  return db
    .select({
      id: deliveries.id,
      proposalId: deliveries.proposalId,
      competitionId: deliveries.competitionId,
      competitionTitle: competitions.title,
      competitionSlug: competitions.slug,
      title: proposals.title,
      communityId: proposals.communityId,
      communityName: communities.name,
      status: deliveries.status,
      atRisk: deliveries.atRisk,
      flagNote: deliveries.flagNote,
      ...extra,
    })
    .from(deliveries)
    .innerJoin(proposals, eq(proposals.id, deliveries.proposalId))
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .innerJoin(competitions, eq(competitions.id, deliveries.competitionId));
}

interface DeliveryFilter {
  competitionId?: number;
  communityId?: number;
  /** Only these projects' deliveries (a brand's history). */
  proposalIds?: readonly number[];
}

/** Deliveries with their money and milestone counts, for the lists. */
export async function listDeliveries(db: DbOrTx, filter: DeliveryFilter = {}) {
  const rows = await selectDeliveries(db, {
    grantedFen: sql<number>`(select coalesce(sum(${deliveryGrants.grantedFen}), 0) from ${deliveryGrants} where ${deliveryGrants.deliveryId} = ${deliveries.id})::bigint`,
    paidFen: sql<number>`(select coalesce(sum(${deliveryGrants.paidFen}), 0) from ${deliveryGrants} where ${deliveryGrants.deliveryId} = ${deliveries.id})::bigint`,
    spentFen: sql<number>`(select coalesce(sum(${deliverySpending.amountFen}), 0) from ${deliverySpending} where ${deliverySpending.deliveryId} = ${deliveries.id})::bigint`,
    milestones: sql<number>`(select count(*) from ${deliveryMilestones} where ${deliveryMilestones.deliveryId} = ${deliveries.id})::int`,
    milestonesDone: sql<number>`(select count(*) from ${deliveryMilestones} where ${deliveryMilestones.deliveryId} = ${deliveries.id} and ${deliveryMilestones.doneOn} is not null)::int`,
    lastUpdateOn: sql<
      string | null
    >`(select max(${deliveryUpdates.happenedOn})::text from ${deliveryUpdates} where ${deliveryUpdates.deliveryId} = ${deliveries.id})`,
  })
    .where(
      and(
        filter.competitionId ? eq(deliveries.competitionId, filter.competitionId) : undefined,
        filter.communityId ? eq(proposals.communityId, filter.communityId) : undefined,
        filter.proposalIds ? inArray(deliveries.proposalId, [...filter.proposalIds]) : undefined,
      ),
    )
    .orderBy(desc(competitions.id), asc(communities.sortOrder), asc(deliveries.id));
  return rows.map((r) => ({
    ...r,
    grantedFen: Number(r.grantedFen),
    paidFen: Number(r.paidFen),
    spentFen: Number(r.spentFen),
  }));
}

export type DeliveryListRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/**
 * One delivery in full. `withReceipts` (staff) adds the receipt files of the spending; the
 * public page reads it without.
 */
export async function getDelivery(db: DbOrTx, id: number, opts: { withReceipts?: boolean } = {}) {
  const [head] = await selectDeliveries(db, {
    terminatedReason: deliveries.terminatedReason,
    doneAt: deliveries.doneAt,
    createdAt: deliveries.createdAt,
  }).where(eq(deliveries.id, id));
  if (!head) return null;
  const [grants, milestones, lineRows, updates, disbursements, spending, files] = await Promise.all(
    [
      db
        .select({
          fundId: deliveryGrants.fundId,
          fundName: funds.name,
          kind: funds.kind,
          grantedFen: deliveryGrants.grantedFen,
          paidFen: deliveryGrants.paidFen,
        })
        .from(deliveryGrants)
        .innerJoin(funds, eq(funds.id, deliveryGrants.fundId))
        .where(eq(deliveryGrants.deliveryId, id))
        .orderBy(asc(funds.kind)),
      db
        .select()
        .from(deliveryMilestones)
        .where(eq(deliveryMilestones.deliveryId, id))
        .orderBy(asc(deliveryMilestones.position)),
      db
        .select()
        .from(deliveryBudgetLines)
        .where(eq(deliveryBudgetLines.deliveryId, id))
        .orderBy(asc(deliveryBudgetLines.position)),
      db
        .select({
          id: deliveryUpdates.id,
          body: deliveryUpdates.body,
          happenedOn: deliveryUpdates.happenedOn,
          createdAt: deliveryUpdates.createdAt,
        })
        .from(deliveryUpdates)
        .where(eq(deliveryUpdates.deliveryId, id))
        .orderBy(desc(deliveryUpdates.happenedOn), desc(deliveryUpdates.id)),
      db
        .select({
          id: deliveryDisbursements.id,
          fundId: deliveryDisbursements.fundId,
          amountFen: deliveryDisbursements.amountFen,
          paidOn: deliveryDisbursements.paidOn,
          note: deliveryDisbursements.note,
        })
        .from(deliveryDisbursements)
        .where(eq(deliveryDisbursements.deliveryId, id))
        .orderBy(asc(deliveryDisbursements.paidOn), asc(deliveryDisbursements.id)),
      db
        .select({
          id: deliverySpending.id,
          budgetLineId: deliverySpending.budgetLineId,
          amountFen: deliverySpending.amountFen,
          spentOn: deliverySpending.spentOn,
          description: deliverySpending.description,
        })
        .from(deliverySpending)
        .where(eq(deliverySpending.deliveryId, id))
        .orderBy(asc(deliverySpending.spentOn), asc(deliverySpending.id)),
      db
        .select({
          id: deliveryFiles.id,
          kind: deliveryFiles.kind,
          updateId: deliveryFiles.updateId,
          spendingId: deliveryFiles.spendingId,
          sha256: deliveryFiles.sha256,
          mime: deliveryFiles.mime,
          name: deliveryFiles.name,
        })
        .from(deliveryFiles)
        .where(
          and(
            eq(deliveryFiles.deliveryId, id),
            opts.withReceipts ? undefined : eq(deliveryFiles.kind, "photo"),
          ),
        )
        .orderBy(asc(deliveryFiles.id)),
    ],
  );
  const budget = lineRows.map((l) => ({
    id: l.id,
    item: l.item,
    quantity: l.quantity,
    unit: l.unit,
    unitPriceFen: l.unitPriceFen,
    note: l.note,
    budgetFen: lineTotalFen(quantityFromDecimal(l.quantity), l.unitPriceFen),
  }));
  const spent = new Map(spentByLine(budget, spending).map((l) => [l.id, l.spentFen]));
  return {
    ...head,
    grants,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      description: m.description,
      doneOn: m.doneOn,
    })),
    budgetLines: budget.map((l) => ({ ...l, spentFen: spent.get(l.id) ?? 0 })),
    updates: updates.map((u) => ({
      ...u,
      photos: files.filter((f) => f.kind === "photo" && f.updateId === u.id),
    })),
    disbursements,
    spending: spending.map((s) => ({
      ...s,
      receipts: opts.withReceipts
        ? files.filter((f) => f.kind === "receipt" && f.spendingId === s.id)
        : [],
    })),
  };
}

export type DeliveryDetail = NonNullable<Awaited<ReturnType<typeof getDelivery>>>;

/** The delivery of a proposal, if it was funded (for the public project page). */
export async function deliveryIdOfProposal(db: DbOrTx, proposalId: number) {
  const [row] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(eq(deliveries.proposalId, proposalId));
  return row?.id ?? null;
}

/** Delivery files with this hash and who may see them (for the files route). */
export async function deliveryFileOwners(db: DbOrTx, sha256: string) {
  return db
    .select({
      kind: deliveryFiles.kind,
      mime: deliveryFiles.mime,
      name: deliveryFiles.name,
      communityId: proposals.communityId,
    })
    .from(deliveryFiles)
    .innerJoin(deliveries, eq(deliveries.id, deliveryFiles.deliveryId))
    .innerJoin(proposals, eq(proposals.id, deliveries.proposalId))
    .where(eq(deliveryFiles.sha256, sha256));
}

// ── Changes ─────────────────────────────────────────────────────────────────────────────

/** Locks the delivery's row, checks the action against the rules, returns the row. */
async function lockFor(tx: Tx, id: number, action: DeliveryAction, user: DeliveryUser) {
  const [row] = await tx
    .select({
      id: deliveries.id,
      status: deliveries.status,
      atRisk: deliveries.atRisk,
      communityId: proposals.communityId,
      proposalId: deliveries.proposalId,
    })
    .from(deliveries)
    .innerJoin(proposals, eq(proposals.id, deliveries.proposalId))
    .where(eq(deliveries.id, id))
    .for("update", { of: deliveries });
  if (!row) throw new DeliveryError("notFound");
  const check = checkDeliveryAction(action, user, row);
  if (!check.ok) throw new DeliveryError(check.refusal);
  return row;
}

/** Moves the status on after the community's work (未开始 → 进行中), audited with the action. */
async function advance(
  tx: Tx,
  row: { id: number; status: DeliveryStatus },
  action: DeliveryAction,
  extra: Partial<typeof deliveries.$inferInsert> = {},
) {
  const to = nextStatus(row.status, action);
  await tx
    .update(deliveries)
    .set({ status: to, updatedAt: new Date(), ...extra })
    .where(eq(deliveries.id, row.id));
  return to;
}

async function addFiles(
  tx: Tx,
  deliveryId: number,
  kind: DeliveryFileKind,
  owner: { updateId?: number; spendingId?: number },
  files: StoredFile[],
) {
  if (files.length)
    await tx.insert(deliveryFiles).values(files.map((f) => ({ deliveryId, kind, ...owner, ...f })));
}

interface UpdateInput {
  body: string;
  happenedOn: string;
  photos: StoredFile[];
}

export async function postUpdate(db: Db, user: DeliveryUser, id: number, input: UpdateInput) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, "postUpdate", user);
    const [u] = await tx
      .insert(deliveryUpdates)
      .values({
        deliveryId: id,
        body: input.body,
        happenedOn: input.happenedOn,
        createdBy: user.id,
      })
      .returning({ id: deliveryUpdates.id });
    await addFiles(tx, id, "photo", { updateId: u!.id }, input.photos);
    const to = await advance(tx, row, "postUpdate");
    await appendAudit(tx, actorOf(user), {
      action: "delivery.update",
      subjectType: "delivery",
      subjectId: id,
      payload: {
        updateId: u!.id,
        happenedOn: input.happenedOn,
        body: input.body,
        photos: input.photos.map((p) => p.sha256),
        ...(to !== row.status ? { from: row.status, to } : {}),
      },
    });
    return u!.id;
  });
}

/** Marks a milestone done on a day, or not done (null). */
export async function setMilestoneDone(
  db: Db,
  user: DeliveryUser,
  id: number,
  milestoneId: number,
  doneOn: string | null,
) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, "markMilestone", user);
    const [m] = await tx
      .update(deliveryMilestones)
      .set({ doneOn })
      .where(and(eq(deliveryMilestones.id, milestoneId), eq(deliveryMilestones.deliveryId, id)))
      .returning({ title: deliveryMilestones.title });
    if (!m) throw new DeliveryError("notFound");
    const to = await advance(tx, row, "markMilestone");
    await appendAudit(tx, actorOf(user), {
      action: doneOn ? "delivery.milestone" : "delivery.milestoneUndo",
      subjectType: "delivery",
      subjectId: id,
      payload: {
        milestoneId,
        title: m.title,
        doneOn,
        ...(to !== row.status ? { from: row.status, to } : {}),
      },
    });
  });
}

interface SpendingInput {
  budgetLineId: number;
  amountFen: number;
  spentOn: string;
  description: string;
  receipts: StoredFile[];
}

export async function recordSpending(db: Db, user: DeliveryUser, id: number, input: SpendingInput) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, "recordSpending", user);
    const [line] = await tx
      .select()
      .from(deliveryBudgetLines)
      .where(
        and(eq(deliveryBudgetLines.id, input.budgetLineId), eq(deliveryBudgetLines.deliveryId, id)),
      );
    if (!line) throw new DeliveryError("notFound");
    const [spent] = await tx
      .select({ total: sql<number>`coalesce(sum(${deliverySpending.amountFen}), 0)::bigint` })
      .from(deliverySpending)
      .where(eq(deliverySpending.budgetLineId, line.id));
    const check = checkSpending(
      {
        budgetFen: lineTotalFen(quantityFromDecimal(line.quantity), line.unitPriceFen),
        spentFen: Number(spent?.total ?? 0),
      },
      input.amountFen,
    );
    if (!check.ok)
      throw new DeliveryError(
        check.refusal,
        lineTotalFen(quantityFromDecimal(line.quantity), line.unitPriceFen) -
          Number(spent?.total ?? 0),
      );
    const [s] = await tx
      .insert(deliverySpending)
      .values({
        deliveryId: id,
        budgetLineId: line.id,
        amountFen: input.amountFen,
        spentOn: input.spentOn,
        description: input.description,
        createdBy: user.id,
      })
      .returning({ id: deliverySpending.id });
    await addFiles(tx, id, "receipt", { spendingId: s!.id }, input.receipts);
    const to = await advance(tx, row, "recordSpending");
    await appendAudit(tx, actorOf(user), {
      action: "delivery.spend",
      subjectType: "delivery",
      subjectId: id,
      payload: {
        spendingId: s!.id,
        budgetLineId: line.id,
        item: line.item,
        amountFen: input.amountFen,
        spentOn: input.spentOn,
        description: input.description,
        receipts: input.receipts.map((r) => r.sha256),
        ...(to !== row.status ? { from: row.status, to } : {}),
      },
    });
    return s!.id;
  });
}

interface TrancheInput {
  fundId: number;
  amountFen: number;
  paidOn: string;
  note: string;
}

/** Pays a tranche from one fund: refused (overGrant) when it would pass the grant. */
export async function disburse(db: Db, user: DeliveryUser, id: number, input: TrancheInput) {
  return db.transaction(async (tx) => {
    await lockFor(tx, id, "disburse", user);
    const [grant] = await tx
      .select()
      .from(deliveryGrants)
      .where(and(eq(deliveryGrants.deliveryId, id), eq(deliveryGrants.fundId, input.fundId)))
      .for("update");
    if (!grant) throw new DeliveryError("notFound");
    const check = checkTranche(grant, input.amountFen);
    if (!check.ok) throw new DeliveryError(check.refusal, grant.grantedFen - grant.paidFen);
    // The conditional update is the guarantee (with the CHECK), the lock the ordering.
    const [moved] = await tx
      .update(deliveryGrants)
      .set({ paidFen: sql`${deliveryGrants.paidFen} + ${input.amountFen}` })
      .where(
        and(
          eq(deliveryGrants.deliveryId, id),
          eq(deliveryGrants.fundId, input.fundId),
          sql`${deliveryGrants.paidFen} + ${input.amountFen} <= ${deliveryGrants.grantedFen}`,
        ),
      )
      .returning({ paidFen: deliveryGrants.paidFen });
    if (!moved) throw new DeliveryError("overGrant", grant.grantedFen - grant.paidFen);
    const [d] = await tx
      .insert(deliveryDisbursements)
      .values({
        deliveryId: id,
        fundId: input.fundId,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        note: input.note,
        createdBy: user.id,
      })
      .returning({ id: deliveryDisbursements.id });
    await tx.update(deliveries).set({ updatedAt: new Date() }).where(eq(deliveries.id, id));
    await appendAudit(tx, actorOf(user), {
      action: "delivery.disburse",
      subjectType: "delivery",
      subjectId: id,
      payload: {
        disbursementId: d!.id,
        fundId: input.fundId,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        note: input.note,
        paidFen: moved.paidFen,
        grantedFen: grant.grantedFen,
      },
    });
    return { id: d!.id, paidFen: moved.paidFen, grantedFen: grant.grantedFen };
  });
}

type Flag = "late" | "unlate" | "risk" | "unrisk";

/** The street's flags: 逾期 (a status) and 有风险 (beside the status), with a note. */
export async function flagDelivery(
  db: Db,
  user: DeliveryUser,
  id: number,
  flag: Flag,
  note: string,
) {
  const action: DeliveryAction =
    flag === "late" ? "flagLate" : flag === "unlate" ? "unflagLate" : "flagRisk";
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, action, user);
    const atRisk = flag === "risk" ? true : flag === "unrisk" ? false : row.atRisk;
    const to = await advance(tx, row, action, { atRisk, flagNote: note });
    await appendAudit(tx, actorOf(user), {
      action: `delivery.flag`,
      subjectType: "delivery",
      subjectId: id,
      payload: { flag, note, from: row.status, to, atRisk },
    });
  });
}

export async function terminateDelivery(db: Db, user: DeliveryUser, id: number, reason: string) {
  if (!reason.trim()) throw new DeliveryError("reasonRequired");
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, "terminate", user);
    await advance(tx, row, "terminate", { terminatedReason: reason.trim() });
    await appendAudit(tx, actorOf(user), {
      action: "delivery.terminate",
      subjectType: "delivery",
      subjectId: id,
      payload: { from: row.status, reason: reason.trim() },
    });
  });
}

/** Marks the project done (已完成); the needs its proposal answers become resolved. */
export async function markDone(db: Db, user: DeliveryUser, id: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await lockFor(tx, id, "markDone", user);
    await advance(tx, row, "markDone", { doneAt: now, atRisk: false });
    const linked = await tx
      .select({ needId: proposalNeeds.needId })
      .from(proposalNeeds)
      .where(eq(proposalNeeds.proposalId, row.proposalId));
    const needIds = linked.map((l) => l.needId);
    if (needIds.length)
      await tx
        .update(needs)
        .set({ status: "resolved", updatedAt: now })
        .where(inArray(needs.id, needIds));
    await appendAudit(tx, actorOf(user), {
      action: "delivery.done",
      subjectType: "delivery",
      subjectId: id,
      payload: { from: row.status, proposalId: row.proposalId, resolvedNeeds: needIds },
    });
  });
}
