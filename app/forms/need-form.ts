/** zod schemas of the needs forms (shared by browser and server). */
import { z } from "zod";
import { NEED_SOURCES, NEED_STATUSES } from "~/domain/enums";
import { intents } from "./intent";
import { msg } from "./messages";

const required = msg("errors.required");

export const NeedSchema = z.object({
  title: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(200, msg("errors.tooLong", { max: 200 })),
  description: z
    .string()
    .trim()
    .max(5000, msg("errors.tooLong", { max: 5000 }))
    .optional(),
  source: z.enum(NEED_SOURCES, { error: msg("errors.invalidChoice") }),
  raisedCount: z
    .number({ error: msg("errors.integer") })
    .int(msg("errors.integer"))
    .min(0)
    .max(1_000_000),
  status: z.enum(NEED_STATUSES, { error: msg("errors.invalidChoice") }),
});

/** The needs CSV import form (multipart): a file that is not empty. */
export const NeedsImportSchema = z.object({
  intent: z.literal("import").default("import"),
  file: z.custom<Blob>((v) => v instanceof Blob && v.size > 0, msg("needs.csv.noFile")),
});

/** The needs page's one action: a new need, or a CSV import (a multipart upload). */
export const NeedsPageSchema = intents([
  NeedSchema.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("import") }),
]);

/** A need's own page: its edit form. */
export const NeedEditSchema = intents([NeedSchema.extend({ intent: z.literal("update") })]);
