import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it.each([
    "/admin/users?x=1",
    "/p/huashan-2026/results#money",
    "/login?redirectTo=%2Fadmin",
    "/p/花山-2026",
    "/v/abc_DEF-123?cast=1",
  ])("keeps the same-site path %s", (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  // Known open-redirect bypasses: each one leaves the site in some browser or proxy.
  it.each([
    null,
    undefined,
    "",
    "admin",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/%00/evil.example",
    "/\u0000/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%252F/evil.example",
    "/%25252F%25252F/evil.example",
    "/ /evil.example",
    " //evil.example",
    "/%20/evil.example",
    "/\u00a0/evil.example",
    "/\u3000/evil.example",
    "/%E3%80%80/evil.example",
    "/\u200b/evil.example",
    "/\ufeff/evil.example",
    "/\uff0fevil.example",
    "/%E0%A4%A", // broken escape
  ])("falls back for %j", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});
