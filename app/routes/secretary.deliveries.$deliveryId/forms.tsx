/** The secretary's delivery forms: progress with photos, a milestone done, spending. */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { formatYuan } from "~/domain/money";
import { MilestoneSchema, SpendSchema, todayInBeijing, UpdateSchema } from "~/forms/delivery-form";
import type { action, loader } from "./route";

function useReply(form: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.form === form ? actionData.result : undefined;
}

function useBusy(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

export function UpdateForm() {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const busy = useBusy("update");
  const [form, fields] = useForm({
    id: "update",
    lastResult: useReply("update"),
    defaultValue: { happenedOn: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateSchema }),
  });
  return (
    <section className="card" aria-labelledby="update-title">
      <h2 id="update-title" className="mb-3 text-lg font-semibold">
        {t("delivery.forms.updateTitle")}
      </h2>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="space-y-3"
      >
        <input type="hidden" name="intent" value="update" />
        <TextareaField
          label={t("delivery.forms.body")}
          hint={t("delivery.forms.bodyHint")}
          errors={fields.body.errors}
          textareaProps={{ ...getTextareaProps(fields.body), rows: 4 }}
        />
        <Field
          label={t("delivery.forms.happenedOn")}
          errors={fields.happenedOn.errors}
          inputProps={{
            ...getInputProps(fields.happenedOn, { type: "date" }),
            max: todayInBeijing(),
          }}
        />
        <Field
          label={t("delivery.forms.photos")}
          hint={t("delivery.forms.photosHint")}
          errors={fields.photos.errors}
          inputProps={{
            ...getInputProps(fields.photos, { type: "file" }),
            multiple: true,
            accept: "image/jpeg,image/png,image/webp",
          }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("delivery.forms.post")}
        </button>
      </Form>
    </section>
  );
}

export function MilestoneForm({ milestone }: { milestone: { id: number; doneOn: string | null } }) {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const id = `milestone-${milestone.id}`;
  const [form, fields] = useForm({
    id,
    lastResult: useReply(id),
    defaultValue: { milestoneId: String(milestone.id), doneOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneSchema }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="flex w-full flex-wrap items-end gap-2 sm:w-auto"
    >
      <input type="hidden" name="intent" value="milestone" />
      <input {...getInputProps(fields.milestoneId, { type: "hidden" })} />
      {milestone.doneOn ? (
        <button type="submit" className="btn-secondary">
          {t("delivery.undoMilestone")}
        </button>
      ) : (
        <>
          <label className="sr-only" htmlFor={fields.doneOn.id}>
            {t("delivery.forms.milestoneDoneOn")}
          </label>
          <input
            {...getInputProps(fields.doneOn, { type: "date" })}
            max={todayInBeijing()}
            className="input w-40"
          />
          <button type="submit" className="btn-secondary">
            {t("delivery.markDone")}
          </button>
        </>
      )}
      <ErrorList errors={[...(fields.doneOn.errors ?? []), ...(form.errors ?? [])]} />
    </Form>
  );
}

export function SpendForm() {
  const { t } = useTranslation();
  const { delivery, today } = useLoaderData<typeof loader>();
  const busy = useBusy("spend");
  const [form, fields] = useForm({
    id: "spend",
    lastResult: useReply("spend"),
    defaultValue: { spentOn: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpendSchema }),
  });
  return (
    <section className="card" aria-labelledby="spend-title">
      <h2 id="spend-title" className="mb-3 text-lg font-semibold">
        {t("delivery.forms.spendTitle")}
      </h2>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="space-y-3"
      >
        <input type="hidden" name="intent" value="spend" />
        <SelectField
          label={t("delivery.forms.budgetLine")}
          errors={fields.budgetLineId.errors}
          selectProps={getSelectProps(fields.budgetLineId)}
        >
          <option value="">—</option>
          {delivery.budgetLines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.item}({t("delivery.spent")} {formatYuan(l.spentFen)} / {formatYuan(l.budgetFen)})
            </option>
          ))}
        </SelectField>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label={t("delivery.forms.amount")}
            errors={fields.amount.errors}
            inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
          />
          <Field
            label={t("delivery.forms.spentOn")}
            errors={fields.spentOn.errors}
            inputProps={{
              ...getInputProps(fields.spentOn, { type: "date" }),
              max: todayInBeijing(),
            }}
          />
        </div>
        <Field
          label={t("delivery.forms.description")}
          errors={fields.description.errors}
          inputProps={{ ...getInputProps(fields.description, { type: "text" }) }}
        />
        <Field
          label={t("delivery.forms.receipt")}
          errors={fields.receipt.errors}
          inputProps={{
            ...getInputProps(fields.receipt, { type: "file" }),
            accept: "image/jpeg,image/png,image/webp,application/pdf",
          }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("delivery.forms.record")}
        </button>
      </Form>
    </section>
  );
}
