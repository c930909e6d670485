import { describe, expect, it } from "vitest";
import { formatDateTime, formatTime, fromLocalInput, toLocalInput } from "./datetime";

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

  it("formats a time of day in Beijing time, whatever the machine's zone or language", () => {
    expect(formatTime("2026-12-10T09:59:03Z")).toBe("17:59:03");
    expect(formatTime(null)).toBe("—");
  });
});
