import { describe, expect, it } from "vitest";
import { checkBallot, numberBallot } from "./ballot";
import { checkCount, reconcile, type PaperCount } from "./paper-count";
import { maskName, maskPhone, matchKey, normalisePhone } from "./registry";

const options = [
  { id: 1, requestedFen: 50_000_00 },
  { id: 2, requestedFen: 30_000_00 },
  { id: 3, requestedFen: 20_000_00 },
  { id: 4, requestedFen: 10_000_00 },
];

describe("ballots", () => {
  const approval = { rule: "approval" as const, maxChoices: 3, voterBudgetFen: null };
  const budget = { rule: "budget" as const, maxChoices: 99, voterBudgetFen: 60_000_00 };
  it("approval: 1..K distinct projects on the ballot", () => {
    expect(checkBallot(approval, options, [1, 2, 3])).toMatchObject({ ok: true });
    expect(checkBallot(approval, options, [1, 2, 3, 4])).toEqual({ ok: false, problem: "tooMany" });
    expect(checkBallot(approval, options, [])).toEqual({ ok: false, problem: "empty" });
    expect(checkBallot(approval, options, [1, 1])).toEqual({ ok: false, problem: "duplicate" });
    expect(checkBallot(approval, options, [9])).toEqual({ ok: false, problem: "notOnBallot" });
  });
  it("budget: the chosen requests fit the voter's budget", () => {
    expect(checkBallot(budget, options, [2, 3, 4])).toEqual({ ok: true, spentFen: 60_000_00 });
    expect(checkBallot(budget, options, [1, 3])).toEqual({ ok: false, problem: "overBudget" });
  });
  it("numbers the ballot in pitch order, then community order", () => {
    const inCommunityOrder = [{ id: 10 }, { id: 20 }, { id: 30 }];
    expect(numberBallot(inCommunityOrder, [30, 10]).map((p) => [p.number, p.id])).toEqual([
      [1, 30],
      [2, 10],
      [3, 20],
    ]);
    expect(numberBallot(inCommunityOrder, []).map((p) => p.id)).toEqual([10, 20, 30]);
  });
});

describe("paper counts", () => {
  const ids = [1, 2, 3];
  const entry = (
    userId: number,
    votes: Record<string, number>,
    cast = 100,
    invalid = 2,
  ): PaperCount => ({ userId, kind: "entry", ballotsCast: cast, invalid, votes });
  it("checks one count", () => {
    expect(
      checkCount({ ballotsCast: 100, invalid: 2, votes: { 1: 60, 2: 50, 3: 40 } }, ids, 3),
    ).toEqual([]);
    expect(checkCount({ ballotsCast: 10, invalid: 11, votes: {} }, ids, 3)).toEqual([
      { field: "invalid", problem: "moreThanCast" },
    ]);
    expect(checkCount({ ballotsCast: 10, invalid: 0, votes: { 1: 11 } }, ids, 3)).toEqual([
      { field: "1", problem: "moreThanValid" },
    ]);
    expect(
      checkCount({ ballotsCast: 10, invalid: 0, votes: { 1: 10, 2: 10, 3: 10 } }, ids, 2),
    ).toEqual([{ field: "votes", problem: "tooManyVotes" }]);
    expect(checkCount({ ballotsCast: 10, invalid: 0, votes: { 9: 1 } }, ids, 3)).toEqual([
      { field: "9", problem: "notAProject" },
    ]);
  });
  it("agrees only on identical counts by two different clerks", () => {
    expect(reconcile([], ids).status).toBe("empty");
    expect(reconcile([entry(7, { 1: 60 })], ids).status).toBe("single");
    const agreed = reconcile([entry(7, { 1: 60, 2: 50 }), entry(8, { 1: 60, 2: 50, 3: 0 })], ids);
    expect(agreed).toMatchObject({
      status: "agreed",
      result: { ballotsCast: 100, invalid: 2, votes: { 1: 60, 2: 50, 3: 0 } },
    });
  });
  it("shows the differing lines of a mismatch", () => {
    const r = reconcile(
      [entry(7, { 1: 60, 2: 50, 3: 40 }), entry(8, { 1: 60, 2: 51, 3: 40 }, 100, 3)],
      ids,
    );
    expect(r).toMatchObject({
      status: "mismatch",
      diff: [
        { line: "invalid", values: [2, 3] },
        { line: "2", values: [50, 51] },
      ],
    });
  });
  it("takes the street's resolution as final", () => {
    const r = reconcile(
      [
        entry(7, { 1: 60 }),
        entry(8, { 1: 61 }),
        { userId: 1, kind: "resolution", ballotsCast: 100, invalid: 2, votes: { 1: 61 } },
      ],
      ids,
    );
    expect(r).toMatchObject({ status: "resolved", result: { votes: { 1: 61, 2: 0, 3: 0 } } });
  });
});

describe("registry", () => {
  it("matches what people type, however they type it", () => {
    expect(matchKey({ name: " 张 三 ", phone: "+86 138-1234-5678" })).toBe(
      matchKey({ name: "张三", phone: "13812345678" }),
    );
    expect(normalisePhone("0086 13812345678")).toBe("13812345678");
    expect(matchKey({ name: "张三", phone: "13812345678", document: "42010619900101123x" })).toBe(
      matchKey({ name: "张三", phone: "13812345678", document: "42010619900101123X" }),
    );
  });
  it("masks for display", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("张三丰")).toBe("张*丰");
    expect(maskName("欧阳娜娜")).toBe("欧**娜");
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
});

describe("registry CSV", () => {
  it("reads rows and names bad lines", async () => {
    const { parseRegistryCsv } = await import("./registry-csv");
    const ok = parseRegistryCsv(
      "\uFEFF姓名,手机,社区,证件号\n张三丰,13812345678,春和社区,\n李四,139 0000 1111,兰园社区,42010619900101123X\n",
    );
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toHaveLength(2);
    const bad = parseRegistryCsv("姓名,手机,社区\n,13812345678,春和社区\n王五,12345,春和社区\n");
    expect(bad.errors).toEqual([
      { line: 2, message: "registry.csv.name" },
      { line: 3, message: "registry.csv.phone" },
    ]);
    expect(parseRegistryCsv("name,phone\n").errors).toEqual([
      { line: 1, message: "registry.csv.headers" },
    ]);
  });
});
