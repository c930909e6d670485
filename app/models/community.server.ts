import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { communities, needs } from "../../db/schema";

export async function listCommunities(db: DbOrTx) {
  return db
    .select({
      id: communities.id,
      name: communities.name,
      brandName: communities.brandName,
      brandTagline: communities.brandTagline,
    })
    .from(communities)
    .orderBy(asc(communities.sortOrder), asc(communities.id));
}

export async function getCommunity(db: DbOrTx, id: number) {
  const [row] = await db.select().from(communities).where(eq(communities.id, id)).limit(1);
  return row ?? null;
}

export async function countNeedsByStatus(db: DbOrTx, communityId: number) {
  const rows = await db
    .select({ status: needs.status, n: sql<number>`count(*)::int` })
    .from(needs)
    .where(eq(needs.communityId, communityId))
    .groupBy(needs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}
