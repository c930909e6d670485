import { describe, expect, it } from "vitest";
import {
  allowedActions,
  canManageView,
  checkDeliveryAction,
  checkSpending,
  checkTranche,
  moneySummary,
  nextStatus,
  remainingFen,
  spentByLine,
} from "./delivery";
import type { DeliveryStatus } from "./enums";

const secretary = { role: "secretary" as const, communityId: 3 };
const otherSecretary = { role: "secretary" as const, communityId: 4 };
const street = { role: "street_admin" as const, communityId: null };
const observer = { role: "observer" as const, communityId: null };
const at = (status: DeliveryStatus) => ({ status, communityId: 3 });

describe("who may do what on a delivery", () => {
  it("lets the community's secretary work on it and nobody else's", () => {
    expect(allowedActions(secretary, at("in_progress"))).toEqual([
      "postUpdate",
      "markMilestone",
      "recordSpending",
    ]);
    expect(allowedActions(otherSecretary, at("in_progress"))).toEqual([]);
    expect(checkDeliveryAction("disburse", secretary, at("in_progress"))).toEqual({
      ok: false,
      refusal: "forbidden",
    });
  });

  it("gives the street the money and the oversight, not the community's own work", () => {
    expect(allowedActions(street, at("in_progress"))).toEqual([
      "disburse",
      "flagLate",
      "flagRisk",
      "terminate",
      "markDone",
    ]);
    expect(allowedActions(street, at("late"))).toContain("unflagLate");
    expect(checkDeliveryAction("postUpdate", street, at("in_progress")).ok).toBe(false);
  });

  it("leaves observers and visitors read-only", () => {
    expect(allowedActions(observer, at("in_progress"))).toEqual([]);
    expect(allowedActions({ role: null, communityId: null }, at("not_started"))).toEqual([]);
    expect(canManageView(observer, 3)).toBe(true);
    expect(canManageView(otherSecretary, 3)).toBe(false);
    expect(canManageView({ role: "judge", communityId: null }, 3)).toBe(false);
  });

  it("closes a finished or terminated project, but pays a finished one's last tranche", () => {
    for (const s of ["done", "terminated"] as const) {
      expect(checkDeliveryAction("postUpdate", secretary, at(s))).toEqual({
        ok: false,
        refusal: "final",
      });
      expect(checkDeliveryAction("markDone", street, at(s)).ok).toBe(false);
    }
    expect(checkDeliveryAction("disburse", street, at("done")).ok).toBe(true);
    expect(checkDeliveryAction("disburse", street, at("terminated")).ok).toBe(false);
  });
});

describe("status transitions", () => {
  it("starts with the first piece of work and stays late until the street clears it", () => {
    expect(nextStatus("not_started", "postUpdate")).toBe("in_progress");
    expect(nextStatus("not_started", "recordSpending")).toBe("in_progress");
    expect(nextStatus("late", "postUpdate")).toBe("late");
    expect(nextStatus("in_progress", "flagLate")).toBe("late");
    expect(nextStatus("late", "unflagLate")).toBe("in_progress");
    expect(nextStatus("late", "markDone")).toBe("done");
    expect(nextStatus("not_started", "terminate")).toBe("terminated");
    expect(nextStatus("in_progress", "disburse")).toBe("in_progress");
    expect(checkDeliveryAction("flagLate", street, at("late")).ok).toBe(false);
    expect(checkDeliveryAction("unflagLate", street, at("in_progress")).ok).toBe(false);
  });
});

describe("money", () => {
  it("never pays a fund beyond its grant", () => {
    const grant = { grantedFen: 100_000_00, paidFen: 60_000_00 };
    expect(remainingFen(grant)).toBe(40_000_00);
    expect(checkTranche(grant, 40_000_00)).toEqual({ ok: true });
    expect(checkTranche(grant, 40_000_01)).toEqual({ ok: false, refusal: "overGrant" });
    expect(checkTranche(grant, 0)).toEqual({ ok: false, refusal: "amountPositive" });
    expect(checkTranche(grant, 1.5)).toEqual({ ok: false, refusal: "amountPositive" });
  });

  it("adds spending per budget line and refuses going over a line", () => {
    const lines = spentByLine(
      [
        { id: 1, budgetFen: 5000 },
        { id: 2, budgetFen: 3000 },
      ],
      [
        { budgetLineId: 1, amountFen: 1200 },
        { budgetLineId: 1, amountFen: 800 },
        { budgetLineId: 2, amountFen: 3000 },
      ],
    );
    expect(lines).toEqual([
      { id: 1, budgetFen: 5000, spentFen: 2000 },
      { id: 2, budgetFen: 3000, spentFen: 3000 },
    ]);
    expect(checkSpending(lines[0]!, 3000).ok).toBe(true);
    expect(checkSpending(lines[1]!, 1)).toEqual({ ok: false, refusal: "overBudget" });
    expect(
      moneySummary(
        [
          { grantedFen: 6000, paidFen: 2000 },
          { grantedFen: 2000, paidFen: 0 },
        ],
        lines,
      ),
    ).toEqual({ granted: 8000, paid: 2000, unpaid: 6000, budget: 8000, spent: 5000 });
  });
});
