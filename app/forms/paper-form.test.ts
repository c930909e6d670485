import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { msg } from "./messages";
import { ClerkCountSchema, countField, countProblems } from "./paper-form";

function parse(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ intent: "count", ...fields })) form.set(k, v);
  return parseWithZod(form, { schema: ClerkCountSchema });
}

describe("a clerk's count form", () => {
  it("gathers rating lines per project and level (empty = 0, full-width digits too)", () => {
    const s = parse({
      ballotsCast: "１２",
      invalid: "",
      "rating-7-5": "３",
      "rating-7-1": "1",
      "rating-8-3": "",
    });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.count).toEqual({
      ballotsCast: 12,
      invalid: 0,
      votes: {},
      ratings: { "7": [1, 0, 0, 0, 3], "8": [0, 0, 0, 0, 0] },
    });
  });

  it("refuses a bad line beside it: not a number, or too many digits (said so)", () => {
    const s = parse({
      ballotsCast: "10",
      invalid: "0",
      "rating-7-5": "12345678",
      "rating-7-4": "-1",
      "rating-7-3": "2.5",
      "votes-9": "99999999999",
    });
    expect(s.status).toBe("error");
    if (s.status !== "error") return;
    expect(s.error).toMatchObject({
      "rating-7-5": [msg("paper.errors.tooLarge")],
      "rating-7-4": [msg("paper.errors.negative")],
      "rating-7-3": [msg("paper.errors.negative")],
      "votes-9": [msg("paper.errors.tooLarge")],
    });
  });

  it("puts the model's problems beside their lines, by the round's rule", () => {
    expect(countField("7")).toBe("votes-7");
    expect(countField("7", "rating")).toBe("rating-7");
    expect(countField("7:4", "rating")).toBe("rating-7-4");
    expect(countField("invalid", "rating")).toBe("invalid");
    expect(
      countProblems(
        [
          { field: "7", problem: "moreThanValid" },
          { field: "ratings", problem: "fewerRatingsThanBallots" },
        ],
        "rating",
      ),
    ).toEqual({
      formErrors: [msg("paper.errors.fewerRatingsThanBallots")],
      fieldErrors: { "rating-7": [msg("paper.errors.moreThanValid")] },
    });
  });
});
