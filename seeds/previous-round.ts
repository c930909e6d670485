/**
 * Another round of the demo's roadshow (db:seed -- --previous-round): a competition a year
 * before the demo one, with the same criteria, funds, panel and recusals and each community's
 * project of that year (the demo's proposals, titled as the first phase, linked to the same
 * 一社一品 brands), its show played to the end and, unless asked not to, its result published.
 * So a brand's page shows the brand across rounds. Through the same model functions as the pages.
 */
import { and, eq } from "drizzle-orm";
import type { ResultConfig } from "../app/domain/results";
import { publishRun, runResults } from "../app/models/results.server";
import { actorOf } from "../app/models/user.server";
import type { Db } from "../db/client";
import {
  communities,
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeRecusals,
  users,
} from "../db/schema";
import { COMMUNITIES, COMPETITION } from "./demo-data";
import { seedProposals } from "./seed";
import { simulateFinishedShow } from "./simulate";

const CONFIG: ResultConfig = {
  residentRule: "top",
  tieBreak: ["judge", "votes", "lot"],
  lotSeed: "20251218",
  rule: { kind: "greedy", partialFirst: false },
};

export interface RoundOptions {
  slug: string;
  title: string;
  year: number;
  /** How the demo proposals' titles read in this round. */
  titleOf: (title: string) => string;
  /** Publish its result (default) or leave it played but unpublished. */
  publish?: boolean;
  seed?: string;
}

export const PREVIOUS_ROUND: RoundOptions = {
  slug: `huashan-${COMPETITION.year - 1}`,
  title: `花山街道${COMPETITION.year - 1}年度社区书记路演`,
  year: COMPETITION.year - 1,
  titleOf: (title) => `${title}(一期)`,
};

/**
 * Adds a round like the demo one (after seedDemo). Returns its id, or null when a competition
 * with that slug exists already (nothing changes then).
 */
export async function seedRound(db: Db, options: RoundOptions): Promise<number | null> {
  const [exists] = await db
    .select({ id: competitions.id })
    .from(competitions)
    .where(eq(competitions.slug, options.slug));
  if (exists) return null;
  const [demo] = await db
    .select()
    .from(competitions)
    .where(eq(competitions.slug, COMPETITION.slug));
  if (!demo) throw new Error("seed the demo first");
  const competitionId = await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(competitions)
      .values({
        streetId: demo.streetId,
        slug: options.slug,
        title: options.title,
        year: options.year,
        round: demo.round,
        description: demo.description,
        phase: "review",
      })
      .returning({ id: competitions.id });
    const id = c!.id;
    await tx
      .insert(criteria)
      .values(COMPETITION.criteria.map((x, i) => ({ ...x, competitionId: id, position: i + 1 })));
    await tx.insert(funds).values(COMPETITION.funds.map((f) => ({ ...f, competitionId: id })));
    const panel = await tx
      .select()
      .from(competitionJudges)
      .where(eq(competitionJudges.competitionId, demo.id));
    if (panel.length)
      await tx.insert(competitionJudges).values(panel.map((j) => ({ ...j, competitionId: id })));
    const recusals = await tx
      .select()
      .from(judgeRecusals)
      .where(eq(judgeRecusals.competitionId, demo.id));
    if (recusals.length)
      await tx.insert(judgeRecusals).values(recusals.map((r) => ({ ...r, competitionId: id })));
    const rows = await tx
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.streetId, demo.streetId));
    const ids = new Map(
      COMMUNITIES.flatMap((x) => {
        const row = rows.find((r) => r.name === x.name);
        return row ? [[x.key, row.id] as const] : [];
      }),
    );
    await seedProposals(tx, id, ids, options.titleOf);
    return id;
  });
  await simulateFinishedShow(db, competitionId, {
    seed: options.seed ?? options.slug,
    ballots: 60,
    stations: [],
  });
  if (options.publish === false) return competitionId;
  const [admin] = await db
    .select()
    .from(users)
    .where(and(eq(users.username, "admin"), eq(users.role, "street_admin")));
  const run = await runResults(db, actorOf(admin!), competitionId, CONFIG, "");
  const now = Date.now();
  await publishRun(db, actorOf(admin!), competitionId, run.id, {
    startsAt: new Date(now - 3600_000),
    endsAt: new Date(now + 7 * 24 * 3600_000),
  });
  return competitionId;
}
