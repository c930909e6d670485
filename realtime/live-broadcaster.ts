/**
 * Pushes the live show to its rooms: fresh snapshots after every state change, scoring progress
 * as a coalesced delta, the residents' tally at most twice a second. Everything goes through the
 * adapter, so every instance's clients get it. Snapshots are built fresh from PostgreSQL (the
 * only source of truth).
 */
import { currentProposal } from "../app/domain/pitch-machine";
import { computeTally } from "../app/models/ballot.server";
import {
  buildProgress,
  buildSnapshot,
  getLiveState,
  judgeView,
  panelIds,
} from "../app/models/live.server";
import type { Broadcaster } from "../app/services/broadcaster.server";
import type { Db } from "../db/client";
import { describeError } from "../db/log-safe";
import { rooms } from "./events";
import type { RealtimeServer } from "./server";

const PROGRESS_COALESCE_MS = 150;
const TALLY_COALESCE_MS = 500;

/** Pushes snapshots and progress to the rooms of a competition (through the adapter, so every instance's clients get them). */
export class LiveBroadcaster implements Broadcaster {
  private pendingProgress = new Map<number, NodeJS.Timeout>();
  private pendingTally = new Map<number, NodeJS.Timeout>();
  private inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private io: RealtimeServer,
    private db: Db,
  ) {}

  /** Sends fresh snapshots to every audience (in the background; errors are logged). */
  stateChanged(competitionId: number) {
    this.track(this.sendSnapshots(competitionId));
  }

  private track(work: Promise<void>) {
    if (this.closed) return;
    const p = work.catch((error: unknown) =>
      console.error("[live] broadcast failed", describeError(error)),
    );
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async sendSnapshots(competitionId: number) {
    const [screen, host] = await Promise.all([
      buildSnapshot(this.db, competitionId, "screen"),
      buildSnapshot(this.db, competitionId, "host"),
    ]);
    this.io.to(rooms.live(competitionId, "screen")).emit("live:snapshot", screen);
    this.io.to(rooms.live(competitionId, "host")).emit("live:snapshot", host);
    const current = currentProposal(screen.state);
    for (const judgeId of await panelIds(this.db, competitionId)) {
      const judge = await judgeView(this.db, competitionId, judgeId, current);
      this.io
        .to(rooms.liveJudge(competitionId, judgeId))
        .emit("live:snapshot", { ...screen, judge });
    }
  }

  /** One judge's sheet changed: that judge's tablets get a fresh snapshot. */
  sheetChanged(competitionId: number, judgeId: number) {
    this.track(this.sendJudgeSnapshot(competitionId, judgeId));
  }

  private async sendJudgeSnapshot(competitionId: number, judgeId: number) {
    const snapshot = await buildSnapshot(this.db, competitionId, "judge", judgeId);
    this.io.to(rooms.liveJudge(competitionId, judgeId)).emit("live:snapshot", snapshot);
  }

  /** Progress changes come in bursts (seven judges submitting at once): send at most one delta per window. */
  progressChanged(competitionId: number) {
    if (this.closed || this.pendingProgress.has(competitionId)) return;
    const timer = setTimeout(() => {
      this.pendingProgress.delete(competitionId);
      this.track(this.sendProgress(competitionId));
    }, PROGRESS_COALESCE_MS);
    this.pendingProgress.set(competitionId, timer);
  }

  private async sendProgress(competitionId: number) {
    const state = await getLiveState(this.db, competitionId);
    const current = currentProposal(state);
    if (current === null) return;
    const [forAll, forHost] = await Promise.all([
      buildProgress(this.db, competitionId, current, false),
      buildProgress(this.db, competitionId, current, true),
    ]);
    this.io
      .to([rooms.live(competitionId, "screen"), rooms.live(competitionId, "judge")])
      .emit("live:progress", forAll);
    this.io.to(rooms.live(competitionId, "host")).emit("live:progress", forHost);
  }

  /** Votes arrive by the thousand: recount and send the tally at most every 500 ms per competition. */
  tallyChanged(competitionId: number) {
    if (this.closed || this.pendingTally.has(competitionId)) return;
    const timer = setTimeout(() => {
      this.pendingTally.delete(competitionId);
      this.track(this.sendTally(competitionId));
    }, TALLY_COALESCE_MS);
    this.pendingTally.set(competitionId, timer);
  }

  private async sendTally(competitionId: number) {
    const tally = await computeTally(this.db, competitionId);
    if (tally)
      this.io
        .to([rooms.live(competitionId, "screen"), rooms.live(competitionId, "host")])
        .emit("tally:update", tally);
  }

  /** Stops scheduling and waits for broadcasts under way (before the database closes). */
  async close() {
    this.closed = true;
    for (const timer of [...this.pendingProgress.values(), ...this.pendingTally.values()])
      clearTimeout(timer);
    this.pendingProgress.clear();
    this.pendingTally.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
