/**
 * The demo's round two (db:seed -- --second-round): 新一轮 from the demo competition, as the
 * street would make it on its 新一轮 tab (the same totals, the dates a year later), so a fresh
 * start shows two rounds (/admin/rounds). Once only: nothing when round one has its next round.
 */
import { eq } from "drizzle-orm";
import { createNextRound } from "../app/models/next-round.server";
import { actorOf } from "../app/models/user.server";
import type { Db } from "../db/client";
import { competitions, funds, users } from "../db/schema";

export const DEMO_SECOND_ROUND_SLUG = "huashan-2027";

export async function seedSecondRound(db: Db, fromSlug = "huashan-2026") {
  const [source] = await db.select().from(competitions).where(eq(competitions.slug, fromSlug));
  const [admin] = await db.select().from(users).where(eq(users.username, "admin"));
  if (!source || !admin) return null;
  const [already] = await db
    .select({ id: competitions.id })
    .from(competitions)
    .where(eq(competitions.previousCompetitionId, source.id));
  if (already) return null;
  const totals = await db
    .select({ kind: funds.kind, totalFen: funds.totalFen })
    .from(funds)
    .where(eq(funds.competitionId, source.id));
  const year = source.year + 1;
  const outcome = await createNextRound(db, actorOf(admin), source.id, {
    title: `${year}年${source.title.replace(/^\d{4}年/, "")}`,
    slug: DEMO_SECOND_ROUND_SLUG,
    year,
    totals: Object.fromEntries(totals.map((f) => [f.kind, Number(f.totalFen)])),
  });
  return outcome.ok ? outcome : null;
}
