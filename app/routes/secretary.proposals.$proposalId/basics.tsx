/** The editor's text parts: basics, the needs answered, who benefits, the team. */
import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
} from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { PROJECT_CATEGORIES } from "~/domain/enums";
import type { EditorFields } from "./form";
import type { loader } from "./route";
import { Section } from "./section";

type Notes = Record<string, string>;

export function BasicsSection({ fields, notes }: { fields: EditorFields; notes: Notes }) {
  const { t } = useTranslation();
  return (
    <Section title={t("proposal.sections.basics")} note={notes.title ?? notes.summary}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("proposal.fields.title")}
          errors={fields.title.errors}
          inputProps={getInputProps(fields.title, { type: "text" })}
        />
        <BrandSelect fields={fields} />
        <SelectField
          label={t("proposal.fields.category")}
          errors={fields.category.errors}
          selectProps={getSelectProps(fields.category)}
        >
          {PROJECT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t("proposal.fields.summary")}
          errors={fields.summary.errors}
          inputProps={getInputProps(fields.summary, { type: "text" })}
        />
      </div>
    </Section>
  );
}

/** The project's 一社一品 brand: one of the community's (a name kept from before stays offered). */
function BrandSelect({ fields }: { fields: EditorFields }) {
  const { t } = useTranslation();
  const { brands } = useLoaderData<typeof loader>();
  const current = String(fields.brand.value ?? "").trim();
  const names = brands.map((b) => b.name);
  if (current && !names.includes(current)) names.push(current);
  return (
    <SelectField
      label={t("brands.pick")}
      errors={fields.brand.errors}
      selectProps={getSelectProps(fields.brand)}
    >
      <option value="">{t("brands.pickNone")}</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}

export function NeedsSection({
  fields,
  notes,
  needs,
}: {
  fields: EditorFields;
  notes: Notes;
  needs: SerializeFrom<typeof loader>["needs"];
}) {
  const { t } = useTranslation();
  return (
    <Section title={t("proposal.sections.needs")} note={notes.problem ?? notes.needIds}>
      <TextareaField
        label={t("proposal.fields.problem")}
        errors={fields.problem.errors}
        textareaProps={{ ...getTextareaProps(fields.problem), rows: 5 }}
      />
      <fieldset>
        <legend className="label">{t("proposal.fields.needIds")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {getCollectionProps(fields.needIds, {
            type: "checkbox",
            options: needs.map((n) => String(n.id)),
          }).map(({ key, ...props }) => {
            const need = needs.find((n) => String(n.id) === props.value)!;
            return (
              <label
                key={key}
                className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-200 p-3"
              >
                <input {...props} className="mt-1 size-5 accent-brand-600" />
                <span>
                  {need.title}
                  <span className="block text-xs text-stone-500">
                    {t("secretary.raisedBy", { count: need.raisedCount })} ·{" "}
                    {t(`needs.statuses.${need.status}`)}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        <ErrorList id={fields.needIds.errorId} errors={fields.needIds.errors} />
        <Link to="/secretary/needs" className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("needs.add")}
        </Link>
      </fieldset>
    </Section>
  );
}

export function BeneficiariesSection({ fields, notes }: { fields: EditorFields; notes: Notes }) {
  const { t } = useTranslation();
  return (
    <Section title={t("proposal.sections.beneficiaries")} note={notes.beneficiaries}>
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <TextareaField
          label={t("proposal.fields.beneficiaries")}
          errors={fields.beneficiaries.errors}
          textareaProps={{ ...getTextareaProps(fields.beneficiaries), rows: 3 }}
        />
        <Field
          label={t("proposal.fields.beneficiaryCount")}
          errors={fields.beneficiaryCount.errors}
          inputProps={{
            ...getInputProps(fields.beneficiaryCount, { type: "number" }),
            min: 0,
            inputMode: "numeric",
          }}
        />
      </div>
    </Section>
  );
}

export function TeamSection({ fields, notes }: { fields: EditorFields; notes: Notes }) {
  const { t } = useTranslation();
  return (
    <Section title={t("proposal.sections.team")} note={notes.team}>
      <TextareaField
        label={t("proposal.fields.team")}
        errors={fields.team.errors}
        textareaProps={{ ...getTextareaProps(fields.team), rows: 4 }}
      />
    </Section>
  );
}
