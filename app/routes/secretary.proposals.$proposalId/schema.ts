/** The editor's one action: the button pressed is its `intent` (save, submit, withdraw). */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { intents } from "~/forms/intent";
import { ProposalFormSchema } from "~/forms/proposal-form";

export const EditorActionSchema = intents([
  ProposalFormSchema.extend({ intent: z.literal("save") }),
  ProposalFormSchema.extend({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("withdraw") }),
]);

export function parseEditorForm(formData: FormData) {
  return parseWithZod(formData, { schema: EditorActionSchema });
}

export type EditorSubmission = ReturnType<typeof parseEditorForm>;
export type EditorContentValue = Extract<
  z.output<typeof EditorActionSchema>,
  { intent: "save" | "submit" }
>;

/**
 * What a refused submission asked for: to save or to submit the content (its fields did not
 * pass, or a list row was added or removed without JavaScript, which is a save), or null when
 * its intent is none of the editor's.
 */
export function refusedIntent(
  submission: Exclude<EditorSubmission, { status: "success" }>,
): "save" | "submit" | null {
  if (submission.status === undefined) return "save";
  if (submission.error?.intent) return null;
  return submission.payload.intent === "submit" ? "submit" : "save";
}
