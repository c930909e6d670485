/** What is asked of each fund (within its cap), partners' co-funding, and what is left to self-fund. */
import { getInputProps, getSelectProps } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField } from "~/components/forms";
import { PARTNER_TYPES } from "~/domain/enums";
import { formatYuan } from "~/domain/money";
import type { LiveBudget } from "./budget-lines";
import { moneyProps, type EditorFields, type EditorForm } from "./form";
import type { loader } from "./route";
import { Section } from "./section";

export function FundingSection({
  form,
  fields,
  funds,
  budget,
  note,
}: {
  form: EditorForm;
  fields: EditorFields;
  funds: SerializeFrom<typeof loader>["funds"];
  budget: LiveBudget;
  note?: string;
}) {
  const { t } = useTranslation();
  const requestList = fields.requests.getFieldList();
  const cofundList = fields.cofunding.getFieldList();
  return (
    <Section title={t("proposal.sections.funding")} note={note}>
      <div className="grid gap-4 sm:grid-cols-2">
        {requestList.map((item, index) => {
          const f = item.getFieldset();
          const fund = funds.find((x) => String(x.id) === String(f.fundId.value)) ?? funds[index];
          if (!fund) return null;
          return (
            <div key={item.key}>
              <input {...getInputProps(f.fundId, { type: "hidden" })} />
              <Field
                label={`${fund.name} · ${t("proposal.request.amount")}`}
                hint={
                  fund.perProjectCapFen != null
                    ? t("proposal.request.cap", { cap: formatYuan(fund.perProjectCapFen) })
                    : t("proposal.request.noCap")
                }
                errors={f.amount.errors}
                inputProps={moneyProps(f.amount)}
              />
            </div>
          );
        })}
      </div>
      <ErrorList id={fields.requests.errorId} errors={fields.requests.errors} />
      <div className="space-y-3">
        <p className="label">{t("proposal.fields.cofunding")}</p>
        {cofundList.map((item, index) => {
          const f = item.getFieldset();
          return (
            <div
              key={item.key}
              className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
            >
              <Field
                className="sm:col-span-2"
                label={t("proposal.cofund.partnerName")}
                errors={f.partnerName.errors}
                inputProps={getInputProps(f.partnerName, { type: "text" })}
              />
              <SelectField
                label={t("proposal.cofund.partnerType")}
                errors={f.partnerType.errors}
                selectProps={getSelectProps(f.partnerType)}
              >
                <option value="">{t("proposal.cofund.choose")}</option>
                {PARTNER_TYPES.map((p) => (
                  <option key={p} value={p}>
                    {t(`proposal.partnerTypes.${p}`)}
                  </option>
                ))}
              </SelectField>
              <Field
                label={t("proposal.cofund.amount")}
                errors={f.amount.errors}
                inputProps={moneyProps(f.amount)}
              />
              <Field
                className="sm:col-span-3"
                label={t("proposal.cofund.inKind")}
                errors={f.inKind.errors}
                inputProps={getInputProps(f.inKind, { type: "text" })}
              />
              <div className="flex items-end">
                <button
                  className="btn-secondary w-full"
                  {...form.remove.getButtonProps({ name: fields.cofunding.name, index })}
                >
                  {t("proposal.remove")}
                </button>
              </div>
            </div>
          );
        })}
        <button
          className="btn-secondary"
          {...form.insert.getButtonProps({
            name: fields.cofunding.name,
            defaultValue: { partnerName: "", partnerType: "", amount: "", inKind: "" },
          })}
        >
          + {t("proposal.cofund.add")}
        </button>
      </div>
      <dl
        className="grid grid-cols-2 gap-3 rounded-lg bg-stone-50 p-3 text-sm sm:grid-cols-4"
        data-testid="funding-summary"
      >
        <div>
          <dt className="text-stone-500">{t("proposal.summaryBox.total")}</dt>
          <dd className="font-semibold tabular-nums">{formatYuan(budget.totalFen)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("proposal.summaryBox.requested")}</dt>
          <dd className="font-semibold tabular-nums">{formatYuan(budget.requestedFen)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("proposal.summaryBox.cofunding")}</dt>
          <dd className="font-semibold tabular-nums">{formatYuan(budget.cofundingFen)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("proposal.summaryBox.self")}</dt>
          <dd className={`font-semibold tabular-nums ${budget.selfFen < 0 ? "text-red-700" : ""}`}>
            {formatYuan(budget.selfFen)}
          </dd>
        </div>
      </dl>
    </Section>
  );
}
