/**
 * A 效果共评 round's result tab: compute its scores (a draft result run), publish one as the
 * round's result (frozen, hashed, audited, with the audit chain's head, like a competition's
 * 公示). Scores per project and per brand, and the comments the street approved.
 */
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EvaluationResult } from "~/components/evaluation-view";
import { ErrorList, Field } from "~/components/forms";
import { publishProblems } from "~/domain/results";
import { EvaluationTabSchema } from "~/forms/evaluation-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { getCompetition } from "~/models/competition.server";
import {
  getEvaluationRun,
  getPublishedEvaluation,
  listRuns,
  publishRun,
  ResultsError,
  runResults,
} from "~/models/results.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { formatDateTime, toLocalInput } from "~/utils/datetime";
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
  const { db } = args.context.services;
  const competition = await round(args);
  const id = competition.id;
  const [runs, published] = await Promise.all([listRuns(db, id), getPublishedEvaluation(db, id)]);
  const latest = runs[0] ? await getEvaluationRun(db, id, runs[0].id) : null;
  const draft = latest?.status === "draft" ? latest : null;
  const now = new Date();
  return json({
    competition: { id, slug: competition.slug },
    canEdit: user.role === "street_admin",
    draft: draft
      ? {
          id: draft.id,
          output: draft.output,
          hash: draft.outputHash,
          problems: publishProblems(draft.output, competition.votingClosesAt, now),
        }
      : null,
    published: published
      ? {
          id: published.id,
          output: published.output,
          hash: published.outputHash,
          noticeStartsAt: published.noticeStartsAt,
          noticeEndsAt: published.noticeEndsAt,
        }
      : null,
    noticeDefaults: {
      noticeStartsAt: toLocalInput(now),
      noticeEndsAt: toLocalInput(new Date(now.getTime() + 7 * 24 * 3600_000)),
    },
  });
}

type FormName = "compute" | "publish";

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const { id } = await round(args);
  const here = `/admin/competitions/${id}/evaluation`;
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: EvaluationTabSchema });
  const form: FormName = formData.get("intent") === "publish" ? "publish" : "compute";
  const refuse = (result: SubmissionResult<string[]>) => json({ form, result }, { status: 400 });
  if (submission.status !== "success") return refuse(refusal(submission));
  const v = submission.value;
  try {
    if (v.intent === "compute") {
      await runResults(db, actorOf(admin), id, { kind: "evaluation" }, v.reason ?? "");
      return redirectWithToast(args.context, args.request, here, {
        message: "evaluation.computed",
      });
    }
    await publishRun(db, actorOf(admin), id, v.runId, {
      startsAt: v.noticeStartsAt!,
      endsAt: v.noticeEndsAt!,
    });
  } catch (error) {
    if (!(error instanceof ResultsError)) throw error;
    return refuse(
      refusal(submission, {
        formErrors: [
          msg(
            error.refusal === "allocationLimit"
              ? "results.problems.stale"
              : `results.problems.${error.refusal}`,
          ),
        ],
      }),
    );
  }
  return redirectWithToast(args.context, args.request, here, {
    message: "evaluation.publishedToast",
  });
}

function ComputeForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "compute",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EvaluationTabSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <ErrorList errors={form.errors} />
      <Field
        label={t("evaluation.reason")}
        errors={fields.reason.errors}
        inputProps={getInputProps(fields.reason, { type: "text" })}
      />
      <button
        type="submit"
        name="intent"
        value="compute"
        className="btn-primary"
        disabled={navigation.state !== "idle"}
      >
        {t("evaluation.compute")}
      </button>
    </Form>
  );
}

function PublishForm({
  runId,
  lastResult,
}: {
  runId: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const { noticeDefaults } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "publish",
    lastResult,
    defaultValue: noticeDefaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EvaluationTabSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-3">
      <input type="hidden" name="runId" value={runId} />
      <ErrorList errors={form.errors} className="field-error sm:col-span-3" />
      <Field
        label={t("results.noticeStartsAt")}
        errors={fields.noticeStartsAt.errors}
        inputProps={getInputProps(fields.noticeStartsAt, { type: "datetime-local" })}
      />
      <Field
        label={t("results.noticeEndsAt")}
        errors={fields.noticeEndsAt.errors}
        inputProps={getInputProps(fields.noticeEndsAt, { type: "datetime-local" })}
      />
      <div className="flex items-end">
        <button type="submit" name="intent" value="publish" className="btn-primary w-full">
          {t("evaluation.publish")}
        </button>
      </div>
    </Form>
  );
}

export default function EvaluationTab() {
  const { t } = useTranslation();
  const { competition, canEdit, draft, published } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const last = (form: FormName) => (actionData?.form === form ? actionData.result : undefined);
  return (
    <div className="space-y-6">
      {published ? (
        <section className="card space-y-3 border-brand-600" data-testid="published">
          <h2 className="text-lg font-semibold">
            {t("evaluation.published")} · #{published.id}
          </h2>
          <p className="text-sm">
            {t("results.noticePeriod")}:{formatDateTime(published.noticeStartsAt)} –{" "}
            {formatDateTime(published.noticeEndsAt)}
          </p>
          <p className="break-all font-mono text-xs text-stone-500">
            {t("evaluation.hash")}: {published.hash}
          </p>
          <Link className="text-brand-700 underline" to={`/p/${competition.slug}/results`}>
            {t("evaluation.publicResult")} →
          </Link>
          <EvaluationResult output={published.output} />
        </section>
      ) : (
        <p className="rounded-lg bg-stone-100 px-4 py-3 text-stone-700" data-testid="published">
          {t("evaluation.notPublished")}
        </p>
      )}
      {canEdit ? <ComputeForm lastResult={last("compute")} /> : null}
      {draft ? (
        <section className="card space-y-4" id="draft" data-testid="draft">
          <h2 className="text-lg font-semibold">
            {t("evaluation.draft")} · #{draft.id}
          </h2>
          <p className="break-all font-mono text-xs text-stone-500">
            {t("evaluation.hash")}: {draft.hash}
          </p>
          {draft.problems.length ? (
            <ul className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {draft.problems.map((p) => (
                <li key={p}>{t(`results.problems.${p}`)}</li>
              ))}
            </ul>
          ) : null}
          {canEdit ? <PublishForm runId={draft.id} lastResult={last("publish")} /> : null}
          <EvaluationResult output={draft.output} />
        </section>
      ) : !published ? (
        <p className="card text-stone-600">{t("evaluation.noRun")}</p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
