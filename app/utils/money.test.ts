import { describe, expect, it } from "vitest";
import { formatYuan } from "./money";

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
