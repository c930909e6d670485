/**
 * What app code tells the live views when something they show has changed: the host console,
 * the judges' tablets and the big screen. realtime/live-broadcaster.ts implements it over
 * socket.io (snapshots built fresh from the database, bursts coalesced); until socket.io is
 * attached, and in tests that need no sockets, `silentBroadcaster` stands in.
 */
export interface Broadcaster {
  /** The show changed (a command, the draw, the panel, a result put on screen): fresh snapshots. */
  stateChanged(competitionId: number): void;
  /** One judge's sheet changed: that judge's tablets get a fresh snapshot. */
  sheetChanged(competitionId: number, judgeId: number): void;
  /** A sheet came in for the pitch on stage: the scoring progress (coalesced). */
  progressChanged(competitionId: number): void;
  /** Residents' votes changed (online, paper, a station's count): the tally (coalesced). */
  tallyChanged(competitionId: number): void;
}

const noop = () => {};

export const silentBroadcaster: Broadcaster = {
  stateChanged: noop,
  sheetChanged: noop,
  progressChanged: noop,
  tallyChanged: noop,
};
