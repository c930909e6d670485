import { type ActionFunctionArgs, type MetaFunction, json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Notice, VoteFrame } from "~/components/vote-frame";
import { tokenForTypedCode } from "~/models/ballot.server";
import { readForm } from "~/utils/form-data.server";
import { msg, translateMessage } from "~/utils/messages";
import { failureSlowdown } from "~/utils/rate-limit.server";

export const handle = { chromeless: true };

/**
 * /v: for residents whose camera cannot read the card's QR code, the code printed under it
 * (XXXX-XXXX-XXXX, lower case, full-width and spaces accepted) leads to the same voting page.
 * Wrong codes count against the address and are slowed down like unknown tokens.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const code = String(form.get("code") ?? "").slice(0, 40);
  const token = code.trim() ? await tokenForTypedCode(context.services.db, code) : null;
  if (token) return redirect(`/v/${token}`);
  const slow = await failureSlowdown(context.services.limiters.voteProbeByIp, context.clientIp);
  return json(
    { error: msg(slow.slowed ? "vote.refusals.throttled" : "vote.typedCodeUnknown"), code },
    { status: slow.slowed ? 429 : 404 },
  );
}

export default function TypeCode() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <VoteFrame title={t("vote.typedCodeTitle")}>
      <Form method="post" className="mt-4 space-y-4">
        <label className="block">
          <span className="label text-lg">{t("vote.typedCodeLabel")}</span>
          <input
            name="code"
            className="input font-mono text-2xl tracking-wider uppercase"
            defaultValue={data?.code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="XXXX-XXXX-XXXX"
            required
          />
        </label>
        {data?.error ? <Notice tone="error">{translateMessage(t, data.error)}</Notice> : null}
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
