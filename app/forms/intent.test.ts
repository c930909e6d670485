import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { intents, refusal, unknownIntent } from "./intent";

const Page = intents([
  z.object({ intent: z.literal("save").default("save"), title: z.string({ error: "required" }) }),
  z.object({ intent: z.literal("remove"), id: z.number() }),
]);
function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return parseWithZod(data, { schema: Page });
}

describe("intents and refusal", () => {
  it("dispatches on the intent; the first form's may be left out", () => {
    const bare = form({ title: "x" });
    expect(bare.status === "success" && bare.value).toEqual({ intent: "save", title: "x" });
    const remove = form({ intent: "remove", id: "3" });
    expect(remove.status === "success" && remove.value).toEqual({ intent: "remove", id: 3 });
  });

  it("refuses an unknown intent as the form's error, keeping what was typed", () => {
    const odd = form({ intent: "explode", title: "typed" });
    expect(odd.status).toBe("error");
    expect(unknownIntent(odd)).toBe(true);
    const reply = refusal(odd);
    expect(reply.error?.[""]).toEqual(["errors.unknownIntent"]);
    expect(reply.initialValue).toMatchObject({ title: "typed" });
  });

  it("puts field errors beside their fields, adds the caller's, and hides secrets", () => {
    const bad = form({ intent: "save", secret: "pw" });
    expect(unknownIntent(bad)).toBe(false);
    const reply = refusal(bad, { formErrors: ["later"], hideFields: ["secret"] });
    expect(reply.error?.title).toEqual(["required"]);
    expect(reply.error?.[""]).toEqual(["later"]);
    expect(reply.initialValue).not.toHaveProperty("secret");
  });
});
