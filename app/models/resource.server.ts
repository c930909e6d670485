/**
 * 资源清单: partner units (共建单位), what they offer, and the claims (认领) and matches (对接)
 * that put an offer to a resident need, optionally as support of a proposal. Who may do what is
 * decided by app/domain/resources.ts; every change is audited in its transaction. A unit's
 * contact is private: it is read only through `getUnit(…, { withContact: true })` and never
 * written into the audit log (observers read the log).
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import {
  communities,
  needs,
  partnerUnits,
  proposals,
  resourceClaims,
  resourceOfferCommunities,
  resourceOffers,
  streets,
  users,
} from "../../db/schema";
import type {
  ClaimStatus,
  OfferStatus,
  PartnerUnitType,
  ResourceCategory,
  Role,
  SupportKind,
} from "../domain/enums";
import {
  claimKindFor,
  claimRefusal,
  mayDecide,
  mayWithdraw,
  type ClaimRefusal,
  type ResourceActor,
} from "../domain/resources";
import { appendAudit } from "./audit.server";
import { actorOf } from "./user.server";

/** The signed-in user acting on resources. */
export type ResourceUser = ResourceActor & { id: number; username: string; role: Role };

type ResourceErrorCode =
  ClaimRefusal | "notFound" | "duplicate" | "proposalMismatch" | "withdrawn" | "nameTaken";

/** A refusal the page shows as a message (`resources.errors.<code>`). */
export class ResourceError extends Error {
  constructor(readonly code: ResourceErrorCode) {
    super(code);
  }
}

// ── Units ──────────────────────────────────────────────────────────────────────────────

interface UnitInput {
  name: string;
  type: PartnerUnitType;
  description: string;
  contactName: string;
  contactPhone: string;
  active: boolean;
}

const unitPublic = {
  id: partnerUnits.id,
  name: partnerUnits.name,
  type: partnerUnits.type,
  description: partnerUnits.description,
  active: partnerUnits.active,
};

export async function listUnits(db: DbOrTx) {
  const offerCount = sql<number>`(select count(*)::int from ${resourceOffers} where ${resourceOffers.unitId} = ${partnerUnits.id})`;
  const loginCount = sql<number>`(select count(*)::int from ${users} where ${users.partnerUnitId} = ${partnerUnits.id})`;
  return db
    .select({ ...unitPublic, offerCount, loginCount })
    .from(partnerUnits)
    .orderBy(desc(partnerUnits.active), asc(partnerUnits.id));
}

/** One unit; its contact only when asked (the caller checked `maySeeContact`). */
export async function getUnit(
  db: DbOrTx,
  id: number,
  options: { withContact: true },
): Promise<(UnitInput & { id: number }) | null>;
export async function getUnit(
  db: DbOrTx,
  id: number,
  options?: { withContact?: false },
): Promise<(Omit<UnitInput, "contactName" | "contactPhone"> & { id: number }) | null>;
export async function getUnit(db: DbOrTx, id: number, options: { withContact?: boolean } = {}) {
  const columns = options.withContact
    ? {
        ...unitPublic,
        contactName: partnerUnits.contactName,
        contactPhone: partnerUnits.contactPhone,
      }
    : unitPublic;
  const [row] = await db.select(columns).from(partnerUnits).where(eq(partnerUnits.id, id));
  return row ?? null;
}

export async function unitLogins(db: DbOrTx, unitId: number) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      active: users.active,
    })
    .from(users)
    .where(eq(users.partnerUnitId, unitId))
    .orderBy(asc(users.id));
}

/** What the audit keeps of a unit: never its contact, only whether it changed. */
function unitAuditFields(input: UnitInput) {
  return { name: input.name, type: input.type, active: input.active };
}

