/** The plan and its milestones (rows added and removed with Conform, with or without JavaScript). */
import { getInputProps, getTextareaProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, TextareaField } from "~/components/forms";
import type { EditorFields, EditorForm } from "./form";
import { Section } from "./section";

export function PlanSection({
  form,
  fields,
  note,
}: {
  form: EditorForm;
  fields: EditorFields;
  note?: string;
}) {
  const { t } = useTranslation();
  const milestoneList = fields.milestones.getFieldList();
  return (
    <Section title={t("proposal.sections.plan")} note={note}>
      <TextareaField
        label={t("proposal.fields.plan")}
        errors={fields.plan.errors}
        textareaProps={{ ...getTextareaProps(fields.plan), rows: 6 }}
      />
      <div className="space-y-3">
        <p className="label">{t("proposal.fields.milestones")}</p>
        {milestoneList.map((item, index) => {
          const f = item.getFieldset();
          return (
            <div
              key={item.key}
              className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-[1fr_11rem_auto]"
            >
              <Field
                label={t("proposal.milestone.title")}
                errors={f.title.errors}
                inputProps={getInputProps(f.title, { type: "text" })}
              />
              <Field
                label={t("proposal.milestone.dueOn")}
                errors={f.dueOn.errors}
                inputProps={getInputProps(f.dueOn, { type: "date" })}
              />
              <div className="flex items-end">
                <button
                  className="btn-secondary"
                  {...form.remove.getButtonProps({ name: fields.milestones.name, index })}
                >
                  {t("proposal.remove")}
                </button>
              </div>
              <Field
                className="sm:col-span-3"
                label={t("proposal.milestone.description")}
                errors={f.description.errors}
                inputProps={getInputProps(f.description, { type: "text" })}
              />
            </div>
          );
        })}
        <ErrorList id={fields.milestones.errorId} errors={fields.milestones.errors} />
        <button
          className="btn-secondary"
          {...form.insert.getButtonProps({
            name: fields.milestones.name,
            defaultValue: { title: "", dueOn: "", description: "" },
          })}
        >
          + {t("proposal.milestone.add")}
        </button>
      </div>
    </Section>
  );
}
