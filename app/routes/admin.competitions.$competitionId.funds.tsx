import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/forms";
import { PROJECT_CATEGORIES, type ProjectCategory } from "~/domain/enums";
import { fenToInput } from "~/domain/money";
import { bpToPercent, FundsSchema } from "~/forms/competition-form";
import { readForm } from "~/forms/form-data.server";
import { getCompetition, listFunds, saveFunds } from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(args.context.services.db, id), "Not found", {
    status: 404,
  });
  return json({
    funds: await listFunds(args.context.services.db, id),
    canEdit: user.role === "street_admin",
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const submission = parseWithZod(await readForm(args.request), { schema: FundsSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const { street, foundation } = submission.value;
  await saveFunds(db, actorOf(admin), id, [
    {
      kind: "street",
      name: street.name,
      totalFen: street.total,
      perProjectCapFen: street.cap,
      matchRatioBp: null,
      eligibleCategories: [...new Set(street.categories ?? [])],
    },
    {
      kind: "foundation",
      name: foundation.name,
      totalFen: foundation.total,
      perProjectCapFen: foundation.cap,
      matchRatioBp: foundation.match,
      eligibleCategories: [...new Set(foundation.categories ?? [])],
    },
  ]);
  return redirectWithToast(args.context, args.request, `/admin/competitions/${id}/funds`, {
    message: "funds.saved",
  });
}

export default function FundsEditor() {
  const { t } = useTranslation();
  const { funds, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const street = funds.find((f) => f.kind === "street");
  const foundation = funds.find((f) => f.kind === "foundation");
  const [form, fields] = useForm({
    id: "funds",
    lastResult: actionData?.result,
    shouldRevalidate: "onInput",
    defaultValue: {
      street: {
        name: street?.name ?? "街道惠民资金",
        total: fenToInput(street?.totalFen ?? 0),
        cap: fenToInput(street?.perProjectCapFen),
        categories: street?.eligibleCategories ?? [],
      },
      foundation: {
        name: foundation?.name ?? "社区基金会",
        total: fenToInput(foundation?.totalFen ?? 0),
        cap: fenToInput(foundation?.perProjectCapFen),
        match: bpToPercent(foundation?.matchRatioBp),
        categories: foundation?.eligibleCategories ?? [],
      },
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FundsSchema }),
  });
  const s = fields.street.getFieldset();
  const f = fields.foundation.getFieldset();
  const money = { inputMode: "decimal" as const };
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-6">
      <input type="hidden" name="intent" value="save" />
      <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-lg font-semibold">{t("funds.street")}</legend>
        <Field
          label={t("funds.name")}
          errors={s.name.errors}
          inputProps={getInputProps(s.name, { type: "text" })}
        />
        <Field
          label={t("funds.total")}
          errors={s.total.errors}
          inputProps={{ ...getInputProps(s.total, { type: "text" }), ...money }}
        />
        <Field
          label={t("funds.cap")}
          errors={s.cap.errors}
          inputProps={{ ...getInputProps(s.cap, { type: "text" }), ...money }}
        />
        <CategoryPicker field={s.categories} />
      </fieldset>
      <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-lg font-semibold">{t("funds.foundation")}</legend>
        <Field
          label={t("funds.name")}
          errors={f.name.errors}
          inputProps={getInputProps(f.name, { type: "text" })}
        />
        <Field
          label={t("funds.total")}
          errors={f.total.errors}
          inputProps={{ ...getInputProps(f.total, { type: "text" }), ...money }}
        />
        <Field
          label={t("funds.cap")}
          errors={f.cap.errors}
          inputProps={{ ...getInputProps(f.cap, { type: "text" }), ...money }}
        />
        <Field
          className="sm:col-span-3"
          label={t("funds.match")}
          errors={f.match.errors}
          inputProps={{ ...getInputProps(f.match, { type: "text" }), ...money }}
        />
        <CategoryPicker field={f.categories} />
      </fieldset>
      {canEdit ? (
        <button type="submit" className="btn-primary">
          {t("funds.save")}
        </button>
      ) : null}
    </Form>
  );
}

/** Eligible categories as checkboxes; none ticked means every category. */
function CategoryPicker({ field }: { field: FieldMetadata<string[] | undefined> }) {
  const { t } = useTranslation();
  return (
    <fieldset className="sm:col-span-3">
      <legend className="label">{t("funds.categories")}</legend>
      <p className="mb-2 text-sm text-stone-500">{t("funds.categoriesHint")}</p>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {getCollectionProps(field, {
          type: "checkbox",
          options: [...PROJECT_CATEGORIES],
        }).map((props) => {
          const { key, ...rest } = props;
          return (
            <label key={key} className="inline-flex min-h-11 items-center gap-2 text-base">
              <input {...rest} className="size-5 accent-brand-600" />
              {t(`categories.${props.value as ProjectCategory}`)}
            </label>
          );
        })}
      </div>
      <ErrorList errors={field.errors} />
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