export async function createUnit(db: Db, user: ResourceUser, input: UnitInput) {
  return db.transaction(async (tx) => {
    const [street] = await tx.select({ id: streets.id }).from(streets).orderBy(asc(streets.id));
    if (!street) throw new ResourceError("notFound");
    const [row] = await tx
      .insert(partnerUnits)
      .values({ ...input, streetId: street.id })
      .onConflictDoNothing()
      .returning({ id: partnerUnits.id });
    if (!row) throw new ResourceError("nameTaken");
    await appendAudit(tx, actorOf(user), {
      action: "partner.create",
      subjectType: "partner_unit",
      subjectId: row.id,
      payload: unitAuditFields(input),
    });
    return row.id;
  });
}

export async function updateUnit(db: Db, user: ResourceUser, id: number, input: UnitInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(partnerUnits)
      .where(eq(partnerUnits.id, id))
      .for("update");
    if (!before) throw new ResourceError("notFound");
    const [clash] = await tx
      .select({ id: partnerUnits.id })
      .from(partnerUnits)
      .where(
        and(
          eq(partnerUnits.streetId, before.streetId),
          eq(partnerUnits.name, input.name),
          ne(partnerUnits.id, id),
        ),
      );
    if (clash) throw new ResourceError("nameTaken");
    await tx
      .update(partnerUnits)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(partnerUnits.id, id));
    await appendAudit(tx, actorOf(user), {
      action: "partner.update",
      subjectType: "partner_unit",
      subjectId: id,
      payload: {
        before: unitAuditFields(before),
        after: unitAuditFields(input),
        contactChanged:
          before.contactName !== input.contactName || before.contactPhone !== input.contactPhone,
      },
    });
  });
}

// ── Offers ─────────────────────────────────────────────────────────────────────────────

export interface OfferInput {
  category: ResourceCategory;
  title: string;
  description: string;
  capacity: string;
  status: OfferStatus;
  communityIds: number[];
}

interface OfferFilter {
  unitId?: number;
  status?: OfferStatus;
  /** Only offers of active units. */
  activeUnits?: boolean;
  ids?: number[];
}

/** Offers with their unit's public name and their service area (never a contact). */
export async function listOffers(db: DbOrTx, filter: OfferFilter = {}) {
  const where: SQL[] = [];
  if (filter.unitId) where.push(eq(resourceOffers.unitId, filter.unitId));
  if (filter.status) where.push(eq(resourceOffers.status, filter.status));
  if (filter.activeUnits) where.push(eq(partnerUnits.active, true));
  if (filter.ids)
    where.push(filter.ids.length ? inArray(resourceOffers.id, filter.ids) : sql`false`);
  const rows = await db
    .select({
      id: resourceOffers.id,
      unitId: resourceOffers.unitId,
      unitName: partnerUnits.name,
      unitType: partnerUnits.type,
      unitActive: partnerUnits.active,
      category: resourceOffers.category,
      title: resourceOffers.title,
      description: resourceOffers.description,
      capacity: resourceOffers.capacity,
      status: resourceOffers.status,
      updatedAt: resourceOffers.updatedAt,
    })
    .from(resourceOffers)
    .innerJoin(partnerUnits, eq(partnerUnits.id, resourceOffers.unitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(resourceOffers.unitId), asc(resourceOffers.id));
  const areas = rows.length
    ? await db
        .select({
          offerId: resourceOfferCommunities.offerId,
          communityId: communities.id,
          name: communities.name,
        })
        .from(resourceOfferCommunities)
        .innerJoin(communities, eq(communities.id, resourceOfferCommunities.communityId))
        .where(
          inArray(
            resourceOfferCommunities.offerId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(communities.sortOrder))
    : [];
  return rows.map((r) => {
    const mine = areas.filter((a) => a.offerId === r.id);
    return {
      ...r,
      communityIds: mine.map((a) => a.communityId),
      communityNames: mine.map((a) => a.name),
    };
  });
}

export async function getOffer(db: DbOrTx, id: number) {
  const [row] = await listOffers(db, { ids: [id] });
  return row ?? null;
}

function offerAuditFields(input: OfferInput) {
  return {
    category: input.category,
    title: input.title,
    capacity: input.capacity,
    status: input.status,
    communityIds: [...input.communityIds].sort((a, b) => a - b),
  };
}

/** Creates an offer of `unitId`: the unit itself, or the street on its behalf. */
export async function createOffer(db: Db, user: ResourceUser, unitId: number, input: OfferInput) {
  mayEditOffersOf(user, unitId);
  const { communityIds, ...fields } = input;
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: partnerUnits.id })
      .from(partnerUnits)
      .where(eq(partnerUnits.id, unitId));
    if (!unit) throw new ResourceError("notFound");
    const [row] = await tx
      .insert(resourceOffers)
      .values({ ...fields, unitId })
      .returning({ id: resourceOffers.id });
    if (communityIds.length)
      await tx
        .insert(resourceOfferCommunities)
        .values(communityIds.map((communityId) => ({ offerId: row!.id, communityId })));
    await appendAudit(tx, actorOf(user), {
      action: "offer.create",
      subjectType: "offer",
      subjectId: row!.id,
      payload: { unitId, ...offerAuditFields(input) },
    });
    return row!.id;
  });
}

