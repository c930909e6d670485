import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { Notice, VoteFrame } from "~/components/vote-frame";
import { isMobile, normalisePhone } from "~/domain/registry";
import { isSmsCodeFormat } from "~/domain/sms-code";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg, translateMessage } from "~/forms/messages";
import { getBallot, tokenForResident, votingWindow } from "~/models/ballot.server";
import { getCompetitionBySlug } from "~/models/competition.server";
import { sendRegistryCode, tokenForResidentByCode } from "~/models/registry-code.server";
import {
  blockedFor,
  consumeOrWait,
  failureSlowdown,
  recordFailure,
} from "~/server/rate-limit.server";
import { formatDateTime } from "~/utils/datetime";

export const handle = { chromeless: true };

/** Where the QR code on the big screen leads: how to vote, and the registry check. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const info = (await getBallot(db, competition.id))!;
  return json({
    slug: competition.slug,
    title: competition.title,
    registry: competition.verificationMode !== "token",
    // Registry only: what a resident who scanned the big screen reads first is the form, not
    // how to use a card they were never given (cards still work if the street issued some).
    registryOnly: competition.verificationMode === "registry",
    smsCode: competition.registryProof === "sms_code",
    window: votingWindow(info),
    opensAt: info.opensAt?.toISOString() ?? null,
  });
}

const required = msg("errors.required");
const tooLong = msg("errors.tooLong", { max: 40 });
const ResidentFields = z.object({
  name: z.string({ error: required }).trim().min(1, required).max(40, tooLong),
  phone: z.string({ error: required }).trim().refine(isMobile, msg("vote.phoneFormat")),
  document: z.string().trim().max(40, tooLong).optional(),
});
const CodeSchema = z
  .string({ error: msg("vote.codeFormat") })
  .trim()
  .refine(isSmsCodeFormat, msg("vote.codeFormat"));

/**
 * The registry form's steps. `verify` checks name, phone (and 证件号); where the competition
 * asks for an SMS code it only asks for one, like `send`; `code` checks the code. A post
 * without an intent is `verify`.
 */
const LandingSchema = intents([
  ResidentFields.extend({ intent: z.literal("verify").default("verify") }),
  ResidentFields.extend({ intent: z.literal("send") }),
  ResidentFields.extend({ intent: z.literal("code"), code: CodeSchema }),
]);

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { db, limiters, sms } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition && competition.verificationMode !== "token", "Not found", {
    status: 404,
  });
  const smsCode = competition.registryProof === "sms_code";
  const submission = parseWithZod(await readForm(request), { schema: LandingSchema });
  // What was typed comes back with every answer; `sent` keeps the code step open.
  const answer = (
    status: number,
    errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {},
    sent = false,
  ) => json({ result: refusal(submission, errors), sent }, { status });
  if (submission.status !== "success")
    return answer(400, {}, smsCode && submission.payload.intent === "code");
  const resident = submission.value;
  // The SMS steps exist only where the competition asks for a code: a page from before the
  // street changed that is answered like an unknown intent.
  if (!smsCode && resident.intent !== "verify")
    return answer(400, { formErrors: [msg("errors.unknownIntent")] });
  // Throttled per credential (this competition's phone number) and, slowing only, per address.
  const phoneKey = `${competition.id}|${normalisePhone(resident.phone)}`;
  if ((await blockedFor(limiters.registryByPhone, phoneKey)) > 0)
    return answer(429, { formErrors: [msg("vote.refusals.throttled")] }, smsCode);

  if (smsCode) {
    // Name and phone alone never give a card here: they only ask for a code to the phone on
    // file, and the answer is the same whether or not they are in the registry.
    if (resident.intent !== "code") {
      const phone = normalisePhone(resident.phone);
      const wait =
        (await consumeOrWait(limiters.smsByPhoneMinute, phone)) ||
        (await consumeOrWait(limiters.smsByPhoneHour, phone));
      if (wait > 0)
        return answer(429, { formErrors: [msg("vote.codeThrottled", { seconds: wait })] }, true);
      await sendRegistryCode(db, sms, competition, resident);
      return answer(200, {}, true);
    }
    const checked = await tokenForResidentByCode(db, competition.id, resident);
    if (!checked.ok) {
      await recordFailure(limiters.registryByPhone, phoneKey);
      await failureSlowdown(limiters.registryByIp, context.clientIp);
      // One answer for an unknown resident, a wrong, spent or expired code, and "already voted".
      return answer(400, { fieldErrors: { code: [msg("vote.codeRefused")] } }, true);
    }
    return redirect(`/v/${checked.token}`);
  }
  const result = await tokenForResident(db, competition.id, {
    ...resident,
    document: resident.document || undefined,
  });
  if (!result.ok) {
    await recordFailure(limiters.registryByPhone, phoneKey);
    await failureSlowdown(limiters.registryByIp, context.clientIp);
    // A 证件号 is on file: ask for it (what was typed stays in the form).
    if (result.refusal === "documentRequired")
      return answer(400, { fieldErrors: { document: [msg("vote.documentRequired")] } });
    // One answer for "not in the registry" and "already voted": no "has X voted?" oracle.
    return answer(400, { formErrors: [msg("vote.registryRefused")] });
  }
  // The resident's own card, the same on every visit: the ballot, or its receipt once voted.
  return redirect(`/v/${result.token}`);
}

