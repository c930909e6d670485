import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { NEED_SOURCES, NEED_STATUSES } from "~/domain/enums";
import { NeedSchema } from "~/forms/need-form";
import { BoundField, BoundSelect, BoundTextarea, SubmitRow } from "./forms";

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
      <BoundField className="sm:col-span-4" label={t("needs.needTitle")} field={fields.title} />
      <BoundTextarea
        className="sm:col-span-4"
        label={t("needs.description")}
        field={fields.description}
        rows={3}
      />
      <BoundSelect
        label={t("needs.source")}
        field={fields.source}
        options={NEED_SOURCES}
        optionLabel={(s) => t(`needs.sources.${s}`)}
      />
      <BoundField
        label={t("needs.raisedCount")}
        field={fields.raisedCount}
        type="number"
        inputProps={{ min: 0, inputMode: "numeric" }}
      />
      <BoundSelect
        label={t("needs.status")}
        field={fields.status}
        options={NEED_STATUSES}
        optionLabel={(s) => t(`needs.statuses.${s}`)}
      />
      <SubmitRow
        className="flex items-end"
        buttonClassName="btn-primary w-full"
        label={submitLabel}
        form={form}
      />
    </Form>
  );
}
