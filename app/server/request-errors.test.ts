import { describe, expect, it } from "vitest";
import { isConnectionLost, isInputError } from "./request-errors";

describe("database errors", () => {
  it("tells a lost connection (also wrapped by drizzle) from the request's or the code's fault", () => {
    const ended = Object.assign(new Error("write CONNECTION_ENDED 127.0.0.1:5432"), {
      code: "CONNECTION_ENDED",
    });
    expect(isConnectionLost(ended)).toBe(true);
    expect(isConnectionLost(new Error("Failed query", { cause: ended }))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error("shutdown"), { code: "57P01" }))).toBe(true);
    const bad = Object.assign(new Error("invalid input syntax"), { code: "22P02" });
    expect(isConnectionLost(bad)).toBe(false);
    expect(isInputError(bad)).toBe(true);
    expect(isConnectionLost(new Error("a bug"))).toBe(false);
  });
});
