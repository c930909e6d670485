/** zod schemas of the 资源清单 forms (shared by browser and server); each form has its `intent`. */
import { z } from "zod";
import {
  OFFER_STATUSES,
  PARTNER_UNIT_TYPES,
  RESOURCE_CATEGORIES,
  SUPPORT_KINDS,
} from "~/domain/enums";
import { isId } from "~/utils/params";
import { optionalMoney } from "./competition-form";
import { intents } from "./intent";
import { msg } from "./messages";
import { PasswordSchema, UsernameSchema } from "./user-schemas";

const required = msg("errors.required");
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg("errors.tooLong", { max }))
    .optional()
    .transform((v) => v ?? "");
const title = (max: number) =>
  z.string({ error: required }).trim().min(1, required).max(max, msg("errors.tooLong", { max }));
const id = z.coerce
  .number({ error: msg("errors.invalidChoice") })
  .refine(isId, msg("errors.invalidChoice"));
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

export const UnitSchema = z.object({
  intent: z.literal("unit"),
  name: title(80),
  type: z.enum(PARTNER_UNIT_TYPES, { error: msg("errors.invalidChoice") }),
  description: text(1000),
  contactName: text(40),
  contactPhone: text(40),
  active: checkbox,
});

export const UnitLoginSchema = z.object({
  intent: z.literal("login"),
  username: UsernameSchema,
  displayName: title(64),
  password: PasswordSchema,
});

export const OfferSchema = z.object({
  intent: z.literal("offer"),
  category: z.enum(RESOURCE_CATEGORIES, { error: msg("errors.invalidChoice") }),
  title: title(100),
  description: text(2000),
  capacity: text(100),
  status: z.enum(OFFER_STATUSES, { error: msg("errors.invalidChoice") }),
  communityIds: z
    .array(id, { error: msg("resources.errors.areaRequired") })
    .min(1, msg("resources.errors.areaRequired"))
    .max(100),
});

const claimFields = {
  offerId: id,
  needId: id,
  value: optionalMoney.transform((v) => v ?? 0),
  supportKind: z.enum(SUPPORT_KINDS, { error: msg("errors.invalidChoice") }),
  note: text(500),
};

/** A partner's claim (认领) of a need with one of its offers. */
export const ClaimSchema = z.object({ intent: z.literal("claim"), ...claimFields });

/** A secretary's or the street's match (对接), optionally as support of a proposal. */
export const MatchSchema = z.object({
  intent: z.literal("match"),
  ...claimFields,
  proposalId: id.optional(),
});

/** Confirm a claim (and set its proposal), or only set its proposal; absent: none. */
const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  claimId: id,
  proposalId: id.optional(),
});
const LinkSchema = z.object({
  intent: z.literal("link"),
  claimId: id,
  proposalId: id.optional(),
});

const WithdrawSchema = z.object({ intent: z.literal("withdraw"), claimId: id });

export const AdminResourcesSchema = intents([UnitSchema]);
export const AdminUnitSchema = intents([UnitSchema, UnitLoginSchema, OfferSchema]);
export const PartnerHomeSchema = intents([OfferSchema, WithdrawSchema]);
export const PartnerOfferSchema = intents([OfferSchema]);
export const PartnerNeedsSchema = intents([ClaimSchema]);
export const SecretaryResourcesSchema = intents([ConfirmSchema, LinkSchema, WithdrawSchema]);
export const MatchPageSchema = intents([MatchSchema]);
