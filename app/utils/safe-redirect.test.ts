import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/admin/users?x=1")).toBe("/admin/users?x=1");
  });
  it.each([
    null,
    undefined,
    "",
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "admin",
  ])("falls back for %s", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});
