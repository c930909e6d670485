/** The results tab's settings form: how the draft is computed (ranking, tie-break, allocation). */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  BoundField,
  BoundSelect,
  BoundTextarea,
  CheckboxField,
  ErrorList,
} from "~/components/forms";
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
        <BoundSelect
          label={t("results.residentRule")}
          field={fields.residentRule}
          options={RESIDENT_RULES}
          optionLabel={(r) => t(`results.residentRules.${r}`)}
        />
        <BoundSelect
          label={t("results.rule")}
          field={fields.rule}
          options={RESULT_RULES}
          optionLabel={(r) => t(`results.rules.${r}`)}
        />
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="label">{t("results.tieBreak")}</legend>
        {([fields.tie1, fields.tie2, fields.tie3] as const).map((field, i) => (
          <BoundSelect key={field.name} label={String(i + 1)} field={field}>
            {tieOptions}
          </BoundSelect>
        ))}
        <BoundField
          label={t("results.lotSeed")}
          field={fields.lotSeed}
          inputProps={{ autoComplete: "off" }}
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
        <BoundSelect label={t("results.completion")} field={fields.completion}>
          {(["greedy", "none"] as const).map((c) => (
            <option key={c} value={c}>
              {t(`results.completions.${c}`)}
            </option>
          ))}
        </BoundSelect>
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
                <BoundField label={t("results.tierName")} field={f.name} />
                <BoundField
                  label={t("results.tierCount")}
                  field={f.count}
                  inputProps={{ inputMode: "numeric" }}
                />
                <BoundSelect label={t("results.tierAmountKind")} field={f.amountKind}>
                  <option value="percent">{t("results.tierKinds.percent")}</option>
                  <option value="fixed">{t("results.tierKinds.fixed")}</option>
                </BoundSelect>
                {(f.amountKind.value ?? "percent") === "fixed" ? (
                  <BoundField
                    label={t("results.tierFixed")}
                    field={f.fixed}
                    inputProps={{ inputMode: "decimal" }}
                  />
                ) : (
                  <BoundField
                    label={t("results.tierPercent")}
                    field={f.percent}
                    inputProps={{ inputMode: "numeric" }}
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
        <BoundTextarea
          label={t("results.reason")}
          hint={t("results.reasonHint")}
          field={fields.reason}
          rows={2}
        />
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("results.run")}
      </button>
    </Form>
  );
}
