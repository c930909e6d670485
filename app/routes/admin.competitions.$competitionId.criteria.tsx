import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, TextareaField } from "~/components/forms";
import { checkCriteria, criteriaLocked } from "~/domain/competition-rules";
import { CriteriaPageSchema } from "~/forms/competition-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { getCompetitionOverview, saveCriteria } from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { routeCompetition } from "~/server/competition-route.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const overview = await getCompetitionOverview(
    args.context.services.db,
    idParam(args.params.competitionId),
  );
  invariantResponse(overview, "Not found", { status: 404 });
  return json({
    criteria: overview.criteria,
    locked: criteriaLocked(overview.competition.phase),
    canEdit: user.role === "street_admin",
  });
}

const PROBLEM_MESSAGES = {
  empty: "criteria.empty",
  sumNot100: "criteria.mustBe100",
  duplicateName: "criteria.duplicate",
} as const;

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, id, competition } = await routeCompetition(args);
  const submission = parseWithZod(await readForm(args.request), { schema: CriteriaPageSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  if (criteriaLocked(competition.phase))
    return json(
      { result: refusal(submission, { formErrors: [msg("criteria.locked")] }) },
      { status: 409 },
    );
  const rows = submission.value.criteria.map((c) => ({
    name: c.name,
    description: c.description ?? "",
    maxPoints: c.maxPoints,
  }));
  const check = checkCriteria(rows);
  if (check.problems.length) {
    return json(
      {
        result: refusal(submission, {
          formErrors: check.problems.map((p) => msg(PROBLEM_MESSAGES[p], { sum: check.sum })),
        }),
      },
      { status: 400 },
    );
  }
  await saveCriteria(db, actorOf(admin), id, rows);
  return redirectWithToast(args.context, args.request, `/admin/competitions/${id}/criteria`, {
    message: "criteria.saved",
  });
}

export default function CriteriaEditor() {
  const { t } = useTranslation();
  const { criteria, locked, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const readOnly = locked || !canEdit;
  const [form, fields] = useForm({
    id: "criteria",
    lastResult: actionData?.result,
    shouldRevalidate: "onInput",
    defaultValue: {
      criteria: criteria.map((c) => ({
        name: c.name,
        description: c.description,
        maxPoints: String(c.maxPoints),
      })),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CriteriaPageSchema }),
  });
  const list = fields.criteria.getFieldList();
  const sum = list.reduce((s, item) => s + (Number(item.getFieldset().maxPoints.value) || 0), 0);
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <input type="hidden" name="intent" value="save" />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("criteria.title")}</h2>
        <p
          className={`text-base font-semibold ${sum === 100 ? "text-emerald-700" : "text-red-700"}`}
          data-testid="criteria-sum"
        >
          {t("criteria.sum", { sum })}
        </p>
      </div>
      {locked ? (
        <p className="rounded-lg bg-amber-50 px-4 py-2 text-amber-900">{t("criteria.locked")}</p>
      ) : null}
      <fieldset disabled={readOnly} className="space-y-3">
        {list.map((item, index) => {
          const f = item.getFieldset();
          return (
            <div
              key={item.key}
              className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-[1fr_8rem_auto]"
            >
              <Field
                label={`${index + 1}. ${t("criteria.name")}`}
                errors={f.name.errors}
                inputProps={getInputProps(f.name, { type: "text" })}
              />
              <Field
                label={t("criteria.maxPoints")}
                errors={f.maxPoints.errors}
                inputProps={{ ...getInputProps(f.maxPoints, { type: "number" }), min: 1, max: 100 }}
              />
              {readOnly ? (
                <div />
              ) : (
                <div className="flex items-end">
                  <button
                    className="btn-secondary"
                    {...form.remove.getButtonProps({ name: fields.criteria.name, index })}
                  >
                    {t("criteria.remove")}
                  </button>
                </div>
              )}
              <TextareaField
                className="sm:col-span-3"
                label={t("criteria.description")}
                errors={f.description.errors}
                textareaProps={{ ...getTextareaProps(f.description), rows: 2 }}
              />
            </div>
          );
        })}
      </fieldset>
      <ErrorList errors={fields.criteria.errors} />
      <ErrorList id={form.errorId} errors={form.errors} />
      {readOnly ? null : (
        <div className="flex flex-wrap gap-3">
          <button
            className="btn-secondary"
            {...form.insert.getButtonProps({
              name: fields.criteria.name,
              defaultValue: { name: "", description: "", maxPoints: "" },
            })}
          >
            {t("criteria.add")}
          </button>
          <button type="submit" className="btn-primary">
            {t("criteria.save")}
          </button>
        </div>
      )}
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
