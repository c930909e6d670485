/**
 * The one answer to a form that is refused (Conform + zod): a 400 carrying the submission's reply,
 * so the page shows each message beside its field and keeps everything that was typed. `intent`
 * says which of the page's forms the reply belongs to; an unknown intent (a stale page, a
 * hand-made request) is said once, as the form's own message, and nothing is saved.
 */
import type { Submission, SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import { msg } from "./messages";

/** A Conform submission that was not a success (or one refused after parsing). */
export type Refusable = Pick<Submission<unknown>, "reply"> & {
  error?: Record<string, string[] | null> | null;
};

export interface Refusal<Intent extends string> {
  intent: Intent;
  result: SubmissionResult<string[]>;
}

/** Was the submission refused for its `intent` (none of the page's forms sends that one)? */
export function unknownIntent(submission: Refusable) {
  return Boolean(submission.error?.intent);
}

/**
 * 400 with the reply. `formErrors`/`fieldErrors` add refusals found after parsing (a rule the
 * database or the domain checks); an unknown intent becomes the form's message.
 */
export function refuse<Intent extends string>(
  intent: Intent,
  submission: Refusable,
  more: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {},
  status: 400 | 409 = 400,
) {
  const formErrors = [
    ...(unknownIntent(submission) ? [msg("errors.unknownIntent")] : []),
    ...(more.formErrors ?? []),
  ];
  return json<Refusal<Intent>>(
    {
      intent,
      result: submission.reply({
        formErrors: formErrors.length ? formErrors : undefined,
        fieldErrors: more.fieldErrors,
      }),
    },
    { status },
  );
}
