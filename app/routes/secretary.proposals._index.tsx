import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { formatYuan } from "~/domain/money";
import { getCommunity } from "~/models/community.server";
import { getCompetition, listCompetitions } from "~/models/competition.server";
import { createDraft, listProposals } from "~/models/proposal.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";

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

const CreateSchema = z.object({
  competitionId: z.coerce.number().int().positive(),
  title: z
    .string()
    .trim()
    .min(1, msg("errors.required"))
    .max(60, msg("errors.tooLong", { max: 60 })),
});

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  const { db } = args.context.services;
  const form = await readForm(args.request);
  const parsed = CreateSchema.safeParse({
    competitionId: form.get("competitionId"),
    title: form.get("title") ?? "",
  });
  if (!parsed.success) {
    return json(
      { errors: parsed.error.issues.map((i) => i.message), title: String(form.get("title") ?? "") },
      { status: 400 },
    );
  }
  const competition = await getCompetition(db, parsed.data.competitionId);
  if (!competition || competition.phase !== "accepting") {
    return json(
      { errors: [msg("proposal.refusals.phaseClosed")], title: parsed.data.title },
      { status: 400 },
    );
  }
  const community = await getCommunity(db, user.communityId);
  const id = await createDraft(db, actorOf(user), {
    competitionId: competition.id,
    communityId: user.communityId,
    title: parsed.data.title,
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
      {open.length === 0 ? (
        <p className="card text-stone-600">{t("proposal.noOpenCompetition")}</p>
      ) : (
        open.map((c) => (
          <Form key={c.id} method="post" className="card grid gap-3 sm:grid-cols-[1fr_auto]">
            <input type="hidden" name="competitionId" value={c.id} />
            <div>
              <label htmlFor={`title-${c.id}`} className="label">
                {t("proposal.createFor", { title: c.title })}
              </label>
              <input
                id={`title-${c.id}`}
                name="title"
                className="input"
                placeholder={t("proposal.fields.title")}
                defaultValue={actionData?.title}
                required
                maxLength={60}
              />
              <p className="mt-1 text-sm text-stone-500">
                {t("proposal.deadline", { time: formatDateTime(c.deadline) })}
              </p>
              <ErrorList errors={actionData?.errors} />
            </div>
            <div className="flex items-start sm:pt-6">
              <button type="submit" className="btn-primary w-full">
                {t("proposal.create")}
              </button>
            </div>
          </Form>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
