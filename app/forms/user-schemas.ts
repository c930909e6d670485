/** zod schemas for user forms, shared by server (authoritative) and browser (early feedback). */
import { z } from "zod";
import { ROLES } from "~/domain/enums";
import { msg } from "./messages";

const required = msg("errors.required");

export const UsernameSchema = z
  .string({ error: required })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, msg("errors.usernameFormat"));

export const PasswordSchema = z
  .string({ error: required })
  .min(8, msg("errors.passwordTooShort"))
  .max(256, msg("errors.tooLong", { max: 256 }));

const ProfileFields = {
  displayName: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(64, msg("errors.tooLong", { max: 64 })),
  title: z
    .string()
    .trim()
    .max(128, msg("errors.tooLong", { max: 128 }))
    .default(""),
  role: z.enum(ROLES, { error: msg("errors.invalidChoice") }),
  communityId: z.coerce.number().int().positive().optional(),
};

function requireCommunityForSecretary(
  value: { role: string; communityId?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.role === "partner" && !("intent" in value)) {
    // A new partner login belongs to a unit: it is given on the unit's page.
    ctx.addIssue({ code: "custom", path: ["role"], message: msg("users.partnerFromUnit") });
  }
  if (value.role === "secretary" && !value.communityId) {
    ctx.addIssue({
      code: "custom",
      path: ["communityId"],
      message: msg("errors.communityRequired"),
    });
  }
}

export const NewUserSchema = z
  .object({
    intent: z.literal("create").default("create"),
    username: UsernameSchema,
    password: PasswordSchema,
    ...ProfileFields,
  })
  .superRefine(requireCommunityForSecretary);

export const EditUserSchema = z
  .object({
    intent: z.literal("update"),
    ...ProfileFields,
    active: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  })
  .superRefine(requireCommunityForSecretary);

export const ResetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  password: PasswordSchema,
});

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("change-password").default("change-password"),
    current: z.string({ error: required }).min(1, required),
    password: PasswordSchema,
    confirm: z.string({ error: required }),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: msg("errors.passwordMismatch"),
  });
