/**
 * The live roadshow as a state machine, pure (no I/O, no clock: the caller passes `now`).
 *
 * Per pitch:  waiting ─start─▶ pitching ─qa─▶ qa ─openScoring─▶ scoring ─closeScoring─▶ closed
 *                │                 └──────────openScoring──────────┘                    │
 *               skip                                                                   reveal
 *                ▼                                                                       ▼
 *          (next pitch) ◀─────────────────────────────next─────────────────────── revealed
 *
 * Two ways back, for the night's accidents:
 * - `unskip` brings a team marked absent back into the order: it pitches when its turn comes
 *   again (after the pitches still ahead when it was passed), at once if the show had finished;
 * - `reopenScoring` (closed or revealed → scoring, with a reason) reopens the pitch on stage,
 *   e.g. when a tablet died; a revealed score is taken down until revealed again.
 *
 * Timed stages (pitching, qa) carry a deadline as a server timestamp; they can be paused,
 * resumed and extended. Every accepted command bumps `version`; a command names the version it
 * was issued against, so a double click or a second host cannot apply a stale command.
 */

export const STAGES = ["waiting", "pitching", "qa", "scoring", "closed", "revealed"] as const;
export type Stage = (typeof STAGES)[number];

export interface LiveState {
  version: number;
  /** Proposal ids in pitch order. */
  order: number[];
  /** Index into `order` of the current pitch; null before the show and after the last pitch. */
  current: number | null;
  stage: Stage;
  /** When the timed stage ends (ms since epoch, server clock); null when untimed or paused. */
  deadline: number | null;
  /** Remaining ms of a paused timed stage. */
  pausedRemainingMs: number | null;
  /** Proposals skipped (absent team). */
  skipped: number[];
  /** Proposals whose score has been revealed, in reveal order. */
  revealed: number[];
  /** The show has run past its last pitch. */
  finished: boolean;
}

/** The host's commands that take no argument (the console's buttons and shortcuts). */
export const PLAIN_COMMANDS = [
  "start",
  "startQa",
  "openScoring",
  "closeScoring",
  "reveal",
  "next",
  "skip",
  "pause",
  "resume",
] as const;
export type PlainCommandType = (typeof PLAIN_COMMANDS)[number];

/** The longest one extension of a timed stage may be. */
export const MAX_EXTENSION_SECONDS = 1800;

export type Command =
  | { [T in PlainCommandType]: { type: T } }[PlainCommandType]
  | { type: "extend"; seconds: number }
  | { type: "unskip"; proposalId: number }
  | { type: "reopenScoring"; reason: string }
  | { type: "setOrder"; order: number[] };

export type CommandType = Command["type"];

/** Every command, once: for lists that must name them all (the audit words, say). */
export const COMMAND_TYPES = [
  ...PLAIN_COMMANDS,
  "extend",
  "unskip",
  "reopenScoring",
  "setOrder",
] as const satisfies readonly CommandType[];
/** tsc fails here when a command is missing from COMMAND_TYPES. */
type _EveryCommandListed = MustBeTrue<
  [Exclude<CommandType, (typeof COMMAND_TYPES)[number]>] extends [never] ? true : false
>;
type MustBeTrue<T extends true> = T;

/** What the host sends as a command (the pitch order has its own event). */
export type HostCommand = Exclude<Command, { type: "setOrder" }>;

export type Refusal =
  | "staleVersion"
  | "notAllowedInStage"
  | "noCurrentPitch"
  | "alreadyPaused"
  | "notPaused"
  | "badExtension"
  | "orderLocked"
  | "badOrder"
  | "notSkipped"
  | "reasonRequired"
  | "finished";

/** Everything the live show may refuse: the machine's refusals and the rules kept in the database. */
export type LiveRefusal =
  | Refusal
  | "notFound"
  | "phase"
  | "judgesMissing"
  | "notOnPanel"
  | "recused"
  | "notScoring"
  | "badSheet"
  | "badRevision"
  | "noPublishedResult";

export interface MachineContext {
  now: number;
  pitchSeconds: number;
  qaSeconds: number;
}

type Result = { ok: true; state: LiveState } | { ok: false; refusal: Refusal };

export function initialState(order: number[]): LiveState {
  return {
    version: 1,
    order: [...order],
    current: null,
    stage: "waiting",
    deadline: null,
    pausedRemainingMs: null,
    skipped: [],
    revealed: [],
    finished: false,
  };
}

/** The proposal on stage, or null. */
export function currentProposal(state: LiveState): number | null {
  return state.current === null ? null : (state.order[state.current] ?? null);
}

/** Has the show started (any pitch begun, skipped or revealed)? */
export function showStarted(state: LiveState) {
  return (
    state.current !== null ||
    state.revealed.length > 0 ||
    state.skipped.length > 0 ||
    state.finished
  );
}

const TIMED: readonly Stage[] = ["pitching", "qa"];

function next(state: LiveState, patch: Partial<LiveState>): Result {
  return { ok: true, state: { ...state, ...patch, version: state.version + 1 } };
}

/**
 * Index of the next pitch that is neither revealed nor skipped, after `from`; then, wrapping
 * round, one passed earlier (a team brought back after being skipped).
 */
function nextPending(state: LiveState, from: number | null): number | null {
  const done = new Set([...state.revealed, ...state.skipped]);
  const start = from === null ? 0 : from + 1;
  for (let i = start; i < state.order.length; i++) {
    if (!done.has(state.order[i]!)) return i;
  }
  for (let i = 0; i < Math.min(start, state.order.length); i++) {
    if (i !== from && !done.has(state.order[i]!)) return i;
  }
  return null;
}

