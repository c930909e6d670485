/**
 * Delivery (任务清单): what happens to a funded project after the 公示. Pure rules, no I/O.
 *
 * Status of a delivery:
 *
 *     not_started ──(first progress, milestone or spending)──▶ in_progress
 *         │  ╲                                                   │   ▲
 *         │   ╲──(street: flag late)──▶ late ◀──(flag late)──────┘   │
 *         │                             │ └──(street: unflag)────────┘
 *         ▼                             ▼
 *     done (street: mark done)      terminated (street, with a reason)
 *
 * done and terminated are final. Any status but a final one may be marked done or terminated.
 * The street may also flag "at risk" (有风险) beside the status, and clear it.
 *
 * Who does what:
 * - the community's secretary posts progress, marks milestones done, records spending;
 * - the street admin pays tranches per fund, flags late / at risk, terminates, marks done;
 * - observers and everyone else read.
 *
 * Money: a fund pays at most what it granted (the sum of its tranches never exceeds its grant);
 * spending on a budget line never exceeds that line's budget (quantity × unit price). All in 分.
 */
import type { DeliveryStatus, Role } from "./enums";

const FINAL_STATUSES: readonly DeliveryStatus[] = ["done", "terminated"];

function isFinal(status: DeliveryStatus) {
  return FINAL_STATUSES.includes(status);
}

export const DELIVERY_ACTIONS = [
  "postUpdate",
  "markMilestone",
  "recordSpending",
  "disburse",
  "flagLate",
  "unflagLate",
  "flagRisk",
  "terminate",
  "markDone",
] as const;
export type DeliveryAction = (typeof DELIVERY_ACTIONS)[number];

/** The community's own work on the project. */
const COMMUNITY_ACTIONS: readonly DeliveryAction[] = [
  "postUpdate",
  "markMilestone",
  "recordSpending",
];
/** The street's oversight and money. */
const STREET_ACTIONS: readonly DeliveryAction[] = [
  "disburse",
  "flagLate",
  "unflagLate",
  "flagRisk",
  "terminate",
  "markDone",
];

export type DeliveryRefusal =
  | "forbidden"
  | "final"
  | "notLate"
  | "alreadyLate"
  | "overGrant"
  | "overBudget"
  | "reasonRequired"
  | "amountPositive";

interface DeliveryActor {
  role: Role | null;
  communityId: number | null;
}

type Check = { ok: true } | { ok: false; refusal: DeliveryRefusal };

const refuse = (refusal: DeliveryRefusal): Check => ({ ok: false, refusal });
const OK: Check = { ok: true };

/** May this user do this to a delivery of that community, in that status? */
export function checkDeliveryAction(
  action: DeliveryAction,
  actor: DeliveryActor,
  delivery: { status: DeliveryStatus; communityId: number },
): Check {
  if (COMMUNITY_ACTIONS.includes(action)) {
    if (actor.role !== "secretary" || actor.communityId !== delivery.communityId)
      return refuse("forbidden");
  } else if (STREET_ACTIONS.includes(action)) {
    if (actor.role !== "street_admin") return refuse("forbidden");
  }
  const status = delivery.status;
  // A terminated project pays nothing more; a finished one may still get its last tranche.
  if (action === "disburse") return status === "terminated" ? refuse("final") : OK;
  if (isFinal(status)) return refuse("final");
  if (action === "flagLate" && status === "late") return refuse("alreadyLate");
  if (action === "unflagLate" && status !== "late") return refuse("notLate");
  return OK;
}

/** The status after an action (the action is assumed allowed). */
export function nextStatus(status: DeliveryStatus, action: DeliveryAction): DeliveryStatus {
  switch (action) {
    case "postUpdate":
    case "markMilestone":
    case "recordSpending":
      return status === "not_started" ? "in_progress" : status;
    case "flagLate":
      return "late";
    case "unflagLate":
      return "in_progress";
    case "terminate":
      return "terminated";
    case "markDone":
      return "done";
    default:
      return status;
  }
}

/** What the user may do on a delivery (for the page's buttons; the server checks again). */
export function allowedActions(
  actor: DeliveryActor,
  delivery: { status: DeliveryStatus; communityId: number },
): DeliveryAction[] {
  return DELIVERY_ACTIONS.filter((a) => checkDeliveryAction(a, actor, delivery).ok);
}

/** Who may read a delivery's private side (receipts, the management page). */
export function canManageView(actor: DeliveryActor, communityId: number) {
  return (
    actor.role === "street_admin" ||
    actor.role === "observer" ||
    (actor.role === "secretary" && actor.communityId === communityId)
  );
}

/** What a fund may still pay out. */
export function remainingFen(f: { grantedFen: number; paidFen: number }) {
  return Math.max(0, f.grantedFen - f.paidFen);
}

/** May a tranche of this amount be paid from this grant? */
export function checkTranche(grant: { grantedFen: number; paidFen: number }, amountFen: number) {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse("amountPositive");
  if (amountFen > remainingFen(grant)) return refuse("overGrant");
  return OK;
}

interface BudgetLineMoney {
  id: number;
  budgetFen: number;
  spentFen: number;
}

/** Spending per budget line from the spending records (lines with nothing spent show 0). */
export function spentByLine(
  lines: ReadonlyArray<{ id: number; budgetFen: number }>,
  spending: ReadonlyArray<{ budgetLineId: number; amountFen: number }>,
): BudgetLineMoney[] {
  return lines.map((l) => ({
    id: l.id,
    budgetFen: l.budgetFen,
    spentFen: spending
      .filter((s) => s.budgetLineId === l.id)
      .reduce((sum, s) => sum + s.amountFen, 0),
  }));
}

/** May this amount be spent on this line? */
export function checkSpending(line: { budgetFen: number; spentFen: number }, amountFen: number) {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse("amountPositive");
  if (line.spentFen + amountFen > line.budgetFen) return refuse("overBudget");
  return OK;
}

/** Totals for a page: granted, paid, spent, and what is left to pay. */
export function moneySummary(
  grants: ReadonlyArray<{ grantedFen: number; paidFen: number }>,
  lines: ReadonlyArray<{ budgetFen: number; spentFen: number }>,
) {
  const granted = grants.reduce((s, g) => s + g.grantedFen, 0);
  const paid = grants.reduce((s, g) => s + g.paidFen, 0);
  const budget = lines.reduce((s, l) => s + l.budgetFen, 0);
  const spent = lines.reduce((s, l) => s + l.spentFen, 0);
  return { granted, paid, unpaid: granted - paid, budget, spent };
}
