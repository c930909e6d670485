/**
 * The street's review of a proposal (shared by browser and server): accept, return or reject,
 * the button pressed being the `intent`; returning or rejecting needs a reason, and each part
 * of the proposal may get its own note.
 */
import { z } from "zod";
import { intents } from "./intent";
import { msg } from "./messages";

const note = z
  .string()
  .trim()
  .max(1000, msg("errors.tooLong", { max: 1000 }))
  .optional();

/** Notes per part of the proposal, shown to the secretary beside that part. */
const ReviewNotesSchema = z.object({
  title: note,
  summary: note,
  problem: note,
  needIds: note,
  beneficiaries: note,
  plan: note,
  budgetLines: note,
  requests: note,
  cofunding: note,
  team: note,
  deck: note,
});

/** Parts of a proposal the street can comment on when returning it. */
export const REVIEW_FIELDS = ReviewNotesSchema.keyof().options;

const reason = z
  .string()
  .trim()
  .max(2000, msg("errors.tooLong", { max: 2000 }))
  .optional();
const requiredReason = z
  .string({ error: msg("errors.reasonRequired") })
  .trim()
  .min(1, msg("errors.reasonRequired"))
  .max(2000, msg("errors.tooLong", { max: 2000 }));

export const ReviewSchema = intents([
  z.object({ intent: z.literal("accept"), reason, notes: ReviewNotesSchema.optional() }),
  z.object({
    intent: z.literal("return"),
    reason: requiredReason,
    notes: ReviewNotesSchema.optional(),
  }),
  z.object({
    intent: z.literal("reject"),
    reason: requiredReason,
    notes: ReviewNotesSchema.optional(),
  }),
]);

/** The notes that say something, as stored with the proposal. */
export function notesOf(notes: z.output<typeof ReviewNotesSchema> | undefined) {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(notes ?? {})) if (text) out[field] = text;
  return out;
}
