import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatQuantity,
  formatYuan,
  lineTotalFen,
  MAX_FEN,
  parseQuantity,
  parseYuan,
  quantityFromDecimal,
  quantityToDecimal,
  sumFen,
} from "./money";

describe("parseYuan", () => {
  it.each([
    ["12,345.67", 1234567],
    ["12345.67", 1234567],
    ["12345", 1234500],
    ["12345.6", 1234560],
    ["0.01", 1],
    [".5", 50],
    ["1,000", 100000],
    ["1,234,567.89", 123456789],
    [" 80,000.00 ", 8000000],
    ["¥3,500", 350000],
    ["3500元", 350000],
    ["１２，３４５．６７", 1234567],
    ["12 345.67", 1234567],
    ["0", 0],
  ])("%s → %i 分", (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ["", "format"],
    ["abc", "format"],
    ["12,34.5", "format"],
    ["1,2345", "format"],
    ["12.345", "tooPrecise"],
    ["-5", "negative"],
    ["1e5", "format"],
    ["12..3", "format"],
    ["100000000000", "tooLarge"],
  ])("refuses %s (%s)", (input, error) => {
    expect(parseYuan(input)).toEqual({ ok: false, error });
  });

  it("round-trips with formatYuan for every amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, value: fen });
      }),
    );
  });
});

describe("formatYuan", () => {
  it.each([
    [0, "0.00"],
    [1, "0.01"],
    [100, "1.00"],
    [123456789, "1,234,567.89"],
    [-5050, "-50.50"],
    [60000000, "600,000.00"],
  ])("%i 分 → %s", (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
  it("refuses non-integers", () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe("quantities and budget lines", () => {
  it("parses and formats quantities in hundredths", () => {
    expect(parseQuantity("120.5")).toEqual({ ok: true, value: 12050 });
    expect(parseQuantity("3")).toEqual({ ok: true, value: 300 });
    expect(parseQuantity("1.234")).toEqual({ ok: false, error: "tooPrecise" });
    expect(formatQuantity(12050)).toBe("120.5");
    expect(formatQuantity(12055)).toBe("120.55");
    expect(formatQuantity(300)).toBe("3");
    expect(quantityFromDecimal("120.50")).toBe(12050);
    expect(quantityToDecimal(12050)).toBe("120.50");
    expect(quantityToDecimal(5)).toBe("0.05");
  });

  it("computes line totals exactly, rounding half up to the 分", () => {
    expect(lineTotalFen(300, 150000)).toBe(450000); // 3 × 1,500.00 元
    expect(lineTotalFen(12050, 8500)).toBe(1024250); // 120.5 m² × 85.00 元 = 10,242.50 元
    expect(lineTotalFen(150, 333)).toBe(500); // 1.5 × 3.33 = 4.995 → 5.00
    expect(lineTotalFen(150, 331)).toBe(497); // 1.5 × 3.31 = 4.965 → 4.97
    expect(lineTotalFen(0, 99999)).toBe(0);
  });

  it("sums without float error", () => {
    expect(sumFen([10, 20, 30])).toBe(60);
    expect(sumFen(Array.from({ length: 1000 }, () => 1))).toBe(1000);
  });
});
