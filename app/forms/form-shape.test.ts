import { describe, expect, it } from "vitest";
import { formNamesProblem, withoutNul } from "./form-shape";
import { parseDraft } from "./proposal-form";

describe("form shape", () => {
  it("refuses list indexes past any form's lists and odd names", () => {
    expect(formNamesProblem(["title", "budgetLines[99].item", "needIds"])).toBeNull();
    expect(formNamesProblem(["budgetLines[99999].item"])).toBe("badShape");
    expect(formNamesProblem(["budgetLines[1e3].item"])).toBe("badShape");
    expect(formNamesProblem(["x".repeat(201)])).toBe("badShape");
    expect(formNamesProblem(Array.from({ length: 2001 }, (_, i) => `f${i}`))).toBe("badShape");
  });

  it("strips NUL", () => {
    expect(withoutNul("a\0b\0")).toBe("ab");
  });

  it("takes a draft only in the form's shape", () => {
    expect(parseDraft({ title: "半句", budgetLines: [null, { item: "x" }], extra: 1 })).toEqual({
      title: "半句",
      budgetLines: [{}, { item: "x" }],
    });
    expect(parseDraft({ requests: "abc", milestones: "xyz" })).toBeNull();
    const huge: unknown[] = [];
    huge[99_999] = { item: "x" };
    expect(parseDraft({ budgetLines: huge })).toBeNull();
    expect(parseDraft("text")).toBeNull();
    expect(parseDraft({ needIds: "3" })).toEqual({ needIds: "3" });
  });
});