/** Applies a command issued against `expectedVersion`. */
export function apply(
  state: LiveState,
  command: Command,
  expectedVersion: number,
  ctx: MachineContext,
): Result {
  if (expectedVersion !== state.version) return { ok: false, refusal: "staleVersion" };
  const refuse = (refusal: Refusal): Result => ({ ok: false, refusal });

  if (command.type === "setOrder") {
    if (showStarted(state)) return refuse("orderLocked");
    const same =
      [...command.order].sort((a, b) => a - b).join(",") ===
      [...state.order].sort((a, b) => a - b).join(",");
    if (!same || new Set(command.order).size !== command.order.length) return refuse("badOrder");
    return next(state, { order: [...command.order] });
  }

  if (command.type === "unskip") {
    if (!state.skipped.includes(command.proposalId)) return refuse("notSkipped");
    const skipped = state.skipped.filter((id) => id !== command.proposalId);
    if (!state.finished) return next(state, { skipped });
    // The show had run out of pitches: the team returning is next on stage.
    return next(state, {
      skipped,
      finished: false,
      current: state.order.indexOf(command.proposalId),
      stage: "waiting",
      deadline: null,
      pausedRemainingMs: null,
    });
  }

  if (state.finished) return refuse("finished");

  // Before the first pitch, "start" and "skip" act on the first pending pitch.
  const current = state.current ?? (state.stage === "waiting" ? nextPending(state, null) : null);
  if (current === null) return refuse("noCurrentPitch");

  switch (command.type) {
    case "start":
      if (state.stage !== "waiting") return refuse("notAllowedInStage");
      return next(state, {
        current,
        stage: "pitching",
        deadline: ctx.now + ctx.pitchSeconds * 1000,
        pausedRemainingMs: null,
      });
    case "startQa":
      if (state.stage !== "pitching") return refuse("notAllowedInStage");
      return next(state, {
        stage: "qa",
        deadline: ctx.now + ctx.qaSeconds * 1000,
        pausedRemainingMs: null,
      });
    case "openScoring":
      if (state.stage !== "pitching" && state.stage !== "qa") return refuse("notAllowedInStage");
      return next(state, { stage: "scoring", deadline: null, pausedRemainingMs: null });
    case "closeScoring":
      if (state.stage !== "scoring") return refuse("notAllowedInStage");
      return next(state, { stage: "closed" });
    case "reopenScoring": {
      if (state.stage !== "closed" && state.stage !== "revealed")
        return refuse("notAllowedInStage");
      if (!command.reason.trim()) return refuse("reasonRequired");
      const id = state.order[current]!;
      return next(state, {
        stage: "scoring",
        revealed: state.revealed.filter((r) => r !== id),
      });
    }
    case "reveal": {
      if (state.stage !== "closed") return refuse("notAllowedInStage");
      const id = state.order[current]!;
      return next(state, { stage: "revealed", revealed: [...state.revealed, id] });
    }
    case "next": {
      if (state.stage !== "revealed") return refuse("notAllowedInStage");
      const following = nextPending(state, current);
      return following === null
        ? next(state, {
            current: null,
            stage: "waiting",
            deadline: null,
            pausedRemainingMs: null,
            finished: true,
          })
        : next(state, {
            current: following,
            stage: "waiting",
            deadline: null,
            pausedRemainingMs: null,
          });
    }
    case "skip": {
      if (state.stage !== "waiting") return refuse("notAllowedInStage");
      const skipped = [...state.skipped, state.order[current]!];
      const following = nextPending({ ...state, skipped }, current);
      return following === null
        ? next(state, { skipped, current: null, finished: true })
        : next(state, { skipped, current: following });
    }
    case "pause":
      if (!TIMED.includes(state.stage)) return refuse("notAllowedInStage");
      if (state.pausedRemainingMs !== null) return refuse("alreadyPaused");
      return next(state, {
        pausedRemainingMs: Math.max(0, (state.deadline ?? ctx.now) - ctx.now),
        deadline: null,
      });
    case "resume":
      if (!TIMED.includes(state.stage)) return refuse("notAllowedInStage");
      if (state.pausedRemainingMs === null) return refuse("notPaused");
      return next(state, { deadline: ctx.now + state.pausedRemainingMs, pausedRemainingMs: null });
    case "extend": {
      if (!TIMED.includes(state.stage)) return refuse("notAllowedInStage");
      if (
        !Number.isInteger(command.seconds) ||
        command.seconds <= 0 ||
        command.seconds > MAX_EXTENSION_SECONDS
      )
        return refuse("badExtension");
      const ms = command.seconds * 1000;
      if (state.pausedRemainingMs !== null)
        return next(state, { pausedRemainingMs: state.pausedRemainingMs + ms });
      // An overrun clock extends from now, not from the past deadline.
      return next(state, { deadline: Math.max(state.deadline ?? ctx.now, ctx.now) + ms });
    }
  }
}

/** Milliseconds left in a timed stage (negative when overrun); null when untimed. */
export function remainingMs(state: LiveState, now: number): number | null {
  if (state.pausedRemainingMs !== null) return state.pausedRemainingMs;
  if (state.deadline === null) return null;
  return state.deadline - now;
}

/** Commands the host could issue now (for buttons and shortcuts). */
export function availableCommands(state: LiveState): CommandType[] {
  const probe: MachineContext = { now: 0, pitchSeconds: 1, qaSeconds: 1 };
  const all: Command[] = [
    { type: "start" },
    { type: "startQa" },
    { type: "openScoring" },
    { type: "closeScoring" },
    { type: "reveal" },
    { type: "next" },
    { type: "skip" },
    { type: "pause" },
    { type: "resume" },
    { type: "extend", seconds: 60 },
    { type: "reopenScoring", reason: "probe" },
  ];
  return all.filter((c) => apply(state, c, state.version, probe).ok).map((c) => c.type);
}
