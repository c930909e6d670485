import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type SerializeFrom,
  json,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { formatYuan } from "~/domain/money";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { getCommunity } from "~/models/community.server";
import { getCompetition, listCompetitions } from "~/models/competition.server";
import { createDraft, listProposals } from "~/models/proposal.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { MAX_INT4 } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  const { db } = args.context.services;
  const [proposals, competitions] = await Promise.all([
    listProposals(db, { communityId: user.communityId }),
    listCompetitions(db),
  ]);
  const open = competitions.filter((c) => c.phase === "accepting");
  const deadlines = await Promise.all(open.map((c) => getCompetition(db, c.id)));
  return json({
    proposals,
    open: open.map((c, i) => ({
      id: c.id,
      title: c.title,
      deadline: deadlines[i]?.proposalDeadline ?? null,
    })),
  });
}

/** The page's one action: a new draft in an open competition. */
const CreateSchema = z.object({
  intent: z.literal("create"),
  competitionId: z
    .number({ error: msg("errors.invalidChoice") })
    .int(msg("errors.invalidChoice"))
    .positive(msg("errors.invalidChoice"))
    .max(MAX_INT4, msg("errors.invalidChoice")),
  title: z
    .string({ error: msg("errors.required") })
    .trim()
    .min(1, msg("errors.required"))
    .max(60, msg("errors.tooLong", { max: 60 })),
});
const ProposalsPageSchema = intents([CreateSchema]);

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  const { db } = args.context.services;
  const submission = parseWithZod(await readForm(args.request), { schema: ProposalsPageSchema });
  // Each open competition has its own form: the answer goes back to the one that was sent.
  const sentFor = String(submission.payload.competitionId ?? "");
  if (submission.status !== "success") {
    return json({ sentFor, result: refusal(submission) }, { status: 400 });
  }
  const { competitionId, title } = submission.value;
  const competition = await getCompetition(db, competitionId);
  if (!competition || competition.phase !== "accepting") {
    const formErrors = [msg("proposal.refusals.phaseClosed")];
    return json({ sentFor, result: submission.reply({ formErrors }) }, { status: 400 });
  }
  const community = await getCommunity(db, user.communityId);
  const id = await createDraft(db, actorOf(user), {
    competitionId: competition.id,
    communityId: user.communityId,
    title,
    brand: community?.brandName ?? "",
  });
  return redirect(`/secretary/proposals/${id}`);
}

export default function SecretaryProposals() {
  const { t } = useTranslation();
  const { proposals, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t("proposal.mine")}</h1>
      {/* An answer for a competition no longer open (or none): said above the forms. */}
      {actionData && !open.some((c) => String(c.id) === actionData.sentFor) ? (
        <ErrorList
          errors={[
            ...(actionData.result.error?.[""] ?? []),
            ...(actionData.result.error?.competitionId ?? []),
          ]}
        />
      ) : null}
      {open.length === 0 ? (
        <p className="card text-stone-600">{t("proposal.noOpenCompetition")}</p>
      ) : (
        open.map((c) => (
          <CreateForm
            key={c.id}
            competition={c}
            lastResult={actionData?.sentFor === String(c.id) ? actionData.result : undefined}
          />
        ))
      )}
      <section className="card">
        {proposals.length === 0 ? <p className="text-stone-500">{t("proposal.none")}</p> : null}
        <ul className="divide-y divide-stone-100">
          {proposals.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <Link
                  to={`/secretary/proposals/${p.id}`}
                  className="font-medium text-brand-700 underline"
                >
                  {p.title}
                </Link>
                <p className="text-sm text-stone-500">
                  {p.competitionTitle} · {t("proposal.requestedTotal")} {formatYuan(p.requestedFen)}{" "}
                  {t("common.yuan")}
                </p>
              </div>
              <StatusBadge status={p.status} />
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

function CreateForm({
  competition: c,
  lastResult,
}: {
  competition: SerializeFrom<typeof loader>["open"][number];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof CreateSchema>>({
    id: `create-${c.id}`,
    lastResult,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposalsPageSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-[1fr_auto]">
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="competitionId" value={c.id} />
      <div>
        <label htmlFor={fields.title.id} className="label">
          {t("proposal.createFor", { title: c.title })}
        </label>
        <input
          {...getInputProps(fields.title, { type: "text" })}
          className="input"
          placeholder={t("proposal.fields.title")}
          required
          maxLength={60}
        />
        <p className="mt-1 text-sm text-stone-500">
          {t("proposal.deadline", { time: formatDateTime(c.deadline) })}
        </p>
        <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
        <ErrorList errors={fields.competitionId.errors} />
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <div className="flex items-start sm:pt-6">
        <button type="submit" className="btn-primary w-full">
          {t("proposal.create")}
        </button>
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
