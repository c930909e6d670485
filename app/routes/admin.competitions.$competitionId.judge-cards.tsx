import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { QrAddressWarning } from "~/components/qr-address-warning";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { getCompetition } from "~/models/competition.server";
import { issueJudgeCodes } from "~/models/judge-login.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { publicOrigin, qrAddress, qrSvg } from "~/server/qr.server";
import { formatDateTime } from "~/utils/datetime";
import { idParam } from "~/utils/params";

/** The page's one form: issue a new set of cards. Any other intent is refused. */
const JudgeCardsSchema = intents([z.object({ intent: z.literal("issue").default("issue") })]);

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  invariantResponse(
    await getCompetition(args.context.services.db, idParam(args.params.competitionId)),
    "Not found",
    { status: 404 },
  );
  return json({ qrAddress: qrAddress(args.request, args.context.services.config.publicUrl) });
}

/** Issues new cards (older cards stop working) and shows them once, ready to print. */
export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, config } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const submission = parseWithZod(await readForm(args.request), { schema: JudgeCardsSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const { cards, expiresAt } = await issueJudgeCodes(db, actorOf(admin), id);
  const origin = publicOrigin(args.request, config.publicUrl);
  return json(
    {
      expiresAt: expiresAt.toISOString(),
      cards: await Promise.all(
        cards.map(async (c) => ({
          name: c.judge.name,
          title: c.judge.title,
          pin: c.pin,
          url: `${origin}/j/${c.token}`,
          qr: await qrSvg(`${origin}/j/${c.token}`),
        })),
      ),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function JudgeCards() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const data = actionData && "cards" in actionData ? actionData : null;
  const loaded = useLoaderData<typeof loader>();
  const [form] = useForm({
    id: "judge-cards",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
  });
  return (
    <div className="space-y-4">
      <div className="card space-y-3 print:hidden">
        <h2 className="text-lg font-semibold">{t("live.judgeCards")}</h2>
        <QrAddressWarning check={loaded.qrAddress} />
        <p className="text-sm text-stone-600">{t("judgeCards.hint")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-2">
          <input type="hidden" name="intent" value="issue" />
          <button type="submit" className="btn-primary">
            {t("judgeCards.issue")}
          </button>
          <ErrorList id={form.errorId} errors={form.errors} />
        </Form>
      </div>
      {data ? (
        <>
          <p className="text-sm text-stone-600 print:hidden">
            {t("judgeCards.validUntil", { time: formatDateTime(data.expiresAt) })}{" "}
            <button type="button" className="underline" onClick={() => window.print()}>
              {t("judgeCards.print")}
            </button>
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 print:grid-cols-2">
            {data.cards.map((c) => (
              <li
                key={c.url}
                className="card flex break-inside-avoid gap-4"
                data-testid="judge-card"
              >
                <div
                  className="size-36 shrink-0"
                  role="img"
                  aria-label={c.url}
                  dangerouslySetInnerHTML={{ __html: c.qr }}
                />
                <div>
                  <p className="text-xl font-semibold">{c.name}</p>
                  <p className="text-sm text-stone-500">{c.title}</p>
                  <p className="mt-3 text-sm text-stone-500">PIN</p>
                  <p className="font-mono text-3xl tracking-widest" data-testid="judge-pin">
                    {c.pin}
                  </p>
                  <p className="mt-2 break-all text-xs text-stone-400" data-testid="judge-url">
                    {c.url}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
