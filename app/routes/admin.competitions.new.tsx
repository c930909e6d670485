import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CompetitionBasicsFields } from "~/components/competition-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoundField, SubmitRow } from "~/components/forms";
import { NewCompetitionSchema } from "~/forms/competition-form";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { createCompetition } from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";

const NewCompetitionPageSchema = intents([NewCompetitionSchema]);

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  return json({ year: new Date().getFullYear() });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const submission = parseWithZod(await readForm(args.request), {
    schema: NewCompetitionPageSchema,
  });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const v = submission.value;
  const id = await createCompetition(db, actorOf(admin), {
    slug: v.slug,
    title: v.title,
    year: v.year,
    round: v.round,
    description: v.description ?? "",
    proposalDeadline: null,
    roadshowAt: null,
    votingOpensAt: null,
    votingClosesAt: null,
    noticeStartsAt: null,
    noticeEndsAt: null,
    judgeWeightPct: 70,
    voteRule: "approval",
    approvalMaxChoices: 3,
    voterBudgetFen: null,
    verificationMode: "token",
    judgeAggregation: "trimmed_mean",
    pitchSeconds: 300,
    qaSeconds: 180,
  });
  if (!id) {
    return json(
      { result: refusal(submission, { fieldErrors: { slug: [msg("errors.slugTaken")] } }) },
      { status: 409 },
    );
  }
  return redirectWithToast(args.context, args.request, `/admin/competitions/${id}`, {
    message: "competition.created",
  });
}

export default function NewCompetitionPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-competition",
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewCompetitionSchema),
    shouldRevalidate: "onInput",
    defaultValue: { year: String(new Date().getFullYear()), round: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewCompetitionSchema }),
  });
  return (
    <main className="mx-auto max-w-2xl px-4 py-6">
      <div className="card">
        <h1 className="mb-6 text-2xl font-semibold">{t("competition.create")}</h1>
        <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value="create" />
          <CompetitionBasicsFields
            fields={fields}
            afterTitle={
              <BoundField
                className="sm:col-span-2"
                label={t("competition.slug")}
                hint={t("competition.slugHint")}
                field={fields.slug}
                inputProps={{ autoCapitalize: "none" }}
              />
            }
          />
          <SubmitRow
            className="sm:col-span-2"
            label={t("competition.create")}
            form={form}
            errorsAbove
          />
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
