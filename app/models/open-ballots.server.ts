/**
 * A published round's online approval ballots as a Pabulib `.pb` file (the writer and what the
 * file holds: app/domain/allocation/pabulib-round.ts). Only once the result is published, and
 * only for ballots that are sets of projects: the approval rule (pick up to K) and the budget rule
 * (pick within a budget; counted as the set of projects picked). 满意度 rating rounds have no
 * approval ballots.
 */
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { streets } from "../../db/schema";
import { roundPb } from "../domain/allocation/pabulib-round";
import { ballotKey, onlineBallots } from "./ballot-box.server";
import { getCompetition } from "./competition.server";
import { getPublishedResult } from "./results.server";

type BallotsPb =
  | { ok: true; text: string; slug: string; runId: number; hash: string }
  | { ok: false; refusal: "notFound" | "notPublished" | "notApproval" };

/** Whether a competition's ballots can be exported once published (for the link). */
export function exportsBallots(competition: { kind: string; voteRule: string }) {
  return competition.kind === "contest" && competition.voteRule !== "rating";
}

export async function ballotsPb(db: Db, competitionId: number): Promise<BallotsPb> {
  const competition = await getCompetition(db, competitionId);
  if (!competition) return { ok: false, refusal: "notFound" };
  if (!exportsBallots(competition)) return { ok: false, refusal: "notApproval" };
  const published = await getPublishedResult(db, competitionId);
  if (!published) return { ok: false, refusal: "notPublished" };
  const [street] = await db
    .select({ name: streets.name })
    .from(streets)
    .where(eq(streets.id, competition.streetId));
  const ballots = await onlineBallots(db, await ballotKey(db), competitionId);
  const text = roundPb({
    output: published.output,
    ballots,
    unit: street?.name ?? competition.title,
    randomInt: (n) => randomInt(n),
  });
  return {
    ok: true,
    text,
    slug: competition.slug,
    runId: published.id,
    hash: published.outputHash,
  };
}
