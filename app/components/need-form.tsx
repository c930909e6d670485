import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { NEED_SOURCES, NEED_STATUSES } from "~/domain/enums";
import { NeedSchema } from "~/forms/need-form";
import { ErrorList, Field, SelectField, TextareaField } from "./forms";

export function NeedForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
  intent,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: {
    title: string;
    description: string;
    source: string;
    raisedCount: string;
    status: string;
  };
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof NeedSchema>>({
    id,
    lastResult,
    constraint: getZodConstraint(NeedSchema),
    shouldRevalidate: "onInput",
    defaultValue: defaultValue ?? { source: "council", status: "open", raisedCount: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NeedSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-4">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field
        className="sm:col-span-4"
        label={t("needs.needTitle")}
        errors={fields.title.errors}
        inputProps={getInputProps(fields.title, { type: "text" })}
      />
      <TextareaField
        className="sm:col-span-4"
        label={t("needs.description")}
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 3 }}
      />
      <SelectField
        label={t("needs.source")}
        errors={fields.source.errors}
        selectProps={getSelectProps(fields.source)}
      >
        {NEED_SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`needs.sources.${s}`)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("needs.raisedCount")}
        errors={fields.raisedCount.errors}
        inputProps={{
          ...getInputProps(fields.raisedCount, { type: "number" }),
          min: 0,
          inputMode: "numeric",
        }}
      />
      <SelectField
        label={t("needs.status")}
        errors={fields.status.errors}
        selectProps={getSelectProps(fields.status)}
      >
        {NEED_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`needs.statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      <div className="flex items-end">
        <button type="submit" className="btn-primary w-full">
          {submitLabel}
        </button>
      </div>
      <ErrorList id={form.errorId} errors={form.errors} />
    </Form>
  );
}
