import { describe, expect, it } from "vitest";
import { PaySchema, SpendSchema, todayInBeijing, UpdateSchema } from "./delivery-form";
import { msg } from "./messages";

const dayAfter = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe("delivery dates", () => {
  it("takes today in Beijing, which starts at 16:00 UTC the day before", () => {
    expect(todayInBeijing(new Date("2026-12-01T15:59:59Z"))).toBe("2026-12-01");
    expect(todayInBeijing(new Date("2026-12-01T16:00:00Z"))).toBe("2026-12-02");
  });

  it("refuses progress, spending and payments dated after today, in words", () => {
    const today = todayInBeijing();
    const tomorrow = dayAfter(today);
    const future = msg("delivery.refusals.future");
    const update = UpdateSchema.safeParse({ intent: "update", body: "完工", happenedOn: tomorrow });
    expect(update.error?.issues.map((i) => i.message)).toEqual([future]);
    expect(
      UpdateSchema.safeParse({ intent: "update", body: "完工", happenedOn: today }).success,
    ).toBe(true);
    const spend = SpendSchema.safeParse({
      intent: "spend",
      budgetLineId: 1,
      amount: "100",
      spentOn: tomorrow,
      description: "材料",
    });
    expect(spend.error?.issues.map((i) => i.message)).toEqual([future]);
    const pay = PaySchema.safeParse({ intent: "pay", fundId: 1, amount: "100", paidOn: tomorrow });
    expect(pay.error?.issues.map((i) => i.message)).toEqual([future]);
    expect(
      PaySchema.safeParse({ intent: "pay", fundId: 1, amount: "100", paidOn: "2026-01-31" })
        .success,
    ).toBe(true);
  });
});
