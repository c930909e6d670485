/**
 * The voting tab's forms (shared by the browser and the action). Each form says which it is by
 * its `intent`; any other intent is refused with a message and saves nothing. The registry
 * import is the one multipart form and is read on its own.
 */
import { z } from "zod";
import { REGISTRY_PROOFS } from "~/domain/enums";
import { intents } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { MAX_INT4 } from "~/utils/params";

const required = msg("errors.required");
const invalidChoice = msg("errors.invalidChoice");
const tooLong = (max: number) => msg("errors.tooLong", { max });

/** An id chosen from a list the page offers. */
export const ChosenId = z
  .number({ error: invalidChoice })
  .int(invalidChoice)
  .positive(invalidChoice)
  .max(MAX_INT4, invalidChoice);

/** Voids one lost card of a batch by the check code printed on it. */
export const VoidCardSchema = z.object({
  intent: z.literal("void"),
  batchId: ChosenId,
  checkCode: z
    .string({ error: msg("voting.checkCodeInvalid") })
    .trim()
    .min(4, msg("voting.checkCodeInvalid"))
    .max(12, msg("voting.checkCodeInvalid")),
  reason: z.string().trim().max(200, tooLong(200)).optional(),
});

/** Voids every unused card of a batch that never reached residents. */
export const VoidBatchSchema = z.object({
  intent: z.literal("voidBatch"),
  batchId: ChosenId,
  reason: z
    .string({ error: msg("voting.voidBatch.reasonRequired") })
    .trim()
    .min(1, msg("voting.voidBatch.reasonRequired"))
    .max(200, tooLong(200)),
});

export const RegistryProofSchema = z.object({
  intent: z.literal("registryProof"),
  registryProof: z.enum(REGISTRY_PROOFS, { error: invalidChoice }),
});

export const StationSchema = z.object({
  intent: z.literal("station"),
  communityId: ChosenId,
  name: z.string({ error: required }).trim().min(1, required).max(60, tooLong(60)),
});

export const VotingPageSchema = intents([
  VoidCardSchema,
  VoidBatchSchema,
  RegistryProofSchema,
  StationSchema,
]);

export type VotingIntent = z.infer<typeof VotingPageSchema>["intent"];
export const VOTING_INTENTS: readonly VotingIntent[] = VotingPageSchema.options.map(
  (o) => o.shape.intent.value,
);

/** The registry CSV upload (multipart): a file, nothing else. */
export const RegistryImportSchema = intents([
  z.object({
    intent: z.literal("registryImport").default("registryImport"),
    file: z.custom<Blob>(
      (value) => typeof value === "object" && value !== null && "arrayBuffer" in value,
      { error: msg("needs.csv.noFile") },
    ),
  }),
]);