export default function VoteLanding() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "vote-registry",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LandingSchema }),
  });
  const codeStep = data.smsCode && actionData?.sent;
  const refused = Boolean(actionData?.result.error);
  // The registry fields: name and phone always, the 证件号 unless an SMS code proves the phone.
  const registryFields = [
    { field: fields.name, label: t("vote.name"), autoComplete: "name", required: true },
    {
      field: fields.phone,
      label: t("vote.phone"),
      autoComplete: "tel",
      inputMode: "tel" as const,
      required: true,
    },
    ...(data.smsCode
      ? []
      : [{ field: fields.document, label: t("vote.document"), autoComplete: "off" }]),
    ...(codeStep
      ? [
          {
            field: fields.code,
            label: t("vote.code"),
            autoComplete: "one-time-code",
            inputMode: "numeric" as const,
            maxLength: 12,
            className: "input text-xl tracking-widest",
          },
        ]
      : []),
  ];
  return (
    <VoteFrame title={data.title}>
      {data.window === "notYet" ? (
        <Notice>{t("vote.refusals.notYet", { time: formatDateTime(data.opensAt) })}</Notice>
      ) : null}
      {data.window === "closed" ? <Notice>{t("vote.refusals.closed")}</Notice> : null}
      {data.registryOnly ? null : (
        <>
          <p className="mt-4 text-xl">{t("vote.landingCards")}</p>
          <Link to="/v" className="mt-2 inline-block text-xl text-sky-800 underline">
            {t("vote.typedCodeLink")}
          </Link>
        </>
      )}
      {data.registry && data.window === "open" ? (
        <Form
          method="post"
          {...getFormProps(form)}
          className={`${data.registryOnly ? "mt-4" : "mt-6"} space-y-4 rounded-2xl border-2 border-stone-300 p-4`}
        >
          <p className="text-xl font-semibold">
            {t(data.registryOnly ? "vote.landingRegistryOnly" : "vote.landingRegistry")}
          </p>
          {registryFields.map(({ field, label, ...props }) => (
            <Field
              key={field.name}
              large
              label={label}
              errors={field.errors}
              inputProps={{ ...getInputProps(field, { type: "text" }), ...props }}
            />
          ))}
          {codeStep && !refused ? <Notice>{t("vote.codeSent")}</Notice> : null}
          {form.errors?.map((e) => (
            <Notice key={e} tone="error">
              {translateMessage(t, e)}
            </Notice>
          ))}
          <SubmitButtons smsCode={data.smsCode} codeStep={Boolean(codeStep)} />
        </Form>
      ) : null}
      {data.registryOnly ? (
        <Link to="/v" className="mt-6 block text-lg text-sky-800 underline">
          {t("vote.landingCardsAlso")}
        </Link>
      ) : null}
      <Link to={`/p/${data.slug}`} className="mt-6 inline-block text-xl text-sky-800 underline">
        {t("vote.viewProjects")}
      </Link>
    </VoteFrame>
  );
}

/** Each button names its step (Enter in a field sends the first one). */
function SubmitButtons({ smsCode, codeStep }: { smsCode: boolean; codeStep: boolean }) {
  const { t } = useTranslation();
  const primary = "btn-primary min-h-14 w-full text-xl";
  if (!smsCode)
    return (
      <button type="submit" name="intent" value="verify" className={primary}>
        {t("vote.verify")}
      </button>
    );
  if (!codeStep)
    return (
      <button type="submit" name="intent" value="send" className={primary}>
        {t("vote.sendCode")}
      </button>
    );
  return (
    <>
      <button type="submit" name="intent" value="code" className={primary}>
        {t("vote.confirmCode")}
      </button>
      <button
        type="submit"
        name="intent"
        value="send"
        className="btn-secondary min-h-12 w-full text-lg"
      >
        {t("vote.resendCode")}
      </button>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "居民投票 · 社区路演" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
