import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { communities } from "../../db/schema";

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
