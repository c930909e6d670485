/**
 * Everything a request needs, created once at server start and handed to every loader and
 * action through the Remix load context (no module-level singletons, so tests can start a
 * server on their own database).
 */
import type { Db, DbDriver, DbHandle } from "../db/client";
import type { Config } from "./env.server";
import type { AuthStorage } from "./server/auth.server";
import type { Limiters } from "./server/rate-limit.server";
import type { Broadcaster } from "./services/broadcaster.server";
import type { SmsSender } from "./services/sms.server";

type RealtimeAdapterKind = "memory" | "redis";

/** What app code may ask of the realtime layer (realtime/ implements it). */
export interface RealtimePort {
  adapter: RealtimeAdapterKind;
  /** Sends an event to everyone in a room. */
  publish(room: string, event: string, payload: unknown): void;
  /** Ends a user's open sockets (deactivated, role changed, password reset). */
  disconnectUser(userId: number): void;
  /** Ends the sockets opened with one session (logout). */
  disconnectSession(sessionKey: string): void;
}

export interface Services {
  config: Config;
  db: Db;
  dbDriver: DbDriver;
  dbHandle: DbHandle;
  auth: AuthStorage;
  limiters: Limiters;
  realtime: RealtimePort;
  /** Tells the live views what changed (the realtime layer behind an interface). */
  broadcaster: Broadcaster;
  /** Text messages (one-time codes of the registry path); SMS_DRIVER picks the driver. */
  sms: SmsSender;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    cspNonce: string;
    clientIp: string;
  }
}
