/**
 * The realtime contract: every event name and payload, declared once with zod and imported
 * by the server (realtime/server.ts, app/live/socket.server.ts) and the browser. Plain data only,
 * no server imports. The server validates what clients send; clients validate snapshots.
 */
import { z } from "zod";
import { ROLES } from "../app/domain/enums";

export const RoleSchema = z.enum(ROLES);

export const HelloSchema = z.object({
  /** Server clock (ms since epoch) when the snapshot was taken. */
  serverTime: z.number(),
  user: z.object({ id: z.number(), role: RoleSchema }).nullable(),
  /** True when socket.io restored the session (missed events were replayed). */
  recovered: z.boolean(),
});
export type Hello = z.infer<typeof HelloSchema>;

export const TimeSyncReplySchema = z.object({ serverTime: z.number() });

// ── The live roadshow ───────────────────────────────────────────────────────────────────

export const AudienceSchema = z.enum(["screen", "host", "judge"]);
export type Audience = z.infer<typeof AudienceSchema>;

export const StageSchema = z.enum(["waiting", "pitching", "qa", "scoring", "closed", "revealed"]);

export const LiveStateSchema = z.object({
  version: z.number(),
  order: z.array(z.number()),
  current: z.number().nullable(),
  stage: StageSchema,
  deadline: z.number().nullable(),
  pausedRemainingMs: z.number().nullable(),
  skipped: z.array(z.number()),
  revealed: z.array(z.number()),
  finished: z.boolean(),
});

const JudgeProgressSchema = z.object({
  id: z.number(),
  name: z.string(),
  recused: z.boolean(),
  submitted: z.boolean(),
});

export const ProgressSchema = z.object({
  proposalId: z.number(),
  submitted: z.number(),
  expected: z.number(),
  /** Host only: who has submitted (never what, before the reveal). */
  judges: z.array(JudgeProgressSchema).optional(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const ResultSchema = z.object({
  proposalId: z.number(),
  rule: z.enum(["trimmed_mean", "mean", "zscore"]),
  applied: z.enum(["trimmed_mean", "mean", "zscore"]),
  score: z.number().nullable(),
  judges: z.array(
    z.object({
      judgeId: z.number(),
      name: z.string(),
      total: z.number(),
      normalized: z.number().optional(),
      dropped: z.enum(["high", "low"]).nullable(),
    }),
  ),
});
export type Result = z.infer<typeof ResultSchema>;

export const SnapshotSchema = z.object({
  serverTime: z.number(),
  competition: z.object({
    id: z.number(),
    slug: z.string(),
    title: z.string(),
    phase: z.string(),
    pitchSeconds: z.number(),
    qaSeconds: z.number(),
    aggregation: z.string(),
    /** Weight of the judges' score in the combined standing, percent (residents: the rest). */
    judgeWeightPct: z.number(),
    /** Residents vote after a registry check (a QR on the screen helps); else with ballot cards only. */
    votingRegistry: z.boolean(),
  }),
  state: LiveStateSchema,
  proposals: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      brand: z.string(),
      summary: z.string(),
      communityId: z.number(),
      communityName: z.string(),
      requested: z.array(z.object({ fundName: z.string(), amountFen: z.number() })),
      deck: z.array(z.object({ sha256: z.string(), mime: z.string(), name: z.string() })),
    }),
  ),
  criteria: z.array(
    z.object({ id: z.number(), name: z.string(), maxPoints: z.number(), description: z.string() }),
  ),
  draw: z.object({ seed: z.string(), kind: z.string(), at: z.string() }).nullable(),
  progress: ProgressSchema.nullable(),
  results: z.array(ResultSchema),
  /** The final reveal (screen and host): the published result, once the host puts it up. */
  final: z
    .object({
      runId: z.number(),
      shownAt: z.string(),
      outputHash: z.string(),
      totalFen: z.number(),
      funds: z.array(
        z.object({
          kind: z.enum(["street", "foundation"]),
          name: z.string(),
          totalFen: z.number(),
          spentFen: z.number(),
        }),
      ),
      rows: z.array(
        z.object({
          id: z.number(),
          rank: z.number(),
          tied: z.boolean(),
          title: z.string(),
          communityName: z.string(),
          brand: z.string(),
          combined: z.string(),
          tier: z.string().nullable(),
          amounts: z.object({ street: z.number(), foundation: z.number() }),
          totalFen: z.number(),
        }),
      ),
      brands: z.array(
        z.object({
          communityName: z.string(),
          brand: z.string(),
          amounts: z.object({ street: z.number(), foundation: z.number() }),
          totalFen: z.number(),
        }),
      ),
    })
    .nullable()
    .optional(),
  /** Judge audience only: recusal and the judge's own sheet for the pitch on stage. */
  judge: z
    .object({
      recused: z.boolean(),
      sheet: z
        .object({
          items: z.record(z.string(), z.number()),
          comment: z.string(),
          revision: z.number(),
          totalHalfPoints: z.number(),
        })
        .nullable(),
    })
    .optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const TallySchema = z.object({
  competitionId: z.number(),
  ballotsOnline: z.number(),
  ballotsOffline: z.number(),
  invalidOffline: z.number(),
  stationsConfirmed: z.number(),
  stationsTotal: z.number(),
  projects: z.array(
    z.object({
      id: z.number(),
      number: z.number(),
      title: z.string(),
      brand: z.string(),
      summary: z.string(),
      communityName: z.string(),
      requestedFen: z.number(),
      online: z.number(),
      offline: z.number(),
      total: z.number(),
    }),
  ),
  turnout: z.array(
    z.object({
      communityId: z.number(),
      communityName: z.string(),
      issued: z.number(),
      used: z.number(),
    }),
  ),
});
export type Tally = z.infer<typeof TallySchema>;

/** Largest value of an integer column (ids, revisions, versions): past it is a bad request. */
export const MAX_INT4 = 2_147_483_647;
const id = z.number().int().positive().max(MAX_INT4);

export const JoinSchema = z.object({
  competitionId: id,
  audience: AudienceSchema,
});

export const CommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start") }),
  z.object({ type: z.literal("startQa") }),
  z.object({ type: z.literal("openScoring") }),
  z.object({ type: z.literal("closeScoring") }),
  z.object({ type: z.literal("reveal") }),
  z.object({ type: z.literal("next") }),
  z.object({ type: z.literal("skip") }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("extend"), seconds: z.number().int().min(1).max(1800) }),
  z.object({ type: z.literal("unskip"), proposalId: z.number().int().positive().max(2147483647) }),
  z.object({ type: z.literal("reopenScoring"), reason: z.string().max(200) }),
]);

