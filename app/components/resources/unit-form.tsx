/** The partner unit form (共建单位): name, type, public description, private contact, active. */
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
import { CheckboxField, ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
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
      <Field
        className="sm:col-span-2"
        label={t("resources.unitName")}
        errors={fields.name.errors}
        inputProps={getInputProps(fields.name, { type: "text" })}
      />
      <SelectField
        label={t("resources.unitType")}
        errors={fields.type.errors}
        selectProps={getSelectProps(fields.type)}
      >
        {PARTNER_UNIT_TYPES.map((c) => (
          <option key={c} value={c}>
            {t(`resources.types.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextareaField
        className="sm:col-span-3"
        label={t("resources.unitDescription")}
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }}
      />
      <Field
        label={t("resources.contactName")}
        errors={fields.contactName.errors}
        inputProps={getInputProps(fields.contactName, { type: "text" })}
      />
      <Field
        label={t("resources.contactPhone")}
        errors={fields.contactPhone.errors}
        inputProps={{ ...getInputProps(fields.contactPhone, { type: "text" }), inputMode: "tel" }}
      />
      <CheckboxField
        className="flex items-end"
        label={t("resources.active")}
        errors={fields.active.errors}
        inputProps={getInputProps(fields.active, { type: "checkbox" })}
      />
      <div className="sm:col-span-3">
        <button type="submit" className="btn-primary">
          {submitLabel}
        </button>
      </div>
      <ErrorList id={form.errorId} errors={form.errors} />
    </Form>
  );
}
