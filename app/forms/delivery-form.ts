/**
 * zod schemas of the delivery (任务清单) forms, shared by the pages and their actions: the
 * secretary's (progress with photos, milestones, spending with a receipt) and the street's
 * (tranches, flags, terminate, done). Each page's forms are one `intent` union.
 */
import { z } from "zod";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_TOTAL_BYTES } from "../domain/uploads";
import { optionalMoney } from "./competition-form";
import { intents } from "./intent";
import { msg } from "./messages";

const required = msg("errors.required");
const MAX_PHOTOS = 9;

const day = z
  .string({ error: required })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.date"))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg("errors.date"));

/** A day that has come (Beijing time): progress, spending and payments are not dated ahead. */
const pastDay = day.refine((v) => v <= todayInBeijing(), msg("delivery.refusals.future"));

const text = (max: number, optional = false) => {
  const s = z.string({ error: required }).trim().max(max, msg("errors.tooLong", { max }));
  return optional ? s.optional().transform((v) => v ?? "") : s.min(1, required);
};

/** Money above 0, in 元 as typed ("12,345.67"), to 分. */
const amount = optionalMoney.refine((v) => v !== null && v > 0, {
  message: msg("delivery.refusals.amountPositive"),
});

const id = z.number({ error: required }).int().positive();

/**
 * A file over the limit, refused in words with its name, beside its field (not per item).
 * Checked in the browser before anything is sent; the server drops such a file unread.
 */
function refuseOversize(files: File | File[], ctx: z.RefinementCtx) {
  const all = Array.isArray(files) ? files : [files];
  for (const f of all)
    if (f.size > MAX_UPLOAD_BYTES)
      ctx.addIssue({
        code: "custom",
        path: [],
        message: msg("delivery.uploads.tooLarge", { name: f.name || "file" }),
      });
  // The request cap in front of the app: refused here, beside the field, before sending.
  const total = all.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_UPLOAD_TOTAL_BYTES && all.every((f) => f.size <= MAX_UPLOAD_BYTES))
    ctx.addIssue({
      code: "custom",
      path: [],
      message: msg("delivery.uploads.totalTooLarge", {
        mb: Math.round(MAX_UPLOAD_TOTAL_BYTES / 1024 / 1024),
      }),
    });
}

/** An uploaded file (Conform leaves an empty file input out). */
const file = z.custom<File>(
  (v) => typeof v === "object" && v !== null && "arrayBuffer" in v && "size" in v,
  { message: msg("delivery.refusals.noFile") },
);

export const UpdateSchema = z.object({
  intent: z.literal("update"),
  body: text(2000),
  happenedOn: pastDay,
  photos: z
    .array(file)
    .max(MAX_PHOTOS, msg("delivery.uploads.tooMany"))
    .superRefine(refuseOversize)
    .optional()
    .transform((v) => v ?? []),
});

export const MilestoneSchema = z.object({
  intent: z.literal("milestone"),
  milestoneId: id,
  /** Empty: not done (undo). */
  doneOn: pastDay.optional(),
});

export const SpendSchema = z.object({
  intent: z.literal("spend"),
  budgetLineId: id,
  amount,
  spentOn: pastDay,
  description: text(500),
  receipt: file.superRefine(refuseOversize).optional(),
});

export const SecretaryDeliverySchema = intents([UpdateSchema, MilestoneSchema, SpendSchema]);

export const PaySchema = z.object({
  intent: z.literal("pay"),
  fundId: id,
  amount,
  paidOn: pastDay,
  note: text(200, true),
});

const FLAGS = ["late", "unlate", "risk", "unrisk"] as const;

export const FlagSchema = z.object({
  intent: z.literal("flag"),
  flag: z.enum(FLAGS, { error: msg("errors.invalidChoice") }),
  note: text(500, true),
});

export const TerminateSchema = z.object({
  intent: z.literal("terminate"),
  reason: text(500),
});

export const DoneSchema = z.object({ intent: z.literal("done") });

export const StreetDeliverySchema = intents([PaySchema, FlagSchema, TerminateSchema, DoneSchema]);

/** Today in Beijing, as a date input wants it. */
export function todayInBeijing(now = new Date()) {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
