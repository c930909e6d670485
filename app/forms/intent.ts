/**
 * The one action pattern. A page's forms are told apart by an `intent` field, parsed with
 * Conform + zod as a discriminated union over that field:
 *
 *   const PageSchema = intents([CreateSchema, RemoveSchema]);
 *   const submission = parseWithZod(await readForm(request), { schema: PageSchema });
 *   if (submission.status !== "success")
 *     return json({ result: refusal(submission) }, { status: 400 });
 *   switch (submission.value.intent) { … }
 *
 * An intent that no form of the page sends is refused with a message ("无法识别的操作…"), never
 * saved. A page's first form (or a first step that records nothing) may give its intent a
 * default, so that a plain post without one, from a script or an older page, still means it.
 * The refusal keeps what was typed (Conform's `initialValue`), except the fields named in
 * `hideFields` (passwords, PINs).
 */
import type { Submission, SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { msg } from "./messages";

type IntentOption = z.core.$ZodTypeDiscriminable;

/** The discriminated union of a page's forms; an unknown intent is refused in words. */
export function intents<const Options extends readonly [IntentOption, ...IntentOption[]]>(
  options: Options,
) {
  return z.discriminatedUnion("intent", options, { error: msg("errors.unknownIntent") });
}

/**
 * Was the submission refused because no form of the page has its intent? A Conform list
 * control (a row added or removed without JavaScript) is no submission yet (no status), so its
 * missing intent is not reported.
 */
export function unknownIntent(submission: {
  status?: "success" | "error";
  error?: Record<string, unknown> | null;
}) {
  return submission.status === "error" && Boolean(submission.error?.intent);
}

/**
 * The reply to a refused submission (send it with status 400): the field errors beside their
 * fields and an unknown intent as the form's own error, with what was typed.
 */
export function refusal(
  submission: Submission<unknown>,
  options: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  } = {},
): SubmissionResult<string[]> {
  const formErrors = [
    ...(unknownIntent(submission) ? [msg("errors.unknownIntent")] : []),
    ...((submission.status !== "success" && submission.error?.[""]) || []),
    ...(options.formErrors ?? []),
  ];
  return submission.reply({
    ...options,
    ...(formErrors.length ? { formErrors } : {}),
  });
}
