/** zod schema of the 新一轮 form (shared by browser and server). */
import { z } from "zod";
import { parseYuan } from "~/domain/money";
import { NewCompetitionSchema } from "./competition-form";
import { intents } from "./intent";
import { msg } from "./messages";

/** A fund's new total: required, in 元 ("12,345.67"), stored as 分. */
const total = z
  .string({ error: msg("errors.required") })
  .trim()
  .min(1, msg("errors.required"))
  .transform((raw, ctx) => {
    const parsed = parseYuan(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: msg(`errors.money.${parsed.error}`) });
      return z.NEVER;
    }
    return parsed.value;
  });

export const NextRoundSchema = z.object({
  intent: z.literal("nextRound").default("nextRound"),
  title: NewCompetitionSchema.shape.title,
  slug: NewCompetitionSchema.shape.slug,
  year: NewCompetitionSchema.shape.year,
  totals: z.object({ street: total.optional(), foundation: total.optional() }),
});

export const NextRoundPageSchema = intents([NextRoundSchema]);
