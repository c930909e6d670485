/**
 * 一社一品 brands on the database: the list, one brand with its honours, its history across
 * rounds (built from the published result, the deliveries and the 效果共评 scores the other
 * models already read: app/domain/brand.ts puts them together), and the street's edits, each
 * audited in the transaction that makes it.
 */
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { brandHonours, brands, communities, competitions, proposals } from "../../db/schema";
import {
  guessTheme,
  latestRating,
  resultOf,
  roundTotals,
  sortRounds,
  visibleRounds,
  type BrandProject,
  type BrandRound,
} from "../domain/brand";
import type { BrandTheme } from "../domain/enums";
import { appendAudit, type Actor } from "./audit.server";
import { listDeliveries } from "./delivery.server";
import { publishedScoresOf } from "./evaluation.server";
import { getPublishedResult } from "./results.server";

export type BrandRefusal = "notFound" | "notMature" | "honourNotFound";

export class BrandError extends Error {
  constructor(public code: BrandRefusal) {
    super(code);
  }
}

const brandColumns = {
  id: brands.id,
  communityId: brands.communityId,
  communityName: communities.name,
  name: brands.name,
  theme: brands.theme,
  tagline: brands.tagline,
  governancePath: brands.governancePath,
  story: brands.story,
  status: brands.status,
  maturedOn: brands.maturedOn,
  promotedTo: brands.promotedTo,
};

/** Brands in community order, each with how many projects and honours it has. */
export async function listBrands(db: DbOrTx, filter: { communityId?: number } = {}) {
  return db
    .select({
      ...brandColumns,
      projects: sql<number>`(select count(*) from ${proposals} where ${proposals.brandId} = ${brands.id} and ${proposals.status} = 'accepted')::int`,
      honours: sql<number>`(select count(*) from ${brandHonours} where ${brandHonours.brandId} = ${brands.id})::int`,
    })
    .from(brands)
    .innerJoin(communities, eq(communities.id, brands.communityId))
    .where(filter.communityId ? eq(brands.communityId, filter.communityId) : undefined)
    .orderBy(asc(communities.sortOrder), asc(brands.id));
}

export type BrandListRow = Awaited<ReturnType<typeof listBrands>>[number];

/** One brand with its community and honours (newest first); null when there is none. */
export async function getBrand(db: DbOrTx, id: number) {
  const [brand] = await db
    .select(brandColumns)
    .from(brands)
    .innerJoin(communities, eq(communities.id, brands.communityId))
    .where(eq(brands.id, id));
  if (!brand) return null;
  const honours = await db
    .select({
      id: brandHonours.id,
      title: brandHonours.title,
      awardedBy: brandHonours.awardedBy,
      year: brandHonours.year,
    })
    .from(brandHonours)
    .where(eq(brandHonours.brandId, id))
    .orderBy(desc(brandHonours.year), desc(brandHonours.id));
  return { ...brand, honours };
}

export type BrandDetail = NonNullable<Awaited<ReturnType<typeof getBrand>>>;

/**
 * A brand's history: one entry per round (contest) in which a project of the brand took part,
 * oldest first, with each project's published scores, money per fund, delivery and 效果共评
 * mean. `public`: only rounds with a published result and the projects it ranks (withdrawn,
 * rejected and unpublished ones stay out); otherwise (the street) every project but drafts.
 */
export async function brandHistory(
  db: DbOrTx,
  brandId: number,
  view: { public: boolean },
): Promise<BrandRound[]> {
  const rows = await db
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      status: proposals.status,
      competitionId: competitions.id,
      slug: competitions.slug,
      competitionTitle: competitions.title,
      year: competitions.year,
      round: competitions.round,
    })
    .from(proposals)
    .innerJoin(competitions, eq(competitions.id, proposals.competitionId))
    .where(
      and(
        eq(proposals.brandId, brandId),
        eq(competitions.kind, "contest"),
        view.public ? eq(proposals.status, "accepted") : ne(proposals.status, "draft"),
      ),
    )
    .orderBy(asc(competitions.id), asc(proposals.id));
  if (!rows.length) return [];
  const deliveries = new Map(
    (await listDeliveries(db, { proposalIds: rows.map((r) => r.proposalId) })).map((d) => [
      d.proposalId,
      d,
    ]),
  );
  const rounds: BrandRound[] = [];
  for (const competitionId of [...new Set(rows.map((r) => r.competitionId))]) {
    const mine = rows.filter((r) => r.competitionId === competitionId);
    const head = mine[0]!;
    const published = await getPublishedResult(db, competitionId);
    const funds = published
      ? published.output.funds.map((f) => ({ kind: f.kind, name: f.name }))
      : [];
    const projects: BrandProject[] = [];
    for (const r of mine) {
      const row = published?.output.rows.find((x) => x.id === r.proposalId);
      const d = published ? deliveries.get(r.proposalId) : undefined;
      projects.push({
        proposalId: r.proposalId,
        title: r.title,
        status: r.status,
        result: row ? resultOf(row, funds) : null,
        delivery: d
          ? {
              status: d.status,
              atRisk: d.atRisk,
              grantedFen: d.grantedFen,
              paidFen: d.paidFen,
              spentFen: d.spentFen,
            }
          : null,
        evaluation: latestRating(await publishedScoresOf(db, r.proposalId)),
      });
    }
    rounds.push({
      competitionId,
      slug: head.slug,
      title: head.competitionTitle,
      year: head.year,
      round: head.round,
      published: Boolean(published),
      funds,
      projects,
      totals: roundTotals(funds, projects),
    });
  }
  return visibleRounds(sortRounds(rounds), view);
}

