import { describe, expect, it } from "vitest";
import {
  COMPETITION_PHASES,
  PROPOSAL_STATUSES,
  type CompetitionPhase,
  type ProposalStatus,
  type Role,
} from "./enums";
import {
  availableActions,
  canRead,
  checkAction,
  type FlowContext,
  type ProposalAction,
} from "./proposal-flow";

const deadline = new Date("2026-12-10T10:00:00Z");
const before = new Date("2026-12-01T00:00:00Z");
const after = new Date("2026-12-11T00:00:00Z");

function ctx(over: Partial<FlowContext>): FlowContext {
  return {
    status: "draft",
    role: "secretary",
    ownCommunity: true,
    phase: "accepting",
    now: before,
    deadline,
    ...over,
  };
}

describe("proposal flow", () => {
  it("follows the happy path draft → submitted → returned → resubmitted → accepted", () => {
    expect(checkAction("submit", ctx({}))).toEqual({ ok: true, to: "submitted" });
    expect(
      checkAction(
        "return",
        ctx({ status: "submitted", role: "street_admin", ownCommunity: false }),
      ),
    ).toEqual({
      ok: true,
      to: "returned",
    });
    expect(checkAction("edit", ctx({ status: "returned" }))).toEqual({ ok: true, to: "returned" });
    expect(checkAction("submit", ctx({ status: "returned" }))).toEqual({
      ok: true,
      to: "resubmitted",
    });
    expect(checkAction("accept", ctx({ status: "resubmitted", role: "street_admin" }))).toEqual({
      ok: true,
      to: "accepted",
    });
    expect(checkAction("reject", ctx({ status: "submitted", role: "street_admin" }))).toEqual({
      ok: true,
      to: "rejected",
    });
  });

  it("refuses a first submission after the deadline, but lets a returned proposal be resubmitted", () => {
    expect(checkAction("submit", ctx({ now: after }))).toEqual({
      ok: false,
      refusal: "deadlinePassed",
    });
    expect(checkAction("submit", ctx({ now: after, status: "returned", phase: "review" }))).toEqual(
      {
        ok: true,
        to: "resubmitted",
      },
    );
    expect(checkAction("submit", ctx({ phase: "review" }))).toEqual({
      ok: false,
      refusal: "phaseClosed",
    });
    expect(checkAction("submit", ctx({ deadline: null, now: after }))).toEqual({
      ok: true,
      to: "submitted",
    });
  });

  it("keeps secretaries to their own community and review to the street", () => {
    expect(checkAction("submit", ctx({ ownCommunity: false }))).toEqual({
      ok: false,
      refusal: "forbidden",
    });
    expect(checkAction("edit", ctx({ role: "street_admin" }))).toEqual({
      ok: false,
      refusal: "forbidden",
    });
    for (const role of ["secretary", "judge", "clerk", "observer"] as Role[]) {
      expect(checkAction("accept", ctx({ status: "submitted", role }))).toEqual({
        ok: false,
        refusal: "forbidden",
      });
    }
  });

  it("allows withdrawal only before the roadshow", () => {
    expect(checkAction("withdraw", ctx({ status: "accepted", phase: "review" }))).toEqual({
      ok: true,
      to: "withdrawn",
    });
    expect(checkAction("withdraw", ctx({ status: "accepted", phase: "roadshow" }))).toEqual({
      ok: false,
      refusal: "phaseClosed",
    });
    expect(checkAction("withdraw", ctx({ status: "rejected" }))).toEqual({
      ok: false,
      refusal: "wrongStatus",
    });
  });

  it("never leaves a final status (accepted/rejected/withdrawn) except accepted → withdrawn", () => {
    const actions: ProposalAction[] = ["edit", "submit", "return", "accept", "reject", "withdraw"];
    for (const status of ["rejected", "withdrawn"] as ProposalStatus[]) {
      for (const role of ["secretary", "street_admin"] as Role[]) {
        for (const phase of COMPETITION_PHASES) {
          for (const a of actions)
            expect(checkAction(a, ctx({ status, role, phase })).ok).toBe(false);
        }
      }
    }
  });

  it("exhaustively: every allowed transition goes to a known status and review needs a reviewing phase", () => {
    for (const status of PROPOSAL_STATUSES) {
      for (const phase of COMPETITION_PHASES as readonly CompetitionPhase[]) {
        const admin = availableActions(
          ctx({ status, phase, role: "street_admin", ownCommunity: false }),
        );
        for (const a of admin) {
          expect(["return", "accept", "reject"]).toContain(a);
          expect(["accepting", "review"]).toContain(phase);
        }
      }
    }
  });

  it("lets the right people read", () => {
    expect(canRead({ status: "accepted", role: null, ownCommunity: false })).toBe(true);
    expect(canRead({ status: "submitted", role: null, ownCommunity: false })).toBe(false);
    expect(canRead({ status: "submitted", role: "secretary", ownCommunity: false })).toBe(false);
    expect(canRead({ status: "draft", role: "secretary", ownCommunity: true })).toBe(true);
    expect(canRead({ status: "draft", role: "street_admin", ownCommunity: false })).toBe(false);
    expect(canRead({ status: "submitted", role: "observer", ownCommunity: false })).toBe(true);
    expect(canRead({ status: "submitted", role: "judge", ownCommunity: false })).toBe(false);
  });
});
