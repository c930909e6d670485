/** The results tab's settings form: how the draft is computed (ranking, tie-break, allocation). */
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
import { CheckboxField, ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { RESIDENT_RULES, TIE_BREAKS } from "~/domain/ranking";
import { RESULT_RULES } from "~/domain/results";
import { RunSchema } from "~/forms/results-form";
import type { action, loader } from "./route";

export function RunForm() {
  const { t } = useTranslation();
  const { formDefaults, published } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "run";
  const [form, fields] = useForm({
    id: "results-run",
    lastResult: actionData?.form === "run" ? actionData.result : undefined,
    defaultValue: formDefaults,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RunSchema }),
  });
  const rule = fields.rule.value ?? formDefaults.rule;
  const tiers = fields.tiers.getFieldList();
  const tieOptions = (
    <>
      <option value="">{t("results.tieNone")}</option>
      {TIE_BREAKS.map((x) => (
        <option key={x} value={x}>
          {t(`results.tieBreaks.${x}`)}
        </option>
      ))}
    </>
  );
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-5">
      <h2 className="text-lg font-semibold">{t("results.settings")}</h2>
      <input type="hidden" name="intent" value="run" />
      <ErrorList errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("results.residentRule")}
          errors={fields.residentRule.errors}
          selectProps={getSelectProps(fields.residentRule)}
        >
          {RESIDENT_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`results.residentRules.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("results.rule")}
          errors={fields.rule.errors}
          selectProps={getSelectProps(fields.rule)}
        >
          {RESULT_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`results.rules.${r}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="label">{t("results.tieBreak")}</legend>
        {([fields.tie1, fields.tie2, fields.tie3] as const).map((field, i) => (
          <SelectField
            key={field.name}
            label={String(i + 1)}
            errors={field.errors}
            selectProps={getSelectProps(field)}
          >
            {tieOptions}
          </SelectField>
        ))}
        <Field
          label={t("results.lotSeed")}
          errors={fields.lotSeed.errors}
          inputProps={{ ...getInputProps(fields.lotSeed, { type: "text" }), autoComplete: "off" }}
        />
        <p className="text-sm text-stone-500 sm:col-span-4">{t("results.lotSeedHint")}</p>
      </fieldset>

      {rule === "greedy" ? (
        <CheckboxField
          label={t("results.partialFirst")}
          errors={fields.partialFirst.errors}
          inputProps={getInputProps(fields.partialFirst, { type: "checkbox" })}
        />
      ) : null}
      {rule === "equal-shares" ? (
        <SelectField
          label={t("results.completion")}
          errors={fields.completion.errors}
          selectProps={getSelectProps(fields.completion)}
        >
          {(["greedy", "none"] as const).map((c) => (
            <option key={c} value={c}>
              {t(`results.completions.${c}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {rule === "tiers" ? (
        <fieldset className="space-y-3">
          <legend className="label">{t("results.tiers")}</legend>
          {tiers.map((tier, index) => {
            const f = tier.getFieldset();
            return (
              <div
                key={tier.key}
                className="grid items-end gap-3 rounded-lg bg-stone-50 p-3 sm:grid-cols-6"
              >
                <Field
                  label={t("results.tierName")}
                  errors={f.name.errors}
                  inputProps={getInputProps(f.name, { type: "text" })}
                />
                <Field
                  label={t("results.tierCount")}
                  errors={f.count.errors}
                  inputProps={{ ...getInputProps(f.count, { type: "text" }), inputMode: "numeric" }}
                />
                <SelectField
                  label={t("results.tierAmountKind")}
                  errors={f.amountKind.errors}
                  selectProps={getSelectProps(f.amountKind)}
                >
                  <option value="percent">{t("results.tierKinds.percent")}</option>
                  <option value="fixed">{t("results.tierKinds.fixed")}</option>
                </SelectField>
                {(f.amountKind.value ?? "percent") === "fixed" ? (
                  <Field
                    label={t("results.tierFixed")}
                    errors={f.fixed.errors}
                    inputProps={{
                      ...getInputProps(f.fixed, { type: "text" }),
                      inputMode: "decimal",
                    }}
                  />
                ) : (
                  <Field
                    label={t("results.tierPercent")}
                    errors={f.percent.errors}
                    inputProps={{
                      ...getInputProps(f.percent, { type: "text" }),
                      inputMode: "numeric",
                    }}
                  />
                )}
                <button
                  className="btn-secondary"
                  {...form.remove.getButtonProps({ name: fields.tiers.name, index })}
                >
                  {t("results.removeTier")}
                </button>
              </div>
            );
          })}
          <ErrorList errors={fields.tiers.errors} />
          <button
            className="btn-secondary"
            {...form.insert.getButtonProps({
              name: fields.tiers.name,
              defaultValue: { name: "", count: "1", amountKind: "percent", fixed: "", percent: "" },
            })}
          >
            + {t("results.addTier")}
          </button>
        </fieldset>
      ) : null}

      {published ? (
        <TextareaField
          label={t("results.reason")}
          hint={t("results.reasonHint")}
          errors={fields.reason.errors}
          textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
        />
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("results.run")}
      </button>
    </Form>
  );
}
