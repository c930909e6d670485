/**
 * What the model suites that need a published result share: the rule they publish with, a 公示
 * window, and the demo competition played to its end and published.
 */
import type { Db } from "../../db/client";
import { simulateFinishedShow } from "../../seeds/simulate";
import type { ResultConfig } from "../domain/results";
import type { Actor } from "../models/audit.server";
import { publishRun, runResults } from "../models/results.server";

/** Residents' top projects, greedy within the funds, a fixed lot seed. */
export const GREEDY: ResultConfig = {
  residentRule: "top",
  tieBreak: ["judge", "votes", "lot"],
  lotSeed: "20261218",
  rule: { kind: "greedy", partialFirst: false },
};

export const DAY = 24 * 3600_000;

/** A 公示 that began a second ago and runs a week. */
export const noticeWeek = () => ({
  startsAt: new Date(Date.now() - 1000),
  endsAt: new Date(Date.now() + 7 * DAY),
});

/** Plays the competition's show to its end (online ballots only) and publishes it under GREEDY. */
export async function publishFinishedShow(
  db: Db,
  admin: Actor,
  competitionId: number,
  simulation: { seed: string; ballots: number },
) {
  await simulateFinishedShow(db, competitionId, { ...simulation, stations: [] });
  const run = await runResults(db, admin, competitionId, GREEDY, "");
  await publishRun(db, admin, competitionId, run.id, noticeWeek());
  return run;
}
