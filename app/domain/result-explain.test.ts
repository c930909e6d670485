import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/i18n";
import { allocateFunds, type FundSpec, type ProjectSpec, type Reason } from "./allocation/funds";
import { groupDecimal, reasonText } from "./result-explain";
import type { ResultOutput, ResultRow } from "./results";

const t = createI18n("zh-CN").t as TFunction;
const yuan = (y: number) => y * 100;
const street: FundSpec = {
  kind: "street",
  name: "街道惠民资金",
  totalFen: yuan(100_000),
  capFen: yuan(50_000),
  matchRatioBp: null,
  eligibleCategories: [],
};
const output = {
  funds: [
    { kind: "street", name: "街道惠民资金" },
    { kind: "foundation", name: "花山街社区基金会" },
  ],
} as unknown as ResultOutput;
const row = { category: "elderly" } as unknown as ResultRow;
const p = (id: number, s: number): ProjectSpec => ({
  id,
  category: "elderly",
  votes: 0,
  requests: { street: yuan(s), foundation: 0 },
});
const lines = (reasons: Reason[]) => reasons.map((r) => reasonText(t, output, row, r));

describe("explanation lines say what happened, literally", () => {
  it("tier lines name the fund and the percentage of the request; the cap applies after", () => {
    const a = allocateFunds([street], [p(1, 70_000), p(2, 30_000)], {
      kind: "tiers",
      tiers: [{ name: "二等奖", count: 2, amount: { kind: "percent", bp: 8000 } }],
    });
    // 80% of 70,000 = 56,000, then the 50,000 cap; 80% of 30,000 = 24,000.
    expect(a.lines.map((l) => l.amounts.street / 100)).toEqual([50_000, 24_000]);
    const first = lines(a.lines[0]!.reasons);
    expect(first).toContain(
      "街道惠民资金:申请 70,000.00 元,超过单个项目上限,按上限 50,000.00 元计",
    );
    expect(first).toContain(
      "街道惠民资金:获二等奖,按申请额 70,000.00 元的 80% 计 56,000.00 元,资助 50,000.00 元",
    );
    expect(lines(a.lines[1]!.reasons)).toEqual([
      "街道惠民资金:获二等奖,按申请额 30,000.00 元的 80% 计 24,000.00 元,资助 24,000.00 元",
    ]);
  });

  it("a fixed tier above the request says the request limits it", () => {
    const a = allocateFunds([street], [p(1, 20_000)], {
      kind: "tiers",
      tiers: [{ name: "一等奖", count: 1, amount: { kind: "fixed", fen: yuan(30_000) } }],
    });
    expect(lines(a.lines[0]!.reasons)).toEqual([
      "街道惠民资金:获一等奖,定额 30,000.00 元高于申请额,以申请额为限,资助 20,000.00 元",
    ]);
  });

  it("equal shares: the raised share is called a working share, payments are 'at most'", () => {
    // 300 voters, a 300,000 fund: the plain share is 1,000; Add1 raises it until the next step
    // would overspend, so the share × voters can exceed the fund.
    const ballots = [
      ...Array.from({ length: 200 }, () => [1]),
      ...Array.from({ length: 100 }, () => [2]),
    ];
    const a = allocateFunds(
      [{ ...street, totalFen: yuan(300_000), capFen: null }],
      [p(1, 250_000), p(2, 40_000)],
      { kind: "equal-shares", completion: "none", ballots },
    );
    const perVoter = a.perVoterFen!;
    expect(perVoter * 300).toBeGreaterThan(yuan(300_000));
    const selected = a.lines[0]!.reasons.find((r) => r.code === "mesSelected")!;
    expect(selected).toBeDefined();
    const text = reasonText(t, output, row, selected);
    expect(text).toContain("份额合计可以超过资金总额");
    expect(text).toContain("每人至多出");
    expect(text).toMatch(/\d{1,3}(,\d{3})+\.\d{2} 元/);
    // What each of the 200 supporters paid at most really covers the project.
    const pay = Number((selected as { payYuan: string }).payYuan);
    expect(Math.round(pay * 200 * 100)).toBeGreaterThanOrEqual(yuan(250_000) - 200);
  });

  it("groups every amount in thousands", () => {
    expect(groupDecimal("1587.49")).toBe("1,587.49");
    expect(groupDecimal("1234567.8")).toBe("1,234,567.8");
    expect(groupDecimal("999.00")).toBe("999.00");
    expect(
      reasonText(t, output, row, { code: "mesSelected", perVoterFen: 237_300, payYuan: "1587.49" }),
    ).toContain("每人至多出 1,587.49 元");
  });

  it("keeps the short tier line for runs stored before fund and award were recorded", () => {
    expect(reasonText(t, output, row, { code: "tier", tier: "一等奖", amount: yuan(5_000) })).toBe(
      "获一等奖,奖励 5,000.00 元",
    );
  });
});
