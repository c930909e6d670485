/**
 * 发起效果共评: the street opens a round in which residents judge the outcomes of the projects
 * this competition funded (satisfaction 1–5, or picking the best), with the competition's own
 * voting machinery. Items: ticked among the published result's funded projects.
 */
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField } from "~/components/forms";
import { VERIFICATION_MODES } from "~/domain/enums";
import { formatYuan } from "~/domain/money";
import { NewRoundPageSchema } from "~/forms/evaluation-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { getCompetition, getCompetitionBySlug } from "~/models/competition.server";
import { createEvaluationRound, EvaluationError, fundedProjects } from "~/models/evaluation.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { toLocalInput } from "~/utils/datetime";
import { idParam } from "~/utils/params";

async function contest(args: LoaderFunctionArgs) {
  const competition = await getCompetition(
    args.context.services.db,
    idParam(args.params.competitionId),
  );
  invariantResponse(competition?.kind === "contest", "Not found", { status: 404 });
  return competition;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const competition = await contest(args);
  let slug = `${competition.slug}-eval`.slice(0, 60);
  for (let n = 2; await getCompetitionBySlug(db, slug); n++)
    slug = `${competition.slug}-eval-${n}`.slice(0, 60);
  const now = new Date();
  return json({
    competition: { id: competition.id, title: competition.title },
    funded: await fundedProjects(db, competition.id),
    defaults: {
      title: `${competition.title} · 效果共评`,
      slug,
      rule: "rating",
      approvalMaxChoices: "3",
      verificationMode: "token",
      votingOpensAt: toLocalInput(now),
      votingClosesAt: toLocalInput(new Date(now.getTime() + 14 * 24 * 3600_000)),
    },
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const competition = await contest(args);
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: NewRoundPageSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const v = submission.value;
  let id: number;
  try {
    id = await createEvaluationRound(args.context.services.db, actorOf(admin), {
      evaluatesId: competition.id,
      title: v.title,
      slug: v.slug,
      rule: v.rule,
      approvalMaxChoices: v.approvalMaxChoices,
      verificationMode: v.verificationMode,
      votingOpensAt: v.votingOpensAt,
      votingClosesAt: v.votingClosesAt!,
      items: v.items,
    });
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    const field =
      error.refusal === "slugTaken"
        ? "slug"
        : ["noItems", "notFunded", "duplicate"].includes(error.refusal)
          ? "items"
          : error.refusal === "badRule"
            ? "rule"
            : "";
    const message = msg(
      error.refusal === "notFound"
        ? "evaluation.errors.notPublished"
        : `evaluation.errors.${error.refusal}`,
    );
    return json(
      {
        result: refusal(
          submission,
          field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
        ),
      },
      { status: 400 },
    );
  }
  return redirectWithToast(args.context, args.request, `/admin/competitions/${id}/voting`, {
    message: "evaluation.created",
  });
}

export default function NewEvaluationRound() {
  const { t } = useTranslation();
  const { competition, funded, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-evaluation",
    lastResult: actionData?.result,
    defaultValue: defaults,
    shouldRevalidate: "onBlur",
  });
  const typed = actionData?.result.initialValue?.items;
  const ticked = new Set(
    typed === undefined
      ? (funded ?? []).map((f) => String(f.id))
      : Array.isArray(typed)
        ? typed.map(String)
        : [String(typed)],
  );
  return (
    <section className="card max-w-3xl space-y-4">
      <h2 className="text-lg font-semibold">{t("evaluation.newTitle")}</h2>
      <p className="text-sm text-stone-600">{t("evaluation.startHint")}</p>
      {funded === null ? (
        <p className="rounded-lg bg-amber-50 px-4 py-3 text-amber-900" data-testid="not-published">
          {t("evaluation.needsPublished")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <ErrorList errors={form.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label={t("evaluation.roundTitle")}
              errors={fields.title.errors}
              inputProps={getInputProps(fields.title, { type: "text" })}
            />
            <Field
              label={t("evaluation.slug")}
              hint={t("competition.slugHint")}
              errors={fields.slug.errors}
              inputProps={getInputProps(fields.slug, { type: "text" })}
            />
            <SelectField
              label={t("evaluation.mode")}
              errors={fields.rule.errors}
              selectProps={getSelectProps(fields.rule)}
            >
              <option value="rating">{t("evaluation.modes.rating")}</option>
              <option value="approval">{t("evaluation.modes.approval")}</option>
            </SelectField>
            <Field
              label={t("evaluation.maxChoices")}
              errors={fields.approvalMaxChoices.errors}
              inputProps={getInputProps(fields.approvalMaxChoices, { type: "number" })}
            />
            <SelectField
              label={t("evaluation.verification")}
              errors={fields.verificationMode.errors}
              selectProps={getSelectProps(fields.verificationMode)}
            >
              {VERIFICATION_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`competition.verificationModes.${m}`)}
                </option>
              ))}
            </SelectField>
            <div />
            <Field
              label={t("evaluation.opensAt")}
              errors={fields.votingOpensAt.errors}
              inputProps={getInputProps(fields.votingOpensAt, { type: "datetime-local" })}
            />
            <Field
              label={t("evaluation.closesAt")}
              errors={fields.votingClosesAt.errors}
              inputProps={getInputProps(fields.votingClosesAt, { type: "datetime-local" })}
            />
          </div>
          <fieldset className="space-y-2">
            <legend className="label">
              {t("evaluation.items")} · {competition.title}
            </legend>
            <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200">
              {funded.map((f) => (
                <li key={f.id}>
                  <label className="flex min-h-11 cursor-pointer items-center gap-3 px-3 py-2">
                    <input
                      type="checkbox"
                      name="items"
                      value={f.id}
                      defaultChecked={ticked.has(String(f.id))}
                      className="size-5 accent-brand-600"
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block font-medium">{f.title}</span>
                      <span className="block text-sm text-stone-500">
                        {f.communityName}
                        {f.brand ? ` · ${f.brand}` : ""} ·{" "}
                        {t("evaluation.granted", { amount: formatYuan(f.grantedFen) })}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            <ErrorList errors={actionData?.result.error?.items} />
          </fieldset>
          <button type="submit" name="intent" value="create" className="btn-primary">
            {t("evaluation.create")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
