import { describe, expect, it } from "vitest";
import { formatDateTime, fromLocalInput, toLocalInput } from "./datetime";

describe("Beijing time", () => {
  it("reads datetime-local values at +08:00 and writes them back", () => {
    const d = fromLocalInput("2026-12-10T17:59")!;
    expect(d.toISOString()).toBe("2026-12-10T09:59:00.000Z");
    expect(toLocalInput(d)).toBe("2026-12-10T17:59");
    expect(formatDateTime(d)).toBe("2026/12/10 17:59");
  });
  it("refuses nonsense", () => {
    expect(fromLocalInput("tomorrow")).toBeNull();
    expect(fromLocalInput("2026-13-45T10:00")).toBeNull();
  });
});
