/**
 * socket.io on the app's HTTP server. The handshake is authenticated from the Remix session
 * cookie; anonymous sockets are allowed (public big screen) but join no private room. With a
 * Redis link, instances share events through the Redis Streams adapter (which also supports
 * connection state recovery); otherwise the in-memory adapter. While Redis is away a broadcast
 * still reaches this instance's sockets at once (the link fails fast), and cross-instance
 * delivery resumes when Redis returns (see redis.ts). PostgreSQL stays the source of truth: a
 * client that connects or reconnects gets a fresh snapshot.
 */
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Role } from "../app/domain/enums";
import { type ClientToServerEvents, type ServerToClientEvents, rooms } from "./events";
import type { RedisLink } from "./redis";

export interface RealtimeUser {
  id: number;
  username?: string;
  role: Role;
  /** A hash of the session id (never the id itself): names the session's room. */
  sessionKey?: string;
}

export interface SocketData {
  user: RealtimeUser | null;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

interface RealtimeOptions {
  /** Resolves the user of a handshake from its Cookie header; null for visitors. */
  authenticate(cookieHeader: string | undefined): Promise<RealtimeUser | null>;
  /** Shared with the rate limiters; its owner closes it. */
  redis?: RedisLink;
  /** Where the Redis streams live; lets tests keep their streams apart. */
  redisStreamName?: string;
  corsOrigin?: string | string[];
  /** True to refuse a handshake (the HTTP CSRF origin rule, see http-guards.server.ts). */
  refuseHandshake?(req: import("node:http").IncomingMessage): boolean;
}

export interface Realtime {
  io: RealtimeServer;
  adapter: "memory" | "redis";
  /** "redis-degraded" while the Redis link is down (broadcasts stay on this instance). */
  status(): "memory" | "redis" | "redis-degraded";
  publish(room: string, event: string, payload: unknown): void;
  /** Ends every socket of a user (deactivated, password reset), on every instance. */
  disconnectUser(userId: number): void;
  /** Ends the sockets opened with one session (logout). */
  disconnectSession(sessionKey: string): void;
  close(): Promise<void>;
}

export async function attachRealtime(
  httpServer: HttpServer,
  options: RealtimeOptions,
): Promise<Realtime> {
  let adapterFactory:
    ReturnType<typeof import("@socket.io/redis-streams-adapter").createAdapter> | undefined;
  const redis = options.redis;
  if (redis) {
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    adapterFactory = createAdapter(redis.client, {
      streamName: options.redisStreamName ?? "roadshow:socket.io",
      maxLen: 50_000,
      onlyPlaintext: true,
    });
  }

  const io: RealtimeServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    adapter: adapterFactory,
    cors: options.corsOrigin ? { origin: options.corsOrigin, credentials: true } : undefined,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    pingInterval: 10_000,
    pingTimeout: 8_000,
    allowRequest: (req, callback) => {
      if (options.refuseHandshake?.(req)) callback("crossSite", false);
      else callback(null, true);
    },
  });

  io.use((socket, next) => {
    options
      .authenticate(socket.handshake.headers.cookie)
      .then((user) => {
        socket.data.user = user;
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });

  io.on("connection", (socket) => {
    const user = socket.data.user;
    if (!socket.recovered && user) {
      void socket.join([
        rooms.user(user.id),
        rooms.role(user.role),
        ...(user.sessionKey ? [rooms.session(user.sessionKey)] : []),
      ]);
    }
    socket.emit("hello", {
      serverTime: Date.now(),
      user: user ? { id: user.id, role: user.role } : null,
      recovered: socket.recovered,
    });
    socket.on("time:sync", (ack) => {
      if (typeof ack === "function") ack({ serverTime: Date.now() });
    });
  });

  return {
    io,
    adapter: redis ? "redis" : "memory",
    status: () => (!redis ? "memory" : redis.up ? "redis" : "redis-degraded"),
    publish(room, event, payload) {
      // Events are declared in events.ts; app code publishes through this one door.
      (io.to(room) as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
    },
    disconnectUser(userId) {
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    disconnectSession(sessionKey) {
      io.in(rooms.session(sessionKey)).disconnectSockets(true);
    },
    async close() {
      // Closes the transports (clients see "transport close" and reconnect on their own, e.g. to
      // the restarted server) and then the HTTP server. disconnectSockets() would tell clients
      // not to come back.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      }).catch(() => undefined);
    },
  };
}
