import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { appendAudit } from "~/models/audit.server";
import { checkPin, findByToken } from "~/models/judge-login.server";
import { startSession } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { blockedFor, recordFailure } from "~/utils/rate-limit.server";

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
  const key = `pin|${code.userId}|${args.context.clientIp}`;
  const blocked = await blockedFor(limiters.loginByUserIp, key);
  if (blocked > 0)
    return json(
      { error: msg("login.throttled", { minutes: Math.ceil(blocked / 60) }) },
      { status: 429 },
    );
  const pin = String((await readForm(args.request)).get("pin") ?? "").replace(/\s/g, "");
  if (!/^\d{6}$/.test(pin) || !(await checkPin(code.pinHash, pin))) {
    await recordFailure(limiters.loginByUserIp, key);
    return json({ error: msg("judgeCards.wrongPin") }, { status: 400 });
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
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <Form method="post" className="card space-y-4">
        <h1 className="text-2xl font-semibold">{t("judgeCards.welcome", { name })}</h1>
        <label className="block">
          <span className="label">{t("judgeCards.pin")}</span>
          <input
            name="pin"
            className="input text-center font-mono text-3xl tracking-[0.5em]"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            required
            autoFocus
            aria-invalid={actionData?.error ? true : undefined}
            aria-describedby="pin-error"
          />
        </label>
        <ErrorList id="pin-error" errors={actionData?.error ? [actionData.error] : undefined} />
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
