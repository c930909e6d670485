/**
 * The demo's 效果共评 round: once the demo competition has a published result (publish it on the
 * results tab, or in a test), `npm run db:seed` adds a rating round over its funded projects,
 * open for two weeks, cards and registry both accepted. Idempotent: never a second round.
 */
import { eq } from "drizzle-orm";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { createEvaluationRound, fundedProjects } from "../app/models/evaluation.server";
import type { Db } from "../db/client";
import { competitions } from "../db/schema";
import { COMPETITION } from "./demo-data";

const DEMO_EVALUATION_SLUG = `${COMPETITION.slug}-eval`;

/** Creates the demo round when it can (a published result) and is missing; returns its id. */
export async function seedEvaluationDemo(db: Db, now = new Date()): Promise<number | null> {
  const [demo] = await db
    .select({ id: competitions.id, title: competitions.title })
    .from(competitions)
    .where(eq(competitions.slug, COMPETITION.slug));
  if (!demo) return null;
  const [existing] = await db
    .select({ id: competitions.id })
    .from(competitions)
    .where(eq(competitions.slug, DEMO_EVALUATION_SLUG));
  if (existing) return null;
  const funded = await fundedProjects(db, demo.id);
  if (!funded?.length) return null;
  return createEvaluationRound(db, SYSTEM_ACTOR, {
    evaluatesId: demo.id,
    title: `${demo.title} · 效果共评`,
    slug: DEMO_EVALUATION_SLUG,
    rule: "rating",
    approvalMaxChoices: 3,
    verificationMode: "both",
    votingOpensAt: now,
    votingClosesAt: new Date(now.getTime() + 14 * 24 * 3600_000),
    items: funded.map((f) => f.id),
  });
}
