/**
 * The life of a proposal (微项目), pure: who may do what, in which status and phase.
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted
 *     ▲                 │  └────reject──▶ rejected
 *     │               return (with reasons)
 *     │                 ▼
 *     └───(edit)─── returned ──resubmit──▶ resubmitted ──accept/reject/return──▶ …
 *
 * Any of draft, submitted, returned, resubmitted, accepted may be withdrawn by its community
 * before the roadshow.
 */
import type { CompetitionPhase, ProposalStatus, Role } from "./enums";

/** The street's latest return of a proposal: a reason and notes per field (stored as jsonb). */
export interface ReviewNotes {
  reason: string;
  fields?: Record<string, string>;
}

export type ProposalAction = "edit" | "submit" | "return" | "accept" | "reject" | "withdraw";

export type FlowRefusal = "forbidden" | "wrongStatus" | "deadlinePassed" | "phaseClosed";

export interface FlowContext {
  status: ProposalStatus;
  role: Role;
  /** The actor is the secretary of the proposal's community. */
  ownCommunity: boolean;
  phase: CompetitionPhase;
  now: Date;
  deadline: Date | null;
}

type FlowResult = { ok: true; to: ProposalStatus } | { ok: false; refusal: FlowRefusal };

const BEFORE_ROADSHOW: readonly CompetitionPhase[] = ["draft", "accepting", "review"];
const REVIEWING: readonly CompetitionPhase[] = ["accepting", "review"];
const EDITABLE: readonly ProposalStatus[] = ["draft", "returned"];
const UNDER_REVIEW: readonly ProposalStatus[] = ["submitted", "resubmitted"];
const WITHDRAWABLE: readonly ProposalStatus[] = [
  "draft",
  "submitted",
  "returned",
  "resubmitted",
  "accepted",
];

const refuse = (refusal: FlowRefusal): FlowResult => ({ ok: false, refusal });

export function checkAction(action: ProposalAction, ctx: FlowContext): FlowResult {
  const secretary = ctx.role === "secretary" && ctx.ownCommunity;
  const admin = ctx.role === "street_admin";
  switch (action) {
    case "edit": {
      if (!secretary) return refuse("forbidden");
      if (!EDITABLE.includes(ctx.status)) return refuse("wrongStatus");
      if (!BEFORE_ROADSHOW.includes(ctx.phase)) return refuse("phaseClosed");
      return { ok: true, to: ctx.status };
    }
    case "submit": {
      if (!secretary) return refuse("forbidden");
      if (ctx.status === "draft") {
        if (ctx.phase !== "accepting") return refuse("phaseClosed");
        if (ctx.deadline && ctx.now.getTime() > ctx.deadline.getTime())
          return refuse("deadlinePassed");
        return { ok: true, to: "submitted" };
      }
      if (ctx.status === "returned") {
        // The street asked for changes: fixing them is allowed after the deadline, until review ends.
        if (!REVIEWING.includes(ctx.phase)) return refuse("phaseClosed");
        return { ok: true, to: "resubmitted" };
      }
      return refuse("wrongStatus");
    }
    case "return":
    case "accept":
    case "reject": {
      if (!admin) return refuse("forbidden");
      if (!UNDER_REVIEW.includes(ctx.status)) return refuse("wrongStatus");
      if (!REVIEWING.includes(ctx.phase)) return refuse("phaseClosed");
      const to = action === "return" ? "returned" : action === "accept" ? "accepted" : "rejected";
      return { ok: true, to };
    }
    case "withdraw": {
      if (!secretary) return refuse("forbidden");
      if (!WITHDRAWABLE.includes(ctx.status)) return refuse("wrongStatus");
      if (!BEFORE_ROADSHOW.includes(ctx.phase)) return refuse("phaseClosed");
      return { ok: true, to: "withdrawn" };
    }
  }
}

/** The actions a user could take now (for buttons). */
export function availableActions(ctx: FlowContext): ProposalAction[] {
  const all: ProposalAction[] = ["edit", "submit", "return", "accept", "reject", "withdraw"];
  return all.filter((a) => checkAction(a, ctx).ok);
}

/** Who may read a proposal. Drafts stay inside their community; accepted ones are public. */
export function canRead(input: {
  status: ProposalStatus;
  role: Role | null;
  ownCommunity: boolean;
}): boolean {
  if (input.status === "accepted") return true;
  if (input.role === "street_admin" || input.role === "observer") return input.status !== "draft";
  if (input.role === "secretary" && input.ownCommunity) return true;
  return false;
}

/** A proposal counts as active for its needs while it may still be funded. */
export function isActive(status: ProposalStatus) {
  return (
    status === "submitted" ||
    status === "resubmitted" ||
    status === "returned" ||
    status === "accepted"
  );
}
