import { describe, expect, it } from "vitest";
import {
  countedSheets,
  MAX_REVISION_STEP,
  panelChangeEffect,
  revisionAllowed,
  checkSheet,
  formatHalfPoints,
  formatHundredths,
  rankByScore,
  scoreProjects,
  toHalfPoints,
  type JudgeTotal,
} from "./judge-scoring";

/** points → JudgeTotal rows for one project, judges numbered 1..n */
function totals(proposalId: number, points: number[]): JudgeTotal[] {
  return points.map((p, i) => ({ proposalId, judgeId: i + 1, halfPoints: p * 2 }));
}

describe("judge score rules (hand-computed)", () => {
  it("去掉一个最高分和一个最低分: 88, 92, 85, 90, 79, 95, 87 → (88+92+85+90+87)/5 = 88.40", () => {
    const s = scoreProjects(totals(1, [88, 92, 85, 90, 79, 95, 87]), "trimmed_mean").get(1)!;
    expect(s.applied).toBe("trimmed_mean");
    expect(s.score).toBe(8840);
    expect(s.judges.find((j) => j.dropped === "high")!.judgeId).toBe(6);
    expect(s.judges.find((j) => j.dropped === "low")!.judgeId).toBe(5);
    expect(s.judges.filter((j) => j.dropped === null)).toHaveLength(5);
  });

  it("with half points: 88.5, 92, 85, 90.5, 79, 95, 87 → 443 / 5 = 88.60", () => {
    expect(
      scoreProjects(totals(1, [88.5, 92, 85, 90.5, 79, 95, 87]), "trimmed_mean").get(1)!.score,
    ).toBe(8860);
  });

  it("drops exactly one of two equal highest totals: 90, 90, 80, 85, 70 → (80+85+90)/3 = 85.00", () => {
    const s = scoreProjects(totals(1, [90, 90, 80, 85, 70]), "trimmed_mean").get(1)!;
    expect(s.score).toBe(8500);
    expect(s.judges.map((j) => j.dropped)).toEqual([null, "high", null, null, "low"]);
  });

  it("falls back to the plain mean below five judges and rounds half up: 80, 85.5, 90 → 85.1666… → 85.17", () => {
    const s = scoreProjects(totals(1, [80, 85.5, 90]), "trimmed_mean").get(1)!;
    expect(s.applied).toBe("mean");
    expect(s.score).toBe(8517);
    expect(s.judges.every((j) => j.dropped === null)).toBe(true);
  });

  it("plain mean: 80.5, 81 → 80.75", () => {
    expect(scoreProjects(totals(1, [80.5, 81]), "mean").get(1)!.score).toBe(8075);
  });

  it("z-scores remove a harsh judge's bias: A gives 80/70/60, B gives 90/85/80 → 89.62, 77.50, 65.38", () => {
    // Panel mean 77.5, sd √(587.5/6) = 9.8953; each judge's z = ±1.2247 or 0;
    // x' = 77.5 + 9.8953 × z → 89.619, 77.5, 65.381 for both judges.
    const rows: JudgeTotal[] = [
      { proposalId: 1, judgeId: 1, halfPoints: 160 },
      { proposalId: 2, judgeId: 1, halfPoints: 140 },
      { proposalId: 3, judgeId: 1, halfPoints: 120 },
      { proposalId: 1, judgeId: 2, halfPoints: 180 },
      { proposalId: 2, judgeId: 2, halfPoints: 170 },
      { proposalId: 3, judgeId: 2, halfPoints: 160 },
    ];
    const s = scoreProjects(rows, "zscore");
    expect([s.get(1)!.score, s.get(2)!.score, s.get(3)!.score]).toEqual([8962, 7750, 6538]);
    expect(s.get(1)!.judges.map((j) => j.normalized)).toEqual([8962, 8962]);
  });

  it("z-scores: a judge who gives everyone the same total counts as the panel mean", () => {
    const rows: JudgeTotal[] = [
      { proposalId: 1, judgeId: 1, halfPoints: 160 },
      { proposalId: 2, judgeId: 1, halfPoints: 160 },
      { proposalId: 1, judgeId: 2, halfPoints: 180 },
      { proposalId: 2, judgeId: 2, halfPoints: 140 },
    ];
    // Panel: 80, 80, 90, 70 → mean 80, sd √50 = 7.0711; judge 2: mean 80, sd 10 → z = ±1,
    // so x' = 87.07 and 72.93; judge 1 → 80.00. Means: (80.00 + 87.07) / 2 = 83.535 → 83.54,
    // (80.00 + 72.93) / 2 = 76.465 → 76.47 (each judge's value is first rounded to hundredths).
    const s = scoreProjects(rows, "zscore");
    expect(s.get(1)!.judges.map((j) => j.normalized)).toEqual([8000, 8707]);
    expect(s.get(1)!.score).toBe(8354);
    expect(s.get(2)!.score).toBe(7647);
  });
});

