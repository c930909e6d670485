import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

function readBack(csv: string) {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
}

describe("toCsv", () => {
  it("neutralises every cell a spreadsheet would run as a formula, multi-line ones too", () => {
    const dangerous = [
      '=HYPERLINK("http://evil.example","点我")',
      "+1+1",
      "-2+3",
      "@SUM(A1:A2)",
      "\t=1+1",
      "\r=1+1",
      '=cmd|" /C calc"!A0\n第二行',
      "=1+1\r\n=2+2",
    ];
    const rows = readBack(
      toCsv(
        ["值"],
        dangerous.map((d) => [d]),
      ),
    );
    expect(rows[0]).toEqual(["值"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(dangerous.map((d) => `'${d}`));
  });

  it("quotes multi-line values, keeps numbers and harmless text as they are", () => {
    const csv = toCsv(
      ["标题", "描述", "数量"],
      [
        ["加装电梯", "第一行\n第二行, 含逗号", 8],
        ['“童心童行” "儿童"', null, -3],
        [" =不是公式", "", 0],
      ],
    );
    expect(csv).toContain('"第一行\n第二行, 含逗号"');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(readBack(csv)).toEqual([
      ["标题", "描述", "数量"],
      ["加装电梯", "第一行\n第二行, 含逗号", "8"],
      ['“童心童行” "儿童"', "", "-3"],
      [" =不是公式", "", "0"],
    ]);
  });
});
