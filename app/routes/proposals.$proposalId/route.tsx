import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedsList, ProposalBody } from "~/components/proposal-view";
import { StatusBadge } from "~/components/status-badge";
import { summariseBudget } from "~/domain/competition-rules";
import { formatYuan } from "~/domain/money";
import { availableActions, canRead } from "~/domain/proposal-flow";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { notesOf, ReviewSchema } from "~/forms/proposal-review-form";
import { getProposalDetail, proposalHistory, transitionProposal } from "~/models/proposal.server";
import { actorOf } from "~/models/user.server";
import { getUser, requireUser } from "~/server/auth.server";
import { flowContext, refusalToast } from "~/server/proposal-actions.server";
import { redirectWithToast } from "~/server/toast.server";
import { actionLabel, actorLabel } from "~/utils/audit-labels";
import { formatDateTime } from "~/utils/datetime";
import { idParam } from "~/utils/params";
import { ReviewForm } from "./review-form";

export async function loader(args: LoaderFunctionArgs) {
  const id = idParam(args.params.proposalId);
  const detail = await getProposalDetail(args.context.services.db, id);
  invariantResponse(detail, "Not found", { status: 404 });
  const visitor = await getUser(args);
  if (!visitor) {
    if (detail.proposal.status === "accepted")
      throw redirect(`/p/${detail.competition.slug}/${id}`);
    await requireUser(args); // to the login page and back
  }
  const user = visitor!;
  const ownCommunity =
    user.role === "secretary" && user.communityId === detail.proposal.communityId;
  invariantResponse(
    canRead({ status: detail.proposal.status, role: user.role, ownCommunity }),
    "Forbidden",
    { status: 403 },
  );
  const showHistory = user.role === "street_admin" || user.role === "observer" || ownCommunity;
  return json({
    ...detail,
    // The unsaved autosave stays with its community.
    proposal: { ...detail.proposal, formState: null },
    actions: availableActions(flowContext(detail, user)),
    history: showHistory ? await proposalHistory(args.context.services.db, id) : [],
    role: user.role,
    ownCommunity,
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const id = idParam(args.params.proposalId);
  const here = `/proposals/${id}`;
  const submission = parseWithZod(await readForm(args.request), { schema: ReviewSchema });
  if (submission.status !== "success") {
    return json({ result: refusal(submission) }, { status: 400 });
  }
  const { intent, reason = "", notes } = submission.value;
  try {
    await transitionProposal(args.context.services.db, actorOf(admin), admin, id, intent, {
      reason,
      fields: notesOf(notes),
    });
  } catch (error) {
    return refusalToast(args.context, args.request, here, error);
  }
  const message =
    intent === "accept"
      ? "proposal.review.accepted"
      : intent === "return"
        ? "proposal.review.returned"
        : "proposal.review.rejected";
  return redirectWithToast(args.context, args.request, here, { message });
}

export default function ProposalPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const {
    proposal,
    community,
    competition,
    content,
    needs,
    funds,
    deck,
    actions,
    history,
    role,
    ownCommunity,
  } = data;
  const summary = summariseBudget({
    lines: content.budgetLines,
    requests: content.requests,
    cofunding: content.cofunding,
  });
  const reviewNotes = proposal.reviewNotes as {
    reason?: string;
    fields?: Record<string, string>;
  } | null;
  const canReview = actions.some((a) => a === "accept" || a === "return" || a === "reject");
  const busy = navigation.state !== "idle";
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <header className="card">
        <p className="text-sm text-stone-500">
          {competition.title} · {community.name}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{proposal.title}</h1>
          <StatusBadge status={proposal.status} />
        </div>
        <p className="mt-1">
          {proposal.brand ? <span className="mr-3 text-brand-700">{proposal.brand}</span> : null}
          <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm text-stone-700">
            {t(`categories.${content.category}`)}
          </span>
        </p>
        {proposal.summary ? <p className="mt-3 text-lg">{proposal.summary}</p> : null}
        <p className="mt-3 text-sm text-stone-600">
          {t("proposal.budgetTotal")} {formatYuan(summary.totalFen)} ·{" "}
          {t("proposal.requestedTotal")} {formatYuan(summary.requestedFen)} {t("common.yuan")}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          {ownCommunity && actions.includes("edit") ? (
            <Link to={`/secretary/proposals/${proposal.id}`} className="btn-primary">
              {t("proposal.edit")}
            </Link>
          ) : null}
          {proposal.status === "accepted" ? (
            <Link to={`/p/${competition.slug}/${proposal.id}`} className="btn-secondary">
              {t("proposal.public")}
            </Link>
          ) : null}
        </div>
      </header>

      {reviewNotes && proposal.status === "returned" ? (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-4" role="note">
          <h2 className="font-semibold text-amber-900">{t("proposal.review.notes")}</h2>
          <p className="mt-1">{reviewNotes.reason}</p>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {Object.entries(reviewNotes.fields ?? {}).map(([f, note]) => (
              <li key={f}>
                {t("proposal.review.fieldNote", {
                  field: t(`proposal.fields.${f as "title"}`, { defaultValue: f }),
                  note,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div
        className={
          role === "street_admin" || role === "observer"
            ? "grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]"
            : ""
        }
      >
        <ProposalBody
          content={content}
          needs={needs}
          funds={funds}
          deck={deck}
          needsAside={role === "street_admin" || role === "observer"}
        />
        {role === "street_admin" || role === "observer" ? (
          <aside className="space-y-4 lg:sticky lg:top-4 lg:h-fit">
            <section className="card">
              <h2 className="mb-3 text-lg font-semibold">{t("proposal.sections.needs")}</h2>
              <NeedsList needs={needs} />
            </section>
            {canReview ? (
              <ReviewForm proposalId={proposal.id} lastResult={actionData?.result} busy={busy} />
            ) : null}
          </aside>
        ) : null}
      </div>

      {history.length ? (
        <section className="card">
          <h2 className="mb-3 text-lg font-semibold">{t("proposal.sections.history")}</h2>
          <ol className="space-y-2 text-sm" data-testid="history">
            {history.map((h) => {
              const payload = h.payload as { reason?: string };
              return (
                <li key={h.id} className="flex flex-wrap gap-x-3">
                  <span className="text-stone-500">{formatDateTime(h.at)}</span>
                  <span className="font-medium">{actionLabel(t, h.action)}</span>
                  <span className="text-stone-500">{actorLabel(t, h.actor)}</span>
                  {payload.reason ? (
                    <span className="w-full text-stone-700">“{payload.reason}”</span>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.proposal.title ?? "微项目"} · 社区路演` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