export const HostCommandSchema = z.object({
  competitionId: id,
  command: CommandSchema,
  expectedVersion: z.number().int().min(-MAX_INT4).max(MAX_INT4),
  allowMissing: z.boolean().optional(),
});

export const HostDrawSchema = z.object({
  competitionId: id,
  seed: z.string().trim().max(64).optional(),
});

export const HostFinalSchema = z.object({
  competitionId: id,
  show: z.boolean(),
});

export const HostOrderSchema = z.object({
  competitionId: id,
  order: z.array(id).max(500),
  expectedVersion: z.number().int().min(-MAX_INT4).max(MAX_INT4),
});

export const ScoreSubmitSchema = z.object({
  competitionId: id,
  proposalId: id,
  /** criterion id → half-points (points × 2) */
  items: z.record(z.string().regex(/^\d{1,10}$/), z.number().int().min(0).max(200)),
  comment: z.string().max(1000).default(""),
  /** The tablet's counter for this sheet; a later revision wins. */
  revision: z.number().int().min(1).max(MAX_INT4),
  /** Unique per submission attempt; a resend uses the same key. */
  key: z.string().min(8).max(100),
});
export type ScoreSubmit = z.infer<typeof ScoreSubmitSchema>;

/** Every acknowledgement: ok, or a refusal the UI can translate (live.refusals.<code>). */
export const AckSchema = z.object({
  ok: z.boolean(),
  error: z.string().optional(),
  detail: z.unknown().optional(),
  status: z.enum(["recorded", "duplicate", "stale"]).optional(),
});
export type Ack = z.infer<typeof AckSchema>;

export interface ServerToClientEvents {
  hello: (payload: Hello) => void;
  /** A full snapshot for this audience: on join, on reconnect and after every state change. */
  "live:snapshot": (payload: Snapshot) => void;
  /** A delta between snapshots: scoring progress of the pitch on stage (coalesced). */
  "live:progress": (payload: Progress) => void;
  /** Residents' votes per project, online and offline (coalesced: a few per second at most). */
  "tally:update": (payload: Tally) => void;
}

export interface ClientToServerEvents {
  /** Clock sync: the ack carries the server time so the client can estimate its offset. */
  "time:sync": (ack: (reply: z.infer<typeof TimeSyncReplySchema>) => void) => void;
  "live:join": (
    payload: z.infer<typeof JoinSchema>,
    ack: (reply: Ack & { snapshot?: Snapshot }) => void,
  ) => void;
  "host:command": (payload: z.infer<typeof HostCommandSchema>, ack: (reply: Ack) => void) => void;
  "host:draw": (payload: z.infer<typeof HostDrawSchema>, ack: (reply: Ack) => void) => void;
  "host:order": (payload: z.infer<typeof HostOrderSchema>, ack: (reply: Ack) => void) => void;
  /** The final reveal: put the published result on the big screen, or take it down. */
  "host:final": (payload: z.infer<typeof HostFinalSchema>, ack: (reply: Ack) => void) => void;
  "score:submit": (payload: ScoreSubmit, ack: (reply: Ack) => void) => void;
}

/** Room names, in one place. */
export const rooms = {
  role: (role: z.infer<typeof RoleSchema>) => `role:${role}`,
  user: (userId: number) => `user:${userId}`,
  session: (sessionKey: string) => `session:${sessionKey}`,
  competition: (competitionId: number) => `competition:${competitionId}`,
  live: (competitionId: number, audience: Audience) => `live:${competitionId}:${audience}`,
  liveJudge: (competitionId: number, judgeId: number) => `live:${competitionId}:judge:${judgeId}`,
};
