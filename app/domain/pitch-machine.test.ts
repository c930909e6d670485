import { describe, expect, it } from "vitest";
import {
  apply,
  availableCommands,
  currentProposal,
  initialState,
  remainingMs,
  type Command,
  type LiveState,
  type MachineContext,
  type Stage,
} from "./pitch-machine";

const ctx: MachineContext = { now: 1_000_000, pitchSeconds: 300, qaSeconds: 180 };

function run(state: LiveState, ...commands: Command[]): LiveState {
  let s = state;
  for (const c of commands) {
    const r = apply(s, c, s.version, ctx);
    if (!r.ok) throw new Error(`${c.type} refused: ${r.refusal}`);
    s = r.state;
  }
  return s;
}

const at = (stage: Stage): LiveState => {
  const s = initialState([11, 22, 33]);
  switch (stage) {
    case "waiting":
      return s;
    case "pitching":
      return run(s, { type: "start" });
    case "qa":
      return run(s, { type: "start" }, { type: "startQa" });
    case "scoring":
      return run(s, { type: "start" }, { type: "startQa" }, { type: "openScoring" });
    case "closed":
      return run(s, { type: "start" }, { type: "openScoring" }, { type: "closeScoring" });
    case "revealed":
      return run(
        s,
        { type: "start" },
        { type: "openScoring" },
        { type: "closeScoring" },
        { type: "reveal" },
      );
  }
};

const COMMANDS: Command[] = [
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
  { type: "reopenScoring", reason: "平板故障" },
];

// stage → the commands that are legal there (pause/resume depend on the paused flag).
const LEGAL: Record<Stage, string[]> = {
  waiting: ["start", "skip"],
  pitching: ["startQa", "openScoring", "pause", "extend"],
  qa: ["openScoring", "pause", "extend"],
  scoring: ["closeScoring"],
  closed: ["reveal", "reopenScoring"],
  revealed: ["next", "reopenScoring"],
};

