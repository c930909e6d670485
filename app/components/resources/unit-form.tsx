/** The partner unit form (共建单位): name, type, public description, private contact, active. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  BoundCheckbox,
  BoundField,
  BoundSelect,
  BoundTextarea,
  SubmitRow,
} from "~/components/forms";
import { PARTNER_UNIT_TYPES } from "~/domain/enums";
import { UnitSchema } from "~/forms/resource-form";

export function UnitForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: {
    name: string;
    type: string;
    description: string;
    contactName: string;
    contactPhone: string;
    active?: "on";
  };
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(UnitSchema),
    shouldRevalidate: "onInput",
    defaultValue: defaultValue ?? { type: "merchant", active: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-3">
      <input type="hidden" name="intent" value="unit" />
      <BoundField className="sm:col-span-2" label={t("resources.unitName")} field={fields.name} />
      <BoundSelect
        label={t("resources.unitType")}
        field={fields.type}
        options={PARTNER_UNIT_TYPES}
        optionLabel={(c) => t(`resources.types.${c}`)}
      />
      <BoundTextarea
        className="sm:col-span-3"
        label={t("resources.unitDescription")}
        field={fields.description}
        rows={2}
      />
      <BoundField label={t("resources.contactName")} field={fields.contactName} />
      <BoundField
        label={t("resources.contactPhone")}
        field={fields.contactPhone}
        inputProps={{ inputMode: "tel" }}
      />
      <BoundCheckbox
        className="flex items-end"
        label={t("resources.active")}
        field={fields.active}
      />
      <SubmitRow className="sm:col-span-3" label={submitLabel} form={form} />
    </Form>
  );
}
