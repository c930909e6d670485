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
import { Notice, VoteFrame } from "~/components/vote-frame";
import { isMobile, normalisePhone } from "~/domain/registry";
import { isSmsCodeFormat } from "~/domain/sms-code";
import { getBallot, tokenForResident, votingWindow } from "~/models/ballot.server";
import { getCompetitionBySlug } from "~/models/competition.server";
import { sendRegistryCode, tokenForResidentByCode } from "~/models/registry-code.server";
import { formatDateTime } from "~/utils/datetime";
import { readForm } from "~/utils/form-data.server";
import { msg, translateMessage } from "~/utils/messages";
import {
  blockedFor,
  consumeOrWait,
  failureSlowdown,
  recordFailure,
} from "~/utils/rate-limit.server";

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

const VerifySchema = z.object({
  name: z.string().trim().min(1, msg("errors.required")).max(40),
  phone: z.string().trim().refine(isMobile, msg("vote.phoneFormat")),
  document: z.string().trim().max(40).optional(),
});

type Values = { name: string; phone: string; document: string; code: string };
type ActionData = { error?: string; sent?: boolean; values: Values };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { db, limiters, sms } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition && competition.verificationMode !== "token", "Not found", {
    status: 404,
  });
  const form = Object.fromEntries(await readForm(request));
  const values = {
    name: String(form.name ?? ""),
    phone: String(form.phone ?? ""),
    document: String(form.document ?? ""),
    code: String(form.code ?? ""),
  };
  const answer = (data: Omit<ActionData, "values">, status = 200) =>
    json<ActionData>({ ...data, values }, { status });
  const parsed = VerifySchema.safeParse(values);
  if (!parsed.success) return answer({ error: parsed.error.issues[0]!.message }, 400);
  // Throttled per credential (this competition's phone number) and, slowing only, per address.
  const phoneKey = `${competition.id}|${normalisePhone(parsed.data.phone)}`;
  if ((await blockedFor(limiters.registryByPhone, phoneKey)) > 0)
    return answer({ error: msg("vote.refusals.throttled") }, 429);

  if (competition.registryProof === "sms_code") {
    // Name and phone alone never give a card here: they only ask for a code to the phone on
    // file, and the answer is the same whether or not they are in the registry.
    if (form.intent !== "code") {
      const phone = normalisePhone(parsed.data.phone);
      const wait =
        (await consumeOrWait(limiters.smsByPhoneMinute, phone)) ||
        (await consumeOrWait(limiters.smsByPhoneHour, phone));
      if (wait > 0)
        return answer({ error: msg("vote.codeThrottled", { seconds: wait }), sent: true }, 429);
      await sendRegistryCode(db, sms, competition, parsed.data);
      return answer({ sent: true });
    }
    if (!isSmsCodeFormat(values.code))
      return answer({ error: msg("vote.codeFormat"), sent: true }, 400);
    const checked = await tokenForResidentByCode(db, competition.id, {
      ...parsed.data,
      code: values.code,
    });
    if (!checked.ok) {
      await recordFailure(limiters.registryByPhone, phoneKey);
      await failureSlowdown(limiters.registryByIp, context.clientIp);
      // One answer for an unknown resident, a wrong, spent or expired code, and "already voted".
      return answer({ error: msg("vote.codeRefused"), sent: true }, 400);
    }
    return redirect(`/v/${checked.token}`);
  }
  const result = await tokenForResident(db, competition.id, {
    ...parsed.data,
    document: parsed.data.document || undefined,
  });
  if (!result.ok) {
    await recordFailure(limiters.registryByPhone, phoneKey);
    await failureSlowdown(limiters.registryByIp, context.clientIp);
    // A 证件号 is on file: ask for it (what was typed stays in the form).
    if (result.refusal === "documentRequired")
      return answer({ error: msg("vote.documentRequired") }, 400);
    // One answer for "not in the registry" and "already voted": no "has X voted?" oracle.
    return answer({ error: msg("vote.registryRefused") }, 400);
  }
  // The resident's own card, the same on every visit: the ballot, or its receipt once voted.
  return redirect(`/v/${result.token}`);
}

export default function VoteLanding() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const codeStep = data.smsCode && actionData?.sent;
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
          className={`${data.registryOnly ? "mt-4" : "mt-6"} space-y-4 rounded-2xl border-2 border-stone-300 p-4`}
        >
          <p className="text-xl font-semibold">
            {t(data.registryOnly ? "vote.landingRegistryOnly" : "vote.landingRegistry")}
          </p>
          <label className="block">
            <span className="label text-lg">{t("vote.name")}</span>
            <input
              name="name"
              className="input text-xl"
              defaultValue={actionData?.values.name}
              autoComplete="name"
              required
            />
          </label>
          <label className="block">
            <span className="label text-lg">{t("vote.phone")}</span>
            <input
              name="phone"
              className="input text-xl"
              defaultValue={actionData?.values.phone}
              inputMode="tel"
              autoComplete="tel"
              required
            />
          </label>
          {data.smsCode ? null : (
            <label className="block">
              <span className="label text-lg">{t("vote.document")}</span>
              <input
                name="document"
                className="input text-xl"
                defaultValue={actionData?.values.document}
                autoComplete="off"
              />
            </label>
          )}
          {codeStep && !actionData?.error ? <Notice>{t("vote.codeSent")}</Notice> : null}
          {codeStep ? (
            <label className="block">
              <span className="label text-lg">{t("vote.code")}</span>
              <input
                name="code"
                className="input text-xl tracking-widest"
                defaultValue={actionData?.values.code}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={12}
              />
            </label>
          ) : null}
          {actionData?.error ? (
            <Notice tone="error">{translateMessage(t, actionData.error)}</Notice>
          ) : null}
          {!data.smsCode ? (
            <button type="submit" className="btn-primary min-h-14 w-full text-xl">
              {t("vote.verify")}
            </button>
          ) : codeStep ? (
            <>
              <button
                type="submit"
                name="intent"
                value="code"
                className="btn-primary min-h-14 w-full text-xl"
              >
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
          ) : (
            <button
              type="submit"
              name="intent"
              value="send"
              className="btn-primary min-h-14 w-full text-xl"
            >
              {t("vote.sendCode")}
            </button>
          )}
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

export const meta: MetaFunction = () => [{ title: "居民投票 · 社区路演" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
