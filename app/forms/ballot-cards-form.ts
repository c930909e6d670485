/**
 * The form that issues a batch of ballot cards (voting tab, and again on the cards page when a
 * batch is refused): shared by the browser and the two routes it posts to (`…/cards`, A4
 * sheets; `…/cards.csv`, a print shop's file).
 */
import { z } from "zod";
import { MAX_BATCH } from "~/domain/ballot";
import { MAX_INT4 } from "../utils/params";
import { intRange } from "./competition-form";
import { intents } from "./intent";
import { msg } from "./messages";

const required = msg("errors.required");

export const IssueCardsSchema = z.object({
  intent: z.literal("issue").default("issue"),
  name: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(60, msg("errors.tooLong", { max: 60 })),
  /** Empty: cards for any community. */
  communityId: z
    .number({ error: msg("errors.invalidChoice") })
    .int(msg("errors.invalidChoice"))
    .positive(msg("errors.invalidChoice"))
    .max(MAX_INT4, msg("errors.invalidChoice"))
    .optional(),
  count: intRange(1, MAX_BATCH),
  /** Which button was pressed; the route decides the output. */
  format: z.enum(["print", "csv"], { error: msg("errors.invalidChoice") }).optional(),
});

/** The batch form's one intent; any other is refused. */
export const IssueCardsPageSchema = intents([IssueCardsSchema]);
