/**
 * The realtime contract: every event name, payload and acknowledgement, declared once with zod
 * and imported by the server (server.ts, live-handlers.ts, live-broadcaster.ts) and the browser.
 * Plain data only, no server imports. The server validates what clients send; clients validate
 * snapshots. The vocabularies (roles, audiences, stages, commands, refusals) come from the
 * domain, so the contract cannot drift from the rules it carries.
 */
import { z } from "zod";
import {
  COMPETITION_PHASES,
  FUND_KINDS,
  JUDGE_AGGREGATIONS,
  LIVE_AUDIENCES,
  type Role,
  VOTE_RULES,
} from "../app/domain/enums";
import type { SheetStatus } from "../app/domain/judge-scoring";
import {
  MAX_EXTENSION_SECONDS,
  PLAIN_COMMANDS,
  STAGES,
  type HostCommand,
  type LiveRefusal,
  type LiveState,
} from "../app/domain/pitch-machine";

/** tsc fails where a schema and the domain type it carries differ (either way). */
type MustBeTrue<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The server's hello to a socket that joined. */
export interface Hello {
  /** Server clock (ms since epoch) when the snapshot was taken. */
  serverTime: number;
  user: { id: number; role: Role } | null;
  /** True when socket.io restored the session (missed events were replayed). */
  recovered: boolean;
}

// ── The live roadshow ───────────────────────────────────────────────────────────────────

export const AudienceSchema = z.enum(LIVE_AUDIENCES);
export type Audience = z.infer<typeof AudienceSchema>;

const StageSchema = z.enum(STAGES);

const LiveStateSchema = z.object({
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
type _LiveStateIsTheDomains = MustBeTrue<Same<z.infer<typeof LiveStateSchema>, LiveState>>;

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

const ResultSchema = z.object({
  proposalId: z.number(),
  rule: z.enum(JUDGE_AGGREGATIONS),
  applied: z.enum(JUDGE_AGGREGATIONS),
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

export const SnapshotSchema = z.object({
  serverTime: z.number(),
  competition: z.object({
    id: z.number(),
    slug: z.string(),
    title: z.string(),
    phase: z.enum(COMPETITION_PHASES),
    pitchSeconds: z.number(),
    qaSeconds: z.number(),
    aggregation: z.enum(JUDGE_AGGREGATIONS),
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
          kind: z.enum(FUND_KINDS),
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
  rule: z.enum(VOTE_RULES),
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
      /** 效果共评 in rating mode: how many gave 1…5, and the mean ("4.25"). */
      ratings: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]).optional(),
      mean: z.string().optional(),
      /** Rating mode: how many residents rated it. */
      count: z.number().optional(),
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
const MAX_INT4 = 2_147_483_647;
const id = z.number().int().positive().max(MAX_INT4);

export const JoinSchema = z.object({
  competitionId: id,
  audience: AudienceSchema,
});

const CommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum(PLAIN_COMMANDS) }),
  z.object({
    type: z.literal("extend"),
    seconds: z.number().int().min(1).max(MAX_EXTENSION_SECONDS),
  }),
  z.object({ type: z.literal("unskip"), proposalId: id }),
  z.object({ type: z.literal("reopenScoring"), reason: z.string().max(200) }),
]);
type _CommandsAreTheDomains = MustBeTrue<Same<z.infer<typeof CommandSchema>, HostCommand>>;

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

// ── Acknowledgements, per event ────────────────────────────────────────────────────────

/** A refusal the UI can translate (live.refusals.<code>). */
export type AckError =
  | LiveRefusal
  /** The payload does not fit the contract (or a value the database refused as data). */
  | "badRequest"
  /** The socket's user may not do this (or, a visitor, anything but watch). */
  | "forbidden"
  /** The session behind the socket has ended; the socket is cut after this reply. */
  | "sessionEnded"
  /** The database could not be reached (an instance shutting down, a restart): nothing was
   * recorded; send again (the judge tablet's outbox keeps the sheet and resends it). */
  | "unavailable"
  | "server";

export type Refused = { ok: false; error: AckError; detail?: unknown };

/**
 * What the server answers to each event: the handlers must reply with exactly these shapes
 * (tsc checks every `ack(…)` against this map through the event types below).
 */
export interface Acks {
  /** Clock sync: the server time, so the client can estimate its offset. */
  "time:sync": { serverTime: number };
  "live:join": { ok: true; snapshot: Snapshot } | Refused;
  "host:command": { ok: true } | Refused;
  /** The seed drawn with (random unless the host gave one). */
  "host:draw": { ok: true; detail: { seed: string } } | Refused;
  "host:order": { ok: true } | Refused;
  "host:final": { ok: true } | Refused;
  /** The sheet as the server now holds it (its total and revision), and what became of this one. */
  "score:submit":
    | { ok: true; status: SheetStatus; detail: { totalHalfPoints: number; revision: number } }
    | Refused;
}

/** Any acknowledgement, read loosely (tests, logs): every ack in `Acks` but time:sync fits it. */
export type Ack = {
  ok: boolean;
  error?: AckError;
  detail?: unknown;
  status?: SheetStatus;
  snapshot?: Snapshot;
};
type _EveryAckFits = MustBeTrue<Acks[Exclude<keyof Acks, "time:sync">] extends Ack ? true : false>;

/** What each event sends (validated by the server with the schema of the same name). */
export interface Payloads {
  "live:join": z.infer<typeof JoinSchema>;
  "host:command": z.infer<typeof HostCommandSchema>;
  "host:draw": z.infer<typeof HostDrawSchema>;
  "host:order": z.infer<typeof HostOrderSchema>;
  "host:final": z.infer<typeof HostFinalSchema>;
  "score:submit": ScoreSubmit;
}

type Request<E extends keyof Payloads & keyof Acks> = (
  payload: Payloads[E],
  ack: (reply: Acks[E]) => void,
) => void;

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
  "time:sync": (ack: (reply: Acks["time:sync"]) => void) => void;
  "live:join": Request<"live:join">;
  "host:command": Request<"host:command">;
  "host:draw": Request<"host:draw">;
  "host:order": Request<"host:order">;
  /** The final reveal: put the published result on the big screen, or take it down. */
  "host:final": Request<"host:final">;
  "score:submit": Request<"score:submit">;
}

/** Room names, in one place. */
export const rooms = {
  role: (role: Role) => `role:${role}`,
  user: (userId: number) => `user:${userId}`,
  session: (sessionKey: string) => `session:${sessionKey}`,
  competition: (competitionId: number) => `competition:${competitionId}`,
  live: (competitionId: number, audience: Audience) => `live:${competitionId}:${audience}`,
  liveJudge: (competitionId: number, judgeId: number) => `live:${competitionId}:judge:${judgeId}`,
};
