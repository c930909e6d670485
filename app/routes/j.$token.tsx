import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { appendAudit } from "~/models/audit.server";
import { checkPin, findByToken } from "~/models/judge-login.server";
import { startSession } from "~/server/auth.server";
import { blockedFor, recordFailure } from "~/server/rate-limit.server";

/** The PIN form, the page's only one; spaces typed between the digits are dropped. */
const PinSchema = z.object({
  intent: z.literal("pin").default("pin"),
  pin: z
    .string({ error: msg("errors.required") })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, msg("judgeCards.pinFormat"))),
});
const PinPageSchema = intents([PinSchema]);

/** A judge scanned their card on a tablet: ask for the PIN. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const code = await findByToken(context.services.db, params.token ?? "");
  invariantResponse(code, "Not found", { status: 404 });
  return json({ name: code.displayName });
}

export async function action(args: ActionFunctionArgs) {
  const { db, limiters } = args.context.services;
  const token = args.params.token ?? "";
  const code = await findByToken(db, token);
  invariantResponse(code, "Not found", { status: 404 });
  const submission = parseWithZod(await readForm(args.request), { schema: PinPageSchema });
  const hideFields = ["pin"];
  const key = `pin|${code.userId}|${args.context.clientIp}`;
  const blocked = await blockedFor(limiters.loginByUserIp, key);
  if (blocked > 0) {
    const throttled = msg("login.throttled", { minutes: Math.ceil(blocked / 60) });
    return json(
      { result: refusal(submission, { formErrors: [throttled], hideFields }) },
      { status: 429 },
    );
  }
  // A malformed PIN tests nothing: it is refused in words without counting as a guess.
  if (submission.status !== "success")
    return json({ result: refusal(submission, { hideFields }) }, { status: 400 });
  if (!(await checkPin(code.pinHash, submission.value.pin))) {
    await recordFailure(limiters.loginByUserIp, key);
    return json(
      {
        result: refusal(submission, {
          fieldErrors: { pin: [msg("judgeCards.wrongPin")] },
          hideFields,
        }),
      },
      { status: 400 },
    );
  }
  await limiters.loginByUserIp.delete(key);
  await appendAudit(
    db,
    { userId: code.userId, label: `${code.username} (judge)` },
    {
      action: "auth.login_pin",
      subjectType: "user",
      subjectId: code.userId,
      payload: { ip: args.context.clientIp, competitionId: code.competitionId },
    },
  );
  return startSession(
    args,
    {
      id: code.userId,
      username: code.username,
      displayName: code.displayName,
      role: "judge",
      communityId: null,
      partnerUnitId: null,
    },
    `/judge/live/${code.competitionId}`,
  );
}

export default function PinPage() {
  const { t } = useTranslation();
  const { name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "judge-pin",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PinSchema }),
  });
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <h1 className="text-2xl font-semibold">{t("judgeCards.welcome", { name })}</h1>
        <input type="hidden" name="intent" value="pin" />
        <Field
          label={t("judgeCards.pin")}
          errors={[...(form.errors ?? []), ...(fields.pin.errors ?? [])]}
          inputProps={{
            ...getInputProps(fields.pin, { type: "text" }),
            className: "input text-center font-mono text-3xl tracking-[0.5em]",
            inputMode: "numeric",
            autoComplete: "one-time-code",
            pattern: "\\d{6}",
            maxLength: 6,
            required: true,
            autoFocus: true,
          }}
        />
        <button type="submit" className="btn-primary w-full min-h-14 text-lg">
          {t("login.submit")}
        </button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "评委登录 · 社区路演" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
