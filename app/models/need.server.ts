/** The needs list (需求清单) of each community. Every change is audited. */
import { and, asc, desc, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { communities, needs } from "../../db/schema";
import type { NeedSource, NeedStatus } from "../domain/enums";
import { needTitleKey } from "../domain/needs-csv";
import { appendAudit, type Actor } from "./audit.server";

interface NeedFilter {
  communityId?: number;
  status?: NeedStatus;
  source?: NeedSource;
  q?: string;
}

export async function listNeeds(db: DbOrTx, filter: NeedFilter = {}) {
  const where: SQL[] = [];
  if (filter.communityId) where.push(eq(needs.communityId, filter.communityId));
  if (filter.status) where.push(eq(needs.status, filter.status));
  if (filter.source) where.push(eq(needs.source, filter.source));
  if (filter.q?.trim()) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(needs.title, pattern), ilike(needs.description, pattern))!);
  }
  return db
    .select({
      id: needs.id,
      communityId: needs.communityId,
      community: communities.name,
      title: needs.title,
      description: needs.description,
      source: needs.source,
      raisedCount: needs.raisedCount,
      status: needs.status,
      updatedAt: needs.updatedAt,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(communities.sortOrder), desc(needs.raisedCount), asc(needs.id));
}

export async function getNeed(db: DbOrTx, id: number) {
  const [row] = await db.select().from(needs).where(eq(needs.id, id)).limit(1);
  return row ?? null;
}

interface NeedInput {
  title: string;
  description: string;
  source: NeedSource;
  raisedCount: number;
  status: NeedStatus;
}

export async function createNeed(db: Db, actor: Actor, communityId: number, input: NeedInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(needs)
      .values({ ...input, communityId, createdBy: actor.userId })
      .returning({ id: needs.id });
    await appendAudit(tx, actor, {
      action: "need.create",
      subjectType: "need",
      subjectId: row!.id,
      payload: { communityId, ...input },
    });
    return row!.id;
  });
}

export async function updateNeed(db: Db, actor: Actor, id: number, input: NeedInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(needs).where(eq(needs.id, id)).for("update");
    if (!before) return false;
    await tx
      .update(needs)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(needs.id, id));
    await appendAudit(tx, actor, {
      action: "need.update",
      subjectType: "need",
      subjectId: id,
      payload: {
        before: {
          title: before.title,
          status: before.status,
          raisedCount: before.raisedCount,
          source: before.source,
        },
        after: {
          title: input.title,
          status: input.status,
          raisedCount: input.raisedCount,
          source: input.source,
        },
      },
    });
    return true;
  });
}

/**
 * Imports rows all-or-nothing. A row whose community already has a need with the same title
 * (`needTitleKey`), or that repeats an earlier row of the file, is skipped: importing a file
 * twice adds nothing the second time. Returns how many were added and skipped.
 */
export async function importNeeds(
  db: Db,
  actor: Actor,
  rows: Array<NeedInput & { communityId: number }>,
) {
  return db.transaction(async (tx) => {
    const communityIds = [...new Set(rows.map((r) => r.communityId))].sort((a, b) => a - b);
    const seen = new Set<string>();
    if (communityIds.length) {
      // One import per community at a time: two uploads of one file cannot both add it.
      await tx
        .select({ id: communities.id })
        .from(communities)
        .where(inArray(communities.id, communityIds))
        .orderBy(asc(communities.id))
        .for("no key update");
      const existing = await tx
        .select({ communityId: needs.communityId, title: needs.title })
        .from(needs)
        .where(inArray(needs.communityId, communityIds));
      for (const e of existing) seen.add(`${e.communityId}:${needTitleKey(e.title)}`);
    }
    const fresh = rows.filter((r) => {
      const key = `${r.communityId}:${needTitleKey(r.title)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length) {
      await tx.insert(needs).values(fresh.map((r) => ({ ...r, createdBy: actor.userId })));
    }
    const skipped = rows.length - fresh.length;
    await appendAudit(tx, actor, {
      action: "need.import",
      subjectType: "community",
      subjectId: communityIds.join(","),
      payload: { count: fresh.length, skipped },
    });
    return { added: fresh.length, skipped };
  });
}
