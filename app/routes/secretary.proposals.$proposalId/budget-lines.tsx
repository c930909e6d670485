/** Budget lines with their totals computed as typed, to the 分. */
import { getInputProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/forms";
import { summariseBudget } from "~/domain/competition-rules";
import { formatYuan, lineTotalFen, parseQuantity, parseYuan } from "~/domain/money";
import { moneyProps, type EditorFields, type EditorForm } from "./form";
import { Section } from "./section";

/** What the budget comes to from what is typed now (anything not a number counts as 0). */
export function liveBudget(fields: EditorFields) {
  const fen = (v: unknown) => {
    const p = typeof v === "string" ? parseYuan(v) : null;
    return p?.ok ? p.value : 0;
  };
  const lineTotals = fields.budgetLines.getFieldList().map((item) => {
    const f = item.getFieldset();
    const q = typeof f.quantity.value === "string" ? parseQuantity(f.quantity.value) : null;
    return q?.ok ? lineTotalFen(q.value, fen(f.unitPrice.value)) : 0;
  });
  const live = summariseBudget({
    lines: [],
    requests: fields.requests
      .getFieldList()
      .map((r) => ({ amountFen: fen(r.getFieldset().amount.value) })),
    cofunding: fields.cofunding
      .getFieldList()
      .map((c) => ({ amountFen: fen(c.getFieldset().amount.value) })),
  });
  const totalFen = lineTotals.reduce((a, b) => a + b, 0);
  return {
    lineTotals,
    totalFen,
    requestedFen: live.requestedFen,
    cofundingFen: live.cofundingFen,
    selfFen: totalFen - live.requestedFen - live.cofundingFen,
  };
}

export type LiveBudget = ReturnType<typeof liveBudget>;

export function BudgetSection({
  form,
  fields,
  budget,
  note,
}: {
  form: EditorForm;
  fields: EditorFields;
  budget: LiveBudget;
  note?: string;
}) {
  const { t } = useTranslation();
  const lineList = fields.budgetLines.getFieldList();
  return (
    <Section title={t("proposal.sections.budget")} note={note}>
      <div className="space-y-3">
        {lineList.map((item, index) => {
          const f = item.getFieldset();
          return (
            <div
              key={item.key}
              className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-6"
              data-testid="budget-line"
            >
              <Field
                className="sm:col-span-2"
                label={t("proposal.line.item")}
                errors={f.item.errors}
                inputProps={getInputProps(f.item, { type: "text" })}
              />
              <Field
                label={t("proposal.line.quantity")}
                errors={f.quantity.errors}
                inputProps={{
                  ...getInputProps(f.quantity, { type: "text" }),
                  inputMode: "decimal",
                }}
              />
              <Field
                label={t("proposal.line.unit")}
                errors={f.unit.errors}
                inputProps={getInputProps(f.unit, { type: "text" })}
              />
              <Field
                label={t("proposal.line.unitPrice")}
                errors={f.unitPrice.errors}
                inputProps={moneyProps(f.unitPrice)}
              />
              <div>
                <p className="label">{t("proposal.line.total")}</p>
                <p
                  className="min-h-11 py-2 text-right text-base font-semibold tabular-nums"
                  data-testid="line-total"
                >
                  {formatYuan(budget.lineTotals[index] ?? 0)}
                </p>
              </div>
              <Field
                className="sm:col-span-5"
                label={t("proposal.line.note")}
                errors={f.note.errors}
                inputProps={getInputProps(f.note, { type: "text" })}
              />
              <div className="flex items-end">
                <button
                  className="btn-secondary w-full"
                  {...form.remove.getButtonProps({ name: fields.budgetLines.name, index })}
                >
                  {t("proposal.remove")}
                </button>
              </div>
            </div>
          );
        })}
        <ErrorList id={fields.budgetLines.errorId} errors={fields.budgetLines.errors} />
        <button
          className="btn-secondary"
          {...form.insert.getButtonProps({
            name: fields.budgetLines.name,
            defaultValue: { item: "", quantity: "", unit: "", unitPrice: "", note: "" },
          })}
        >
          + {t("proposal.line.add")}
        </button>
      </div>
      <p className="text-right text-lg font-semibold">
        {t("proposal.summaryBox.total")}:
        <span data-testid="budget-total">{formatYuan(budget.totalFen)}</span> {t("common.yuan")}
      </p>
    </Section>
  );
}