/** Changes an offer; refused unless it is an offer of `user`'s own unit (or the street's). */
export async function updateOffer(db: Db, user: ResourceUser, offerId: number, input: OfferInput) {
  const { communityIds, ...fields } = input;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(resourceOffers)
      .where(eq(resourceOffers.id, offerId))
      .for("update");
    if (!before) throw new ResourceError("notFound");
    mayEditOffersOf(user, before.unitId);
    const area = await tx
      .select({ communityId: resourceOfferCommunities.communityId })
      .from(resourceOfferCommunities)
      .where(eq(resourceOfferCommunities.offerId, offerId));
    await tx
      .update(resourceOffers)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(resourceOffers.id, offerId));
    await tx.delete(resourceOfferCommunities).where(eq(resourceOfferCommunities.offerId, offerId));
    if (communityIds.length)
      await tx
        .insert(resourceOfferCommunities)
        .values(communityIds.map((communityId) => ({ offerId, communityId })));
    await appendAudit(tx, actorOf(user), {
      action: "offer.update",
      subjectType: "offer",
      subjectId: offerId,
      payload: {
        unitId: before.unitId,
        before: offerAuditFields({ ...before, communityIds: area.map((a) => a.communityId) }),
        after: offerAuditFields(input),
      },
    });
  });
}

/** The street edits any unit's offers; a partner only its own unit's (a thrown refusal). */
function mayEditOffersOf(user: ResourceUser, unitId: number) {
  if (user.role === "street_admin") return;
  if (user.role === "partner" && user.partnerUnitId === unitId) return;
  throw new ResourceError("notYourOffer");
}

// ── Claims and matches ─────────────────────────────────────────────────────────────────

interface ClaimInput {
  offerId: number;
  needId: number;
  valueFen: number;
  supportKind: SupportKind;
  note: string;
  /** Only the need's secretary or the street link a proposal. */
  proposalId?: number | null;
}

async function checkProposal(tx: DbOrTx, proposalId: number, needCommunityId: number) {
  const [p] = await tx
    .select({ communityId: proposals.communityId, status: proposals.status })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  if (!p || p.communityId !== needCommunityId || ["withdrawn", "rejected"].includes(p.status))
    throw new ResourceError("proposalMismatch");
}

/**
 * A unit's claim (认领, proposed until the community confirms it) or a secretary's or the
 * street's match (对接, confirmed as it is made). One live claim per offer and need.
 */
