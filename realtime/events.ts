/**
 * The realtime contract: every event name and payload, declared once with zod and imported
 * by the server (realtime/server.ts) and the browser. Plain data only, no server imports.
 */
import { z } from "zod";

export const RoleSchema = z.enum(["street_admin", "secretary", "judge", "clerk", "observer"]);

export const HelloSchema = z.object({
  /** Server clock (ms since epoch) when the snapshot was taken. */
  serverTime: z.number(),
  user: z.object({ id: z.number(), role: RoleSchema }).nullable(),
  /** True when socket.io restored the session (missed events were replayed). */
  recovered: z.boolean(),
});
export type Hello = z.infer<typeof HelloSchema>;

export const TimeSyncReplySchema = z.object({ serverTime: z.number() });

export interface ServerToClientEvents {
  hello: (payload: Hello) => void;
}

export interface ClientToServerEvents {
  /** Clock sync: the ack carries the server time so the client can estimate its offset. */
  "time:sync": (ack: (reply: z.infer<typeof TimeSyncReplySchema>) => void) => void;
}

/** Room names, in one place. */
export const rooms = {
  role: (role: z.infer<typeof RoleSchema>) => `role:${role}`,
  user: (userId: number) => `user:${userId}`,
  competition: (competitionId: number) => `competition:${competitionId}`,
};