describe("pitch state machine", () => {
  it.each(Object.entries(LEGAL))("in %s allows exactly %j", (stage, legal) => {
    const s = at(stage as Stage);
    for (const c of COMMANDS) {
      const r = apply(s, c, s.version, ctx);
      expect(r.ok, `${stage} + ${c.type}`).toBe(legal.includes(c.type));
      if (!r.ok) expect(["notAllowedInStage", "notPaused"]).toContain(r.refusal);
    }
    expect(availableCommands(s).sort()).toEqual([...legal].sort());
  });

  it("runs a pitch from start to reveal with server deadlines", () => {
    let s = initialState([11, 22, 33]);
    s = run(s, { type: "start" });
    expect(currentProposal(s)).toBe(11);
    expect(s.deadline).toBe(ctx.now + 300_000);
    s = run(s, { type: "startQa" });
    expect(s.stage).toBe("qa");
    expect(s.deadline).toBe(ctx.now + 180_000);
    s = run(s, { type: "openScoring" }, { type: "closeScoring" }, { type: "reveal" });
    expect(s.revealed).toEqual([11]);
    s = run(s, { type: "next" });
    expect(currentProposal(s)).toBe(22);
    expect(s.stage).toBe("waiting");
    expect(s.version).toBe(7);
  });

  it("refuses a command issued against a stale version (double click, second host)", () => {
    const s = at("scoring");
    const first = apply(s, { type: "closeScoring" }, s.version, ctx);
    expect(first.ok).toBe(true);
    const second = apply(first.ok ? first.state : s, { type: "closeScoring" }, s.version, ctx);
    expect(second).toEqual({ ok: false, refusal: "staleVersion" });
  });

  it("pauses, resumes and extends the clock", () => {
    let s = at("pitching");
    const later = { ...ctx, now: ctx.now + 100_000 };
    const paused = apply(s, { type: "pause" }, s.version, later);
    expect(paused.ok).toBe(true);
    s = (paused as { state: LiveState }).state;
    expect(s.pausedRemainingMs).toBe(200_000);
    expect(remainingMs(s, later.now + 999_999)).toBe(200_000);
    expect(apply(s, { type: "pause" }, s.version, later)).toEqual({
      ok: false,
      refusal: "alreadyPaused",
    });
    s = (apply(s, { type: "extend", seconds: 60 }, s.version, later) as { state: LiveState }).state;
    expect(s.pausedRemainingMs).toBe(260_000);
    const resumedAt = { ...ctx, now: ctx.now + 500_000 };
    s = (apply(s, { type: "resume" }, s.version, resumedAt) as { state: LiveState }).state;
    expect(s.deadline).toBe(resumedAt.now + 260_000);
    expect(apply(s, { type: "resume" }, s.version, resumedAt)).toEqual({
      ok: false,
      refusal: "notPaused",
    });
    expect(apply(s, { type: "extend", seconds: 0 }, s.version, resumedAt)).toEqual({
      ok: false,
      refusal: "badExtension",
    });
  });

  it("extends an overrun clock from now", () => {
    const s = at("qa");
    const late = { ...ctx, now: ctx.now + 400_000 };
    const r = apply(s, { type: "extend", seconds: 30 }, s.version, late);
    expect(r.ok && r.state.deadline).toBe(late.now + 30_000);
  });

  it("skips an absent team and finishes after the last pitch", () => {
    let s = initialState([11, 22]);
    s = run(s, { type: "skip" });
    expect(s.skipped).toEqual([11]);
    expect(currentProposal(s)).toBe(22);
    s = run(
      s,
      { type: "start" },
      { type: "openScoring" },
      { type: "closeScoring" },
      { type: "reveal" },
      { type: "next" },
    );
    expect(s.finished).toBe(true);
    expect(currentProposal(s)).toBeNull();
    expect(apply(s, { type: "start" }, s.version, ctx)).toEqual({ ok: false, refusal: "finished" });
    expect(availableCommands(s)).toEqual([]);
  });

  it("brings a skipped team back: it pitches after the pitches still ahead", () => {
    let s = initialState([11, 22, 33]);
    s = run(s, { type: "skip" }); // 11 absent
    expect(currentProposal(s)).toBe(22);
    expect(apply(s, { type: "unskip", proposalId: 22 }, s.version, ctx)).toEqual({
      ok: false,
      refusal: "notSkipped",
    });
    s = run(s, { type: "unskip", proposalId: 11 }); // the team arrives during 22's turn
    expect(s.skipped).toEqual([]);
    const pitch = [
      { type: "start" },
      { type: "openScoring" },
      { type: "closeScoring" },
      { type: "reveal" },
      { type: "next" },
    ] as Command[];
    s = run(s, ...pitch);
    expect(currentProposal(s)).toBe(33);
    s = run(s, ...pitch);
    expect(currentProposal(s)).toBe(11); // after the remaining ones
    expect(s.finished).toBe(false);
    s = run(s, ...pitch);
    expect(s.finished).toBe(true);
    expect(s.revealed.sort()).toEqual([11, 22, 33]);
  });

  it("brings a skipped team back after the last pitch: it goes on stage at once", () => {
    let s = initialState([11, 22]);
    s = run(s, { type: "skip" }, { type: "start" }, { type: "openScoring" });
    s = run(s, { type: "closeScoring" }, { type: "reveal" }, { type: "next" });
    expect(s.finished).toBe(true);
    s = run(s, { type: "unskip", proposalId: 11 });
    expect(s).toMatchObject({ finished: false, stage: "waiting", skipped: [] });
    expect(currentProposal(s)).toBe(11);
    expect(availableCommands(s).sort()).toEqual(["skip", "start"]);
  });

  it("reopens scoring of the pitch on stage with a reason, taking a revealed score down", () => {
    const closed = at("closed");
    expect(apply(closed, { type: "reopenScoring", reason: "  " }, closed.version, ctx)).toEqual({
      ok: false,
      refusal: "reasonRequired",
    });
    expect(run(closed, { type: "reopenScoring", reason: "平板没电" }).stage).toBe("scoring");
    const revealed = at("revealed");
    expect(revealed.revealed).toEqual([11]);
    const reopened = run(revealed, { type: "reopenScoring", reason: "平板没电" });
    expect(reopened).toMatchObject({ stage: "scoring", revealed: [] });
    expect(currentProposal(reopened)).toBe(11);
    // …and the pitch then runs to its reveal as before.
    expect(run(reopened, { type: "closeScoring" }, { type: "reveal" }).revealed).toEqual([11]);
  });

  it("lets the order be edited only before the show, and only as a permutation", () => {
    const s = initialState([11, 22, 33]);
    const r = apply(s, { type: "setOrder", order: [33, 11, 22] }, s.version, ctx);
    expect(r.ok && r.state.order).toEqual([33, 11, 22]);
    expect(apply(s, { type: "setOrder", order: [33, 11] }, s.version, ctx)).toEqual({
      ok: false,
      refusal: "badOrder",
    });
    expect(apply(s, { type: "setOrder", order: [33, 11, 11] }, s.version, ctx)).toEqual({
      ok: false,
      refusal: "badOrder",
    });
    const started = at("pitching");
    expect(apply(started, { type: "setOrder", order: [33, 22, 11] }, started.version, ctx)).toEqual(
      {
        ok: false,
        refusal: "orderLocked",
      },
    );
  });

  it("an empty run sheet has nothing to start", () => {
    const s = initialState([]);
    expect(apply(s, { type: "start" }, s.version, ctx)).toEqual({
      ok: false,
      refusal: "noCurrentPitch",
    });
  });
});