export async function createClaim(db: Db, user: ResourceUser, input: ClaimInput) {
  const kind = claimKindFor(user.role);
  return db.transaction(async (tx) => {
    const [offer] = await tx
      .select({
        unitId: resourceOffers.unitId,
        status: resourceOffers.status,
        unitActive: partnerUnits.active,
      })
      .from(resourceOffers)
      .innerJoin(partnerUnits, eq(partnerUnits.id, resourceOffers.unitId))
      .where(eq(resourceOffers.id, input.offerId))
      .for("share", { of: resourceOffers });
    const [need] = await tx
      .select({ communityId: needs.communityId, status: needs.status })
      .from(needs)
      .where(eq(needs.id, input.needId));
    if (!offer || !need) throw new ResourceError("notFound");
    const area = await tx
      .select({ communityId: resourceOfferCommunities.communityId })
      .from(resourceOfferCommunities)
      .where(eq(resourceOfferCommunities.offerId, input.offerId));
    const refusal = claimRefusal(
      user,
      { ...offer, communityIds: area.map((a) => a.communityId) },
      need,
    );
    if (refusal) throw new ResourceError(refusal);
    const proposalId = kind === "match" ? (input.proposalId ?? null) : null;
    if (proposalId) await checkProposal(tx, proposalId, need.communityId);
    const now = new Date();
    const [row] = await tx
      .insert(resourceClaims)
      .values({
        offerId: input.offerId,
        unitId: offer.unitId,
        needId: input.needId,
        proposalId,
        kind,
        supportKind: input.supportKind,
        valueFen: input.valueFen,
        note: input.note,
        status: kind === "match" ? "confirmed" : "proposed",
        createdBy: user.id,
        confirmedBy: kind === "match" ? user.id : null,
        confirmedAt: kind === "match" ? now : null,
      })
      // The live (offer, need) pair is unique: a second claim is refused, also when two land at once.
      .onConflictDoNothing()
      .returning({ id: resourceClaims.id });
    if (!row) throw new ResourceError("duplicate");
    await appendAudit(tx, actorOf(user), {
      action: kind === "claim" ? "claim.claim" : "claim.match",
      subjectType: "claim",
      subjectId: row.id,
      payload: {
        offerId: input.offerId,
        unitId: offer.unitId,
        needId: input.needId,
        proposalId,
        supportKind: input.supportKind,
        valueFen: input.valueFen,
      },
    });
    return row.id;
  });
}

async function lockClaim(tx: DbOrTx, claimId: number) {
  const [claim] = await tx
    .select({
      id: resourceClaims.id,
      unitId: resourceClaims.unitId,
      status: resourceClaims.status,
      proposalId: resourceClaims.proposalId,
      needId: resourceClaims.needId,
      needCommunityId: needs.communityId,
    })
    .from(resourceClaims)
    .innerJoin(needs, eq(needs.id, resourceClaims.needId))
    .where(eq(resourceClaims.id, claimId))
    .for("update", { of: resourceClaims });
  if (!claim) throw new ResourceError("notFound");
  return claim;
}

/**
 * The need's secretary (or the street) confirms a claim and may link it to a proposal of the
 * need's community (`proposalId` undefined: keep the link; null: remove it).
 */
export async function decideClaim(
  db: Db,
  user: ResourceUser,
  claimId: number,
  change: { confirm: boolean; proposalId?: number | null },
) {
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (!mayDecide(user, claim.needCommunityId)) throw new ResourceError("notYourCommunity");
    if (claim.status === "withdrawn") throw new ResourceError("withdrawn");
    const proposalId = change.proposalId === undefined ? claim.proposalId : change.proposalId;
    if (proposalId && proposalId !== claim.proposalId)
      await checkProposal(tx, proposalId, claim.needCommunityId);
    const confirming = change.confirm && claim.status === "proposed";
    await tx
      .update(resourceClaims)
      .set({
        proposalId,
        updatedAt: new Date(),
        ...(confirming
          ? { status: "confirmed" as const, confirmedBy: user.id, confirmedAt: new Date() }
          : {}),
      })
      .where(eq(resourceClaims.id, claimId));
    if (confirming)
      await appendAudit(tx, actorOf(user), {
        action: "claim.confirm",
        subjectType: "claim",
        subjectId: claimId,
        payload: { needId: claim.needId, unitId: claim.unitId },
      });
    if (proposalId !== claim.proposalId)
      await appendAudit(tx, actorOf(user), {
        action: "claim.link",
        subjectType: "claim",
        subjectId: claimId,
        payload: { before: claim.proposalId, after: proposalId },
      });
  });
}

