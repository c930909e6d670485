/**
 * What a page with several forms needs of the action and the navigation: the action answers
 * `{ form, result }` for the form it handled, and a form is busy while its intent is on its way.
 */
import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData, useNavigation } from "@remix-run/react";
import type { z } from "zod";

/** The action's answer to this form (for Conform's `lastResult`), or undefined. */
export function useFormReply(form: string) {
  const actionData = useActionData<{ form?: string; result?: SubmissionResult<string[]> }>();
  return actionData?.form === form ? actionData.result : undefined;
}

/** True while a form with this intent is being submitted. */
export function useSubmitting(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/**
 * One of the page's forms: Conform validating with the zod schema in the browser as the server
 * does, and the action's answer to this form (by its id) as the last result.
 */
export function useReplyForm<
  Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>,
>(
  id: string,
  schema: Schema,
  options: {
    defaultValue?: DefaultValue<z.input<Schema>>;
    shouldValidate?: "onSubmit" | "onBlur" | "onInput";
  } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult: useFormReply(id),
    ...options,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
