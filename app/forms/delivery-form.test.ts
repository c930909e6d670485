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

describe("delivery files", () => {
  it("refuses a file over 20 MB before it is sent, naming it; a smaller one passes", () => {
    const today = todayInBeijing();
    const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], "大照片.jpg", {
      type: "image/jpeg",
    });
    const small = new File([new Uint8Array(10)], "小照片.jpg", { type: "image/jpeg" });
    const update = (photos: File[]) =>
      UpdateSchema.safeParse({ intent: "update", body: "完工", happenedOn: today, photos });
    expect(update([small, big]).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["photos", msg("delivery.uploads.tooLarge", { name: "大照片.jpg" })],
    ]);
    expect(update([small]).success).toBe(true);
    const spend = SpendSchema.safeParse({
      intent: "spend",
      budgetLineId: 1,
      amount: "100",
      spentOn: today,
      description: "材料",
      receipt: big,
    });
    expect(spend.error?.issues.map((i) => i.path.join("."))).toEqual(["receipt"]);
  });

  it("refuses photos over 60 MB together (the request cap) before they are sent", () => {
    const today = todayInBeijing();
    const photo = (n: number) =>
      new File([new Uint8Array(16 * 1024 * 1024)], `照片${n}.jpg`, { type: "image/jpeg" });
    const update = (photos: File[]) =>
      UpdateSchema.safeParse({ intent: "update", body: "完工", happenedOn: today, photos });
    expect(update([photo(1), photo(2), photo(3)]).success).toBe(true);
    expect(
      update([photo(1), photo(2), photo(3), photo(4)]).error?.issues.map((i) => [
        i.path.join("."),
        i.message,
      ]),
    ).toEqual([["photos", msg("delivery.uploads.totalTooLarge", { mb: 60 })]]);
  });
});
