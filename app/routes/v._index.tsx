import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type MetaFunction, json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { Notice, VoteFrame } from "~/components/vote-frame";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg, translateMessage } from "~/forms/messages";
import { tokenForTypedCode } from "~/models/ballot.server";
import { failureSlowdown } from "~/server/rate-limit.server";

export const handle = { chromeless: true };

const required = msg("errors.required");

/** The page's one form: the code printed under the card's QR code. */
const TypedCodeSchema = z.object({
  intent: z.literal("open").default("open"),
  code: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(40, msg("errors.tooLong", { max: 40 })),
});
const TypedCodePageSchema = intents([TypedCodeSchema]);

/**
 * /v: for residents whose camera cannot read the card's QR code, the code printed under it
 * (XXXX-XXXX-XXXX, lower case, full-width and spaces accepted) leads to the same voting page.
 * Wrong codes count against the address and are slowed down like unknown tokens.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: TypedCodePageSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const token = await tokenForTypedCode(context.services.db, submission.value.code);
  if (token) return redirect(`/v/${token}`);
  const slow = await failureSlowdown(context.services.limiters.voteProbeByIp, context.clientIp);
  const refused = msg(slow.slowed ? "vote.refusals.throttled" : "vote.typedCodeUnknown");
  return json(
    { result: refusal(submission, { fieldErrors: { code: [refused] } }) },
    { status: slow.slowed ? 429 : 404 },
  );
}

export default function TypeCode() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "typed-code",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TypedCodeSchema }),
  });
  return (
    <VoteFrame title={t("vote.typedCodeTitle")}>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="open" />
        <Field
          large
          label={t("vote.typedCodeLabel")}
          errors={fields.code.errors}
          inputProps={{
            ...getInputProps(fields.code, { type: "text" }),
            className: "input font-mono text-2xl tracking-wider uppercase",
            autoComplete: "off",
            autoCapitalize: "characters",
            spellCheck: false,
            placeholder: "XXXX-XXXX-XXXX",
            required: true,
          }}
        />
        {form.errors?.map((e) => (
          <Notice key={e} tone="error">
            {translateMessage(t, e)}
          </Notice>
        ))}
        <button type="submit" className="btn-primary min-h-14 w-full text-xl">
          {t("vote.typedCodeSubmit")}
        </button>
      </Form>
    </VoteFrame>
  );
}

export const meta: MetaFunction = () => [
  { title: "输入投票码 · 社区路演" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
