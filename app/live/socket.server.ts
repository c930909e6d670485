/**
 * The live roadshow over socket.io: who may join which room, the host's commands, the judges'
 * score submissions, and the broadcasts that follow. Snapshots are built fresh from PostgreSQL
 * (the only source of truth); score progress is sent as a coalesced delta.
 */
import type { Db } from "../../db/client";
import { describeError } from "../../db/log-safe";
import {
  AudienceSchema,
  HostCommandSchema,
  HostDrawSchema,
  HostFinalSchema,
  HostOrderSchema,
  JoinSchema,
  rooms,
  ScoreSubmitSchema,
  type Ack,
  type Audience,
} from "../../realtime/events";
import type { RealtimeServer, RealtimeUser } from "../../realtime/server";
import { currentProposal } from "../domain/pitch-machine";
import { computeTally } from "../models/ballot.server";
import {
  buildProgress,
  buildSnapshot,
  drawLots,
  getLiveState,
  isOnPanel,
  judgeView,
  LiveError,
  panelIds,
  runCommand,
  setFinalOnScreen,
  setOrder,
  submitScore,
} from "../models/live.server";
import { isInputError } from "../server/request-errors";

const PROGRESS_COALESCE_MS = 150;
const TALLY_COALESCE_MS = 500;

function actorOf(user: RealtimeUser & { username?: string }) {
  return { userId: user.id, label: `${user.username ?? `user ${user.id}`} (${user.role})` };
}

/** Pushes snapshots and progress to the rooms of a competition (through the adapter, so every instance's clients get them). */
export class LiveBroadcaster {
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

function refusal(error: unknown): Ack {
  if (error instanceof LiveError) return { ok: false, error: error.refusal, detail: error.detail };
  // A value the database refused as data (SQLSTATE 22xxx) is the sender's fault.
  if (isInputError(error)) return { ok: false, error: "badRequest" };
  console.error("[live]", describeError(error));
  return { ok: false, error: "server" };
}

const canHost = (user: RealtimeUser | null) => user?.role === "street_admin";

/**
 * `authenticate` reads the session behind a socket's handshake cookie again: every privileged
 * event (host commands, score sheets) checks that the session still stands and still is the same
 * user with the same role, so a socket never keeps rights its user has lost (logout,
 * deactivation, password reset, role change). A socket that fails the check is told so and cut.
 */
export function registerLiveHandlers(
  io: RealtimeServer,
  db: Db,
  broadcaster: LiveBroadcaster,
  authenticate: (cookie: string | undefined) => Promise<RealtimeUser | null>,
) {
  io.on("connection", (socket) => {
    const user = socket.data.user;
    /** Null when the socket's session still holds its rights; else the refusal (and the socket ends). */
    const sessionLost = async (): Promise<Ack | null> => {
      if (!user) return null; // the role check refuses a visitor
      const now = await authenticate(socket.handshake.headers.cookie).catch(() => null);
      if (now && now.id === user.id && now.role === user.role) return null;
      setImmediate(() => socket.disconnect(true)); // after the refusal has gone out
      return { ok: false, error: "sessionEnded" };
    };

    socket.on("live:join", async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = JoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "badRequest" });
      const { competitionId, audience } = parsed.data;
      if (audience !== "screen") {
        const lost = await sessionLost();
        if (lost) return reply(lost);
      }
      try {
        const allowed = await mayJoin(db, user, competitionId, audience);
        if (!allowed) return reply({ ok: false, error: "forbidden" });
        const joined = [rooms.live(competitionId, audience)];
        if (audience === "judge" && user) joined.push(rooms.liveJudge(competitionId, user.id));
        await socket.join(joined);
        const snapshot = await buildSnapshot(db, competitionId, audience, user?.id);
        reply({ ok: true, snapshot });
        if (audience !== "judge") {
          const tally = await computeTally(db, competitionId);
          if (tally) socket.emit("tally:update", tally);
        }
      } catch (error) {
        reply(refusal(error));
      }
    });

    socket.on("host:command", async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!canHost(user)) return reply({ ok: false, error: "forbidden" });
      const lost = await sessionLost();
      if (lost) return reply(lost);
      const parsed = HostCommandSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "badRequest" });
      const { competitionId, command, expectedVersion, allowMissing } = parsed.data;
      try {
        await runCommand(db, actorOf(user!), competitionId, command, expectedVersion, {
          allowMissing,
        });
        reply({ ok: true });
        broadcaster.stateChanged(competitionId);
      } catch (error) {
        reply(refusal(error));
      }
    });

    socket.on("host:draw", async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!canHost(user)) return reply({ ok: false, error: "forbidden" });
      const lost = await sessionLost();
      if (lost) return reply(lost);
      const parsed = HostDrawSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "badRequest" });
      try {
        const draw = await drawLots(
          db,
          actorOf(user!),
          parsed.data.competitionId,
          parsed.data.seed,
        );
        reply({ ok: true, detail: { seed: draw.seed } });
        broadcaster.stateChanged(parsed.data.competitionId);
      } catch (error) {
        reply(refusal(error));
      }
    });

    socket.on("host:order", async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!canHost(user)) return reply({ ok: false, error: "forbidden" });
      const lost = await sessionLost();
      if (lost) return reply(lost);
      const parsed = HostOrderSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "badRequest" });
      try {
        await setOrder(
          db,
          actorOf(user!),
          parsed.data.competitionId,
          parsed.data.order,
          parsed.data.expectedVersion,
        );
        reply({ ok: true });
        broadcaster.stateChanged(parsed.data.competitionId);
      } catch (error) {
        reply(refusal(error));
      }
    });

    socket.on("host:final", async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (!canHost(user)) return reply({ ok: false, error: "forbidden" });
      const lost = await sessionLost();
      if (lost) return reply(lost);
      const parsed = HostFinalSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "badRequest" });
      try {
        await setFinalOnScreen(db, actorOf(user!), parsed.data.competitionId, parsed.data.show);
        reply({ ok: true });
        broadcaster.stateChanged(parsed.data.competitionId);
      } catch (error) {
        reply(refusal(error));
      }
    });

    socket.on("score:submit", async (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (user?.role !== "judge") return reply({ ok: false, error: "forbidden" });
      const lost = await sessionLost();
      if (lost) return reply(lost);
      const parsed = ScoreSubmitSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "badRequest" });
      const { items, ...rest } = parsed.data;
      try {
        const outcome = await submitScore(
          db,
          { id: user.id, username: user.username ?? `judge ${user.id}` },
          {
            ...rest,
            items: Object.fromEntries(Object.entries(items).map(([k, v]) => [Number(k), v])),
          },
        );
        reply({
          ok: true,
          status: outcome.status,
          detail: { totalHalfPoints: outcome.totalHalfPoints, revision: outcome.revision },
        });
        if (outcome.status === "recorded") {
          broadcaster.progressChanged(rest.competitionId);
          // The judge's other tablets (and this one) get the sheet as the server now holds it.
          broadcaster.sheetChanged(rest.competitionId, user.id);
        }
      } catch (error) {
        reply(refusal(error));
      }
    });
  });
}

async function mayJoin(
  db: Db,
  user: RealtimeUser | null,
  competitionId: number,
  audience: Audience,
) {
  AudienceSchema.parse(audience);
  if (audience === "screen") return true;
  if (audience === "host") return user?.role === "street_admin" || user?.role === "observer";
  return user?.role === "judge" && (await isOnPanel(db, competitionId, user.id));
}
