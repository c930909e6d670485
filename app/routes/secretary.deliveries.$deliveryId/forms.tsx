/** The secretary's delivery forms: progress with photos, a milestone done, spending. */
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PastDayField, YuanField } from "~/components/delivery-fields";
import {
  BoundField,
  BoundSelect,
  BoundTextarea,
  ErrorList,
  FormCard,
  IntentForm,
} from "~/components/forms";
import { formatYuan } from "~/domain/money";
import { MilestoneSchema, SpendSchema, todayInBeijing, UpdateSchema } from "~/forms/delivery-form";
import { useReplyForm, useSubmitting } from "~/hooks/use-form-reply";
import type { loader } from "./route";

/** The secretary's page has the forms as its sections (h2). */
const SECRETARY_CARD = { level: 2, titleClassName: "mb-3 text-lg font-semibold" } as const;

export function UpdateForm() {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const busy = useSubmitting("update");
  const [form, fields] = useReplyForm("update", UpdateSchema, {
    defaultValue: { happenedOn: today },
    shouldValidate: "onBlur",
  });
  return (
    <FormCard id="update" title={t("delivery.forms.updateTitle")} {...SECRETARY_CARD}>
      <IntentForm form={form} intent="update" multipart className="space-y-3">
        <BoundTextarea
          label={t("delivery.forms.body")}
          hint={t("delivery.forms.bodyHint")}
          field={fields.body}
          rows={4}
        />
        <PastDayField label={t("delivery.forms.happenedOn")} field={fields.happenedOn} />
        <BoundField
          label={t("delivery.forms.photos")}
          hint={t("delivery.forms.photosHint")}
          field={fields.photos}
          type="file"
          inputProps={{ multiple: true, accept: "image/jpeg,image/png,image/webp" }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("delivery.forms.post")}
        </button>
      </IntentForm>
    </FormCard>
  );
}

export function MilestoneForm({ milestone }: { milestone: { id: number; doneOn: string | null } }) {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const id = `milestone-${milestone.id}`;
  const [form, fields] = useReplyForm(id, MilestoneSchema, {
    defaultValue: { milestoneId: String(milestone.id), doneOn: today },
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
  const busy = useSubmitting("spend");
  const [form, fields] = useReplyForm("spend", SpendSchema, {
    defaultValue: { spentOn: today },
    shouldValidate: "onBlur",
  });
  return (
    <FormCard id="spend" title={t("delivery.forms.spendTitle")} {...SECRETARY_CARD}>
      <IntentForm form={form} intent="spend" multipart className="space-y-3">
        <BoundSelect label={t("delivery.forms.budgetLine")} field={fields.budgetLineId}>
          <option value="">—</option>
          {delivery.budgetLines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.item}({t("delivery.spent")} {formatYuan(l.spentFen)} / {formatYuan(l.budgetFen)})
            </option>
          ))}
        </BoundSelect>
        <div className="grid gap-3 sm:grid-cols-2">
          <YuanField label={t("delivery.forms.amount")} field={fields.amount} />
          <PastDayField label={t("delivery.forms.spentOn")} field={fields.spentOn} />
        </div>
        <BoundField label={t("delivery.forms.description")} field={fields.description} />
        <BoundField
          label={t("delivery.forms.receipt")}
          field={fields.receipt}
          type="file"
          inputProps={{ accept: "image/jpeg,image/png,image/webp,application/pdf" }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("delivery.forms.record")}
        </button>
      </IntentForm>
    </FormCard>
  );
}