describe("ranking", () => {
  it("reports ties as ties: 88.40, 87.50, 88.40, 70.00 → ranks 1, 1, 3, 4", () => {
    const ranked = rankByScore(
      [
        { id: "a", s: 8840 },
        { id: "b", s: 8750 },
        { id: "c", s: 8840 },
        { id: "d", s: 7000 },
      ],
      (x) => x.s,
    );
    expect(ranked.map((r) => [r.item.id, r.rank, r.tied])).toEqual([
      ["a", 1, true],
      ["c", 1, true],
      ["b", 3, false],
      ["d", 4, false],
    ]);
  });
});

describe("score sheets", () => {
  const criteria = [
    { id: 1, maxPoints: 20 },
    { id: 2, maxPoints: 15 },
  ];
  it("accepts every criterion in 0.5 steps within its maximum", () => {
    expect(checkSheet(criteria, { 1: 35, 2: 30 })).toEqual({ ok: true, totalHalfPoints: 65 });
  });
  it("refuses a missing, out-of-range, off-grid or unknown criterion", () => {
    expect(checkSheet(criteria, { 1: 35 })).toEqual({ ok: false, criterionId: 2 });
    expect(checkSheet(criteria, { 1: 41, 2: 0 })).toEqual({ ok: false, criterionId: 1 });
    expect(checkSheet(criteria, { 1: 1.5, 2: 0 })).toEqual({ ok: false, criterionId: 1 });
    expect(checkSheet(criteria, { 1: 1, 2: 0, 9: 3 })).toEqual({ ok: false, criterionId: 9 });
  });
  it("formats", () => {
    expect(toHalfPoints(8.5)).toBe(17);
    expect(toHalfPoints(8.3)).toBeNull();
    expect(formatHalfPoints(17)).toBe("8.5");
    expect(formatHalfPoints(16)).toBe("8");
    expect(formatHundredths(8517)).toBe("85.17");
    expect(formatHundredths(805)).toBe("8.05");
    expect(formatHundredths(null)).toBe("—");
  });
});

describe("which sheets count (panel and recusals)", () => {
  const communityOf = new Map([
    [100, 1], // proposal 100 from community 1 (杏园)
    [200, 2],
  ]);
  const sheets = [
    { judgeId: 6, proposalId: 100, halfPoints: 200 },
    { judgeId: 6, proposalId: 200, halfPoints: 150 },
    { judgeId: 7, proposalId: 100, halfPoints: 160 },
  ];
  const open = { panel: [6, 7], recusals: [], communityOf };
  const recused = { panel: [6, 7], recusals: [{ judgeId: 6, communityId: 1 }], communityOf };

  it("counts every sheet of a judge on the panel who is not recused", () => {
    expect(countedSheets(sheets, open)).toEqual(sheets);
  });

  it("drops a recused judge's sheet for that community only, and a judge off the panel entirely", () => {
    expect(countedSheets(sheets, recused).map((s) => [s.judgeId, s.proposalId])).toEqual([
      [6, 200],
      [7, 100],
    ]);
    expect(
      countedSheets(sheets, { ...open, panel: [7] }).map((s) => [s.judgeId, s.proposalId]),
    ).toEqual([[7, 100]]);
  });

  it("a late recusal excludes the sheet she already gave; undoing it restores the sheet", () => {
    expect(panelChangeEffect(sheets, open, recused)).toEqual({
      excluded: [sheets[0]],
      restored: [],
    });
    expect(panelChangeEffect(sheets, recused, open)).toEqual({
      excluded: [],
      restored: [sheets[0]],
    });
  });

  it("the score follows: 吴静's 100 no longer counts in the mean", () => {
    const all = [
      { judgeId: 6, proposalId: 100, halfPoints: 200 },
      { judgeId: 7, proposalId: 100, halfPoints: 160 },
      { judgeId: 8, proposalId: 100, halfPoints: 170 },
    ];
    const facts = { ...recused, panel: [6, 7, 8] };
    expect(scoreProjects(all, "mean").get(100)!.score).toBe(8833);
    expect(scoreProjects(countedSheets(all, facts), "mean").get(100)!.score).toBe(8250);
  });
});

describe("sheet revisions", () => {
  it("takes the next revisions above the server's, within a small step", () => {
    expect(revisionAllowed(0, 1)).toBe(true);
    expect(revisionAllowed(3, 4)).toBe(true);
    expect(revisionAllowed(3, 3 + MAX_REVISION_STEP)).toBe(true);
  });
  it("refuses a revision that would freeze the sheet, and nonsense", () => {
    expect(revisionAllowed(0, 2147483647)).toBe(false);
    expect(revisionAllowed(3, 4 + MAX_REVISION_STEP)).toBe(false);
    expect(revisionAllowed(0, 0)).toBe(false);
    expect(revisionAllowed(0, 1.5)).toBe(false);
  });
});
