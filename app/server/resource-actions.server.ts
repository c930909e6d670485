/** What the 资源清单 actions share: parse by intent, answer refusals beside the form that was sent. */
import type { Submission as ConformSubmission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type TypedResponse } from "@remix-run/node";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { PartnerOfferSchema } from "~/forms/resource-form";
import { ResourceError, type ResourceUser, updateOffer } from "~/models/resource.server";
import { redirectWithToast } from "./toast.server";

/** Any parsed submission: what is read here is common to all. */
interface Submission {
  status?: ConformSubmission<unknown>["status"];
  error?: Record<string, string[] | null> | null;
  reply(options?: { formErrors?: string[] }): SubmissionResult<string[]>;
}

export interface FormReply {
  formId: string;
  result: SubmissionResult<string[]>;
}

/** Which form on the page was sent: its intent and, for list rows, the row's id. */
export function formIdOf(formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  const row = formData.get("needId") ?? formData.get("claimId");
  return row ? `${intent}-${String(row)}` : intent;
}

/** A 400 with the fields' errors (an unknown intent is a message, never a save). */
export function invalid(formData: FormData, submission: ConformSubmission<unknown>) {
  return json<FormReply>(
    { formId: formIdOf(formData), result: refusal(submission, { hideFields: ["password"] }) },
    { status: 400 },
  );
}

/** Runs `work`; a ResourceError comes back as the form's message, with what was typed kept. */
export async function orRefusal<T>(
  formData: FormData,
  submission: Submission,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: TypedResponse<FormReply> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof ResourceError)) throw error;
    return {
      ok: false,
      response: json<FormReply>(
        {
          formId: formIdOf(formData),
          result: submission.reply({ formErrors: [msg(`resources.errors.${error.code}`)] }),
        },
        { status: 400 },
      ),
    };
  }
}

/** Saves the edit-offer form (the caller has checked that `user` may edit this offer). */
export async function saveOfferAction(
  args: ActionFunctionArgs,
  user: ResourceUser,
  offerId: number,
  redirectTo: string,
) {
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: PartnerOfferSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const { intent: _, ...input } = submission.value;
  const done = await orRefusal(formData, submission, () =>
    updateOffer(args.context.services.db, user, offerId, input),
  );
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, redirectTo, {
    message: "resources.offerSaved",
  });
}
