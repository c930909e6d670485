/**
 * The one action pattern: a form action parses with Conform + zod and dispatches on an `intent`
 * discriminated union (`z.discriminatedUnion("intent", [...])`). A submission whose intent is
 * none of the form's (a page from before an update, a hand-made post) is refused with a message
 * beside the form, never saved; `submission.reply()` gives back what was typed.
 */
import { msg } from "./messages";

/**
 * The form error for a submission whose intent the union does not know, or undefined. A
 * Conform list control (a row added or removed without JavaScript) is no submission yet, so its
 * missing intent is not reported.
 */
export function unknownIntent(submission: {
  status?: "success" | "error";
  error?: Record<string, unknown> | null;
}): string[] | undefined {
  return submission.status === "error" && submission.error?.intent
    ? [msg("errors.unknownIntent")]
    : undefined;
}
