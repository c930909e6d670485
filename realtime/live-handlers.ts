/**
 * The live roadshow over socket.io: who may join which room, the host's commands and the
 * judges' score submissions. What follows a change goes out through the broadcaster
 * (live-broadcaster.ts).
 */
import { computeTally } from "../app/models/ballot.server";
import {
  buildSnapshot,
  drawLots,
  isOnPanel,
  LiveError,
  runCommand,
  setFinalOnScreen,
  setOrder,
  submitScore,
} from "../app/models/live.server";
import { isConnectionLost, isInputError } from "../app/server/request-errors";
import type { Broadcaster } from "../app/services/broadcaster.server";
import type { Db } from "../db/client";
import { describeError } from "../db/log-safe";
import {
  AudienceSchema,
  HostCommandSchema,
  HostDrawSchema,
  HostFinalSchema,
  HostOrderSchema,
  JoinSchema,
  rooms,
  ScoreSubmitSchema,
  type Refused,
  type Audience,
} from "./events";
import type { RealtimeServer, RealtimeUser } from "./server";

function actorOf(user: RealtimeUser & { username?: string }) {
  return { userId: user.id, label: `${user.username ?? `user ${user.id}`} (${user.role})` };
}

function refusal(error: unknown): Refused {
  if (error instanceof LiveError) return { ok: false, error: error.refusal, detail: error.detail };
  // A value the database refused as data (SQLSTATE 22xxx) is the sender's fault.
  if (isInputError(error)) return { ok: false, error: "badRequest" };
  // The database went away mid-event (this instance is closing, or it restarts): nothing was
  // recorded, and the client sends again; a warning, not an error of the code.
  if (isConnectionLost(error)) {
    console.warn("[live] database unavailable:", describeError(error));
    return { ok: false, error: "unavailable" };
  }
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
  broadcaster: Broadcaster,
  authenticate: (cookie: string | undefined) => Promise<RealtimeUser | null>,
) {
  io.on("connection", (socket) => {
    const user = socket.data.user;
    /** Null when the socket's session still holds its rights; else the refusal (and the socket ends). */
    const sessionLost = async (): Promise<Refused | null> => {
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
