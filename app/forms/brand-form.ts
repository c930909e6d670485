/**
 * zod schemas of the street's brand page (一社一品): the profile, 成熟 (with the day and where it
 * was promoted) and back, honours added and removed. One `intent` union for the page.
 */
import { z } from "zod";
import { BRAND_THEMES } from "../domain/enums";
import { intents } from "./intent";
import { msg } from "./messages";

const required = msg("errors.required");

const text = (max: number, optional = false) => {
  const s = z.string({ error: required }).trim().max(max, msg("errors.tooLong", { max }));
  return optional ? s.optional().transform((v) => v ?? "") : s.min(1, required);
};

const day = z
  .string({ error: required })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.date"))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg("errors.date"));

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  theme: z.enum(BRAND_THEMES, { error: msg("errors.invalidChoice") }),
  tagline: text(100, true),
  governancePath: text(1000, true),
  story: text(5000, true),
});

export const MatureSchema = z.object({
  intent: z.literal("mature"),
  maturedOn: day,
  promotedTo: text(200),
});

export const GrowingSchema = z.object({ intent: z.literal("growing") });

export const HonourSchema = z.object({
  intent: z.literal("honour"),
  title: text(200),
  awardedBy: text(100, true),
  year: z.coerce
    .number({ error: msg("brands.errors.year") })
    .int(msg("brands.errors.year"))
    .min(1949, msg("brands.errors.year"))
    .max(2200, msg("brands.errors.year")),
});

export const RemoveHonourSchema = z.object({
  intent: z.literal("removeHonour"),
  honourId: z.coerce
    .number({ error: msg("errors.invalidChoice") })
    .int()
    .positive(),
});

export const BrandPageSchema = intents([
  ProfileSchema,
  MatureSchema,
  GrowingSchema,
  HonourSchema,
  RemoveHonourSchema,
]);