/** The unit takes its claim back, or the community (or the street) declines it. */
export async function withdrawClaim(db: Db, user: ResourceUser, claimId: number) {
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (!mayWithdraw(user, claim)) throw new ResourceError("notYourOffer");
    if (claim.status === "withdrawn") throw new ResourceError("withdrawn");
    await tx
      .update(resourceClaims)
      .set({ status: "withdrawn", updatedAt: new Date() })
      .where(eq(resourceClaims.id, claimId));
    await appendAudit(tx, actorOf(user), {
      action: "claim.withdraw",
      subjectType: "claim",
      subjectId: claimId,
      payload: { needId: claim.needId, unitId: claim.unitId, was: claim.status },
    });
  });
}

interface ClaimFilter {
  communityId?: number;
  unitId?: number;
  proposalId?: number;
  status?: ClaimStatus[];
}

/** Claims with their unit's public name, offer, need and proposal (never a contact). */
export async function listClaims(db: DbOrTx, filter: ClaimFilter = {}) {
  const where: SQL[] = [];
  if (filter.communityId) where.push(eq(needs.communityId, filter.communityId));
  if (filter.unitId) where.push(eq(resourceClaims.unitId, filter.unitId));
  if (filter.proposalId) where.push(eq(resourceClaims.proposalId, filter.proposalId));
  if (filter.status) where.push(inArray(resourceClaims.status, filter.status));
  return db
    .select({
      id: resourceClaims.id,
      kind: resourceClaims.kind,
      status: resourceClaims.status,
      supportKind: resourceClaims.supportKind,
      valueFen: resourceClaims.valueFen,
      note: resourceClaims.note,
      createdAt: resourceClaims.createdAt,
      unitId: resourceClaims.unitId,
      unitName: partnerUnits.name,
      unitType: partnerUnits.type,
      offerId: resourceClaims.offerId,
      offerTitle: resourceOffers.title,
      category: resourceOffers.category,
      needId: resourceClaims.needId,
      needTitle: needs.title,
      needCommunityId: needs.communityId,
      communityName: communities.name,
      proposalId: resourceClaims.proposalId,
      proposalTitle: proposals.title,
    })
    .from(resourceClaims)
    .innerJoin(partnerUnits, eq(partnerUnits.id, resourceClaims.unitId))
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceClaims.offerId))
    .innerJoin(needs, eq(needs.id, resourceClaims.needId))
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .leftJoin(proposals, eq(proposals.id, resourceClaims.proposalId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(communities.sortOrder), asc(resourceClaims.needId), asc(resourceClaims.id));
}

/** The public chain of a proposal: need → resource (unit, offer, value) → this project. */
export async function proposalResources(db: DbOrTx, proposalId: number) {
  const rows = await listClaims(db, { proposalId, status: ["confirmed"] });
  return rows.map((r) => ({
    id: r.id,
    needTitle: r.needTitle,
    unitName: r.unitName,
    unitType: r.unitType,
    offerTitle: r.offerTitle,
    category: r.category,
    supportKind: r.supportKind,
    valueFen: r.valueFen,
  }));
}

/** Needs still open to resources (not resolved), of one community or all. */
export async function openNeeds(db: DbOrTx, filter: { communityIds?: number[] } = {}) {
  const where: SQL[] = [ne(needs.status, "resolved")];
  if (filter.communityIds)
    where.push(
      filter.communityIds.length ? inArray(needs.communityId, filter.communityIds) : sql`false`,
    );
  return db
    .select({
      id: needs.id,
      communityId: needs.communityId,
      community: communities.name,
      title: needs.title,
      description: needs.description,
      raisedCount: needs.raisedCount,
      status: needs.status,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(and(...where))
    .orderBy(asc(communities.sortOrder), desc(needs.raisedCount), asc(needs.id));
}

/** A unit's open offers and the open needs in their service area (what it may claim). */
export async function claimableNeeds(db: DbOrTx, unitId: number) {
  const offers = await listOffers(db, { unitId, status: "open" });
  const area = [...new Set(offers.flatMap((o) => o.communityIds))];
  return { offers, needs: await openNeeds(db, { communityIds: area }) };
}