/** The brands a community's projects may belong to (the proposal editor's choices). */
export async function communityBrands(db: DbOrTx, communityId: number) {
  return db
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(eq(brands.communityId, communityId))
    .orderBy(asc(brands.id));
}

/**
 * A community's brands, creating its first one from the community's brand as typed
 * (communities.brand_name, tagline, description) when it has none yet.
 */
export async function ensureCommunityBrands(db: DbOrTx, communityId: number) {
  const existing = await communityBrands(db, communityId);
  if (existing.length) return existing;
  const [c] = await db
    .select({
      name: communities.brandName,
      tagline: communities.brandTagline,
      story: communities.brandDescription,
    })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!c || !c.name.trim()) return existing;
  await brandIdFor(db, communityId, c.name, { tagline: c.tagline, story: c.story });
  return communityBrands(db, communityId);
}

/**
 * The id of a community's brand of this name, creating it (theme from the name) when it does
 * not exist; null for an empty name. A proposal's content links its brand through this.
 */
export async function brandIdFor(
  db: DbOrTx,
  communityId: number,
  name: string,
  extra: { tagline?: string; story?: string } = {},
) {
  const trimmed = name.trim();
  if (!trimmed) return null;
  await db
    .insert(brands)
    .values({ communityId, name: trimmed, theme: guessTheme(trimmed), ...extra })
    .onConflictDoNothing();
  const [row] = await db
    .select({ id: brands.id })
    .from(brands)
    .where(and(eq(brands.communityId, communityId), eq(brands.name, trimmed)));
  return row?.id ?? null;
}

// ── The street's edits ────────────────────────────────────────────────────────────────────

export interface BrandProfile {
  theme: BrandTheme;
  tagline: string;
  governancePath: string;
  story: string;
}

async function requireBrand(db: DbOrTx, id: number) {
  const [b] = await db
    .select({ id: brands.id, status: brands.status })
    .from(brands)
    .where(eq(brands.id, id))
    .for("update");
  if (!b) throw new BrandError("notFound");
  return b;
}

export async function updateBrand(db: Db, actor: Actor, id: number, input: BrandProfile) {
  await db.transaction(async (tx) => {
    await requireBrand(tx, id);
    await tx
      .update(brands)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(brands.id, id));
    await appendAudit(tx, actor, {
      action: "brand.update",
      subjectType: "brand",
      subjectId: id,
      payload: { ...input },
    });
  });
}

/** 成熟: the day it was judged mature and where it was promoted street-wide. */
export async function markMature(
  db: Db,
  actor: Actor,
  id: number,
  input: { maturedOn: string; promotedTo: string },
) {
  await db.transaction(async (tx) => {
    await requireBrand(tx, id);
    await tx
      .update(brands)
      .set({ status: "mature", ...input, updatedAt: new Date() })
      .where(eq(brands.id, id));
    await appendAudit(tx, actor, {
      action: "brand.mature",
      subjectType: "brand",
      subjectId: id,
      payload: { ...input },
    });
  });
}

/** Back to 培育中 (a mistake undone): the date and the promotion are cleared. */
export async function markGrowing(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const b = await requireBrand(tx, id);
    if (b.status !== "mature") throw new BrandError("notMature");
    await tx
      .update(brands)
      .set({ status: "growing", maturedOn: null, promotedTo: "", updatedAt: new Date() })
      .where(eq(brands.id, id));
    await appendAudit(tx, actor, {
      action: "brand.growing",
      subjectType: "brand",
      subjectId: id,
    });
  });
}

export async function addHonour(
  db: Db,
  actor: Actor,
  brandId: number,
  input: { title: string; awardedBy: string; year: number },
) {
  return db.transaction(async (tx) => {
    await requireBrand(tx, brandId);
    const [row] = await tx
      .insert(brandHonours)
      .values({ brandId, ...input })
      .returning({ id: brandHonours.id });
    await appendAudit(tx, actor, {
      action: "brand.honourAdd",
      subjectType: "brand",
      subjectId: brandId,
      payload: { honourId: row!.id, ...input },
    });
    return row!.id;
  });
}

export async function removeHonour(db: Db, actor: Actor, brandId: number, honourId: number) {
  await db.transaction(async (tx) => {
    await requireBrand(tx, brandId);
    const [gone] = await tx
      .delete(brandHonours)
      .where(and(eq(brandHonours.id, honourId), eq(brandHonours.brandId, brandId)))
      .returning();
    if (!gone) throw new BrandError("honourNotFound");
    await appendAudit(tx, actor, {
      action: "brand.honourRemove",
      subjectType: "brand",
      subjectId: brandId,
      payload: { honourId, title: gone.title, awardedBy: gone.awardedBy, year: gone.year },
    });
  });
}

/** Which of these proposals' brands exist, by id (for links beside a brand name). */
export async function brandLinks(db: DbOrTx, proposalIds: readonly number[]) {
  if (!proposalIds.length) return {} as Record<number, number>;
  const rows = await db
    .select({ id: proposals.id, brandId: proposals.brandId })
    .from(proposals)
    .where(inArray(proposals.id, [...proposalIds]));
  return Object.fromEntries(
    rows.flatMap((r) => (r.brandId != null ? [[r.id, r.brandId] as const] : [])),
  ) as Record<number, number>;
}
