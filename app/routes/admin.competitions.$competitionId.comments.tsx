/**
 * 评论审核: the residents' comments of a 效果共评 round, each with no link to a ballot or a
 * voter. The street ticks some and approves or rejects them (audited); approved ones are
 * published with the round's next result.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { ModerationSchema } from "~/forms/evaluation-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { MIN_BATCH, sealedEnvelopes } from "~/models/ballot-box.server";
import { getCompetition } from "~/models/competition.server";
import { listComments, moderateComments } from "~/models/evaluation.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

async function round(args: LoaderFunctionArgs) {
  const competition = await getCompetition(
    args.context.services.db,
    idParam(args.params.competitionId),
  );
  invariantResponse(competition?.kind === "evaluation", "Not found", { status: 404 });
  return competition;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { id } = await round(args);
  const db = args.context.services.db;
  return json({
    comments: await listComments(db, id),
    // Comments travel sealed with their ballot: they appear here once a batch is opened.
    sealed: await sealedEnvelopes(db, id),
    canEdit: user.role === "street_admin",
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { id } = await round(args);
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: ModerationSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const { intent, comment } = submission.value;
  if (comment.length === 0)
    return json(
      {
        result: refusal(submission, { formErrors: [msg("evaluation.moderation.nothing")] }),
      },
      { status: 400 },
    );
  const n = await moderateComments(
    args.context.services.db,
    actorOf(admin),
    id,
    comment,
    intent === "approve" ? "approved" : "rejected",
  );
  return redirectWithToast(args.context, args.request, `/admin/competitions/${id}/comments`, {
    message: "evaluation.moderation.done",
    values: { n },
  });
}

export default function CommentModeration() {
  const { t } = useTranslation();
  const { comments, sealed, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const ticked = new Set(
    (actionData?.result.initialValue?.comment as string[] | string | undefined) ?? [],
  );
  return (
    <section className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("evaluation.moderation.title")}</h2>
      <p className="text-sm text-stone-600">{t("evaluation.moderation.hint")}</p>
      {sealed > 0 ? (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="sealed">
          {t("evaluation.moderation.sealed", { count: sealed, min: MIN_BATCH })}
        </p>
      ) : null}
      {comments.length === 0 ? (
        <p className="text-stone-600">{t("evaluation.moderation.none")}</p>
      ) : (
        <Form method="post" className="space-y-3">
          <ErrorList errors={actionData?.result.error?.[""]} />
          <ul className="divide-y divide-stone-100" data-testid="comments">
            {comments.map((c) => (
              <li key={c.id} className="flex gap-3 py-3">
                {canEdit ? (
                  <input
                    type="checkbox"
                    name="comment"
                    value={c.id}
                    defaultChecked={ticked.has(String(c.id))}
                    aria-label={c.body.slice(0, 40)}
                    className="mt-1 size-5 shrink-0 accent-brand-600"
                  />
                ) : null}
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-stone-500">
                    {c.communityName} · {c.proposalTitle} ·{" "}
                    <span
                      className={
                        c.status === "approved"
                          ? "text-emerald-700"
                          : c.status === "rejected"
                            ? "text-red-700"
                            : "font-semibold text-amber-700"
                      }
                    >
                      {t(`evaluation.moderation.${c.status}`)}
                    </span>
                  </p>
                  <p className="whitespace-pre-wrap break-words">{c.body}</p>
                </div>
              </li>
            ))}
          </ul>
          {canEdit ? (
            <div className="flex gap-3">
              <button type="submit" name="intent" value="approve" className="btn-primary">
                {t("evaluation.moderation.approve")}
              </button>
              <button type="submit" name="intent" value="reject" className="btn-secondary">
                {t("evaluation.moderation.reject")}
              </button>
            </div>
          ) : null}
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
