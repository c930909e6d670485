import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { RunSchema, toConfig } from "./results-form";

function config(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ intent: "run", ...fields })) form.set(k, v);
  const submission = parseWithZod(form, { schema: RunSchema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return toConfig(submission.value, "123");
}

describe("the run form", () => {
  it("always ends the tie-break chain with the public lot, so money never follows row order", () => {
    expect(config({ residentRule: "top", rule: "greedy", tie1: "votes" }).tieBreak).toEqual([
      "votes",
      "lot",
    ]);
    expect(
      config({ residentRule: "top", rule: "greedy", tie1: "lot", tie2: "judge" }).tieBreak,
    ).toEqual(["lot", "judge"]);
    expect(config({ residentRule: "ballots", rule: "greedy" }).tieBreak).toEqual(["lot"]);
  });
});
