/** zod schemas of the 效果共评 forms: opening a round, its result tab, comment moderation. */
import { z } from "zod";
import { VERIFICATION_MODES } from "~/domain/enums";
import { datetime, intRange, NewCompetitionSchema } from "./competition-form";
import { intents } from "./intent";
import { msg } from "./messages";
import { PublishSchema } from "./results-form";

const id = z
  .number({ error: msg("errors.invalidChoice") })
  .int()
  .positive()
  .max(2147483647);

const NewRoundSchema = z
  .object({
    intent: z.literal("create").default("create"),
    title: NewCompetitionSchema.shape.title,
    slug: NewCompetitionSchema.shape.slug,
    rule: z.enum(["rating", "approval"], { error: msg("evaluation.errors.badRule") }),
    approvalMaxChoices: intRange(1, 50),
    verificationMode: z.enum(VERIFICATION_MODES, { error: msg("errors.invalidChoice") }),
    votingOpensAt: datetime,
    votingClosesAt: datetime,
    items: z
      .array(id)
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .superRefine(
    (v, ctx) => {
      if (!v.votingClosesAt)
        ctx.addIssue({
          code: "custom",
          path: ["votingClosesAt"],
          message: msg("evaluation.errors.closesRequired"),
        });
      else if (v.votingOpensAt && v.votingClosesAt <= v.votingOpensAt)
        ctx.addIssue({
          code: "custom",
          path: ["votingClosesAt"],
          message: msg("evaluation.errors.windowOrder"),
        });
      if (v.items.length === 0)
        ctx.addIssue({
          code: "custom",
          path: ["items"],
          message: msg("evaluation.errors.noItems"),
        });
    },
    { when: () => true },
  );

export const NewRoundPageSchema = intents([NewRoundSchema]);

const ComputeSchema = z.object({
  intent: z.literal("compute"),
  reason: z
    .string()
    .trim()
    .max(500, msg("errors.tooLong", { max: 500 }))
    .optional(),
});

/** The round's result tab: compute a draft, publish it. */
export const EvaluationTabSchema = intents([ComputeSchema, PublishSchema]);

const picked = z
  .array(id)
  .default([])
  .transform((ids) => [...new Set(ids)]);

/** Comment moderation: the ticked comments approved or rejected. */
export const ModerationSchema = intents([
  z.object({ intent: z.literal("approve"), comment: picked }),
  z.object({ intent: z.literal("reject"), comment: picked }),
]);
