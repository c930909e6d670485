/** The street's delivery forms: a tranche per fund, flags, done, terminate. */
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PastDayField, YuanField } from "~/components/delivery-fields";
import {
  BoundField,
  BoundSelect,
  BoundTextarea,
  ConfirmSubmit,
  ErrorList,
  FormCard,
  IntentForm,
} from "~/components/forms";
import { remainingFen } from "~/domain/delivery";
import { formatYuan } from "~/domain/money";
import { DoneSchema, FlagSchema, PaySchema, TerminateSchema } from "~/forms/delivery-form";
import { useReplyForm, useSubmitting } from "~/hooks/use-form-reply";
import type { loader } from "./route";

export function PayForm() {
  const { t } = useTranslation();
  const { delivery, today } = useLoaderData<typeof loader>();
  const busy = useSubmitting("pay");
  const [form, fields] = useReplyForm("pay", PaySchema, {
    defaultValue: { paidOn: today, fundId: String(delivery.grants[0]?.fundId ?? "") },
  });
  return (
    <FormCard id="pay" title={t("delivery.forms.trancheTitle")}>
      <IntentForm form={form} intent="pay" className="space-y-3">
        <BoundSelect label={t("delivery.fund")} field={fields.fundId}>
          {delivery.grants.map((g) => (
            <option key={g.fundId} value={g.fundId}>
              {g.fundName}({t("delivery.remaining")} {formatYuan(remainingFen(g))})
            </option>
          ))}
        </BoundSelect>
        <YuanField label={t("delivery.forms.amount")} field={fields.amount} />
        <PastDayField label={t("delivery.forms.paidOn")} field={fields.paidOn} />
        <BoundField label={t("delivery.forms.note")} field={fields.note} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("delivery.forms.pay")}
        </button>
      </IntentForm>
    </FormCard>
  );
}

export function FlagForms() {
  const { t } = useTranslation();
  const { delivery } = useLoaderData<typeof loader>();
  const [form, fields] = useReplyForm("flag", FlagSchema);
  const late = delivery.status === "late";
  return (
    <FormCard id="flag" title={t("delivery.forms.flagsTitle")}>
      <IntentForm form={form} intent="flag" className="space-y-3">
        <BoundField label={t("delivery.forms.flagNote")} field={fields.note} />
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            name="flag"
            value={late ? "unlate" : "late"}
            className="btn-secondary"
          >
            {t(late ? "delivery.forms.unflagLate" : "delivery.forms.flagLate")}
          </button>
          <button
            type="submit"
            name="flag"
            value={delivery.atRisk ? "unrisk" : "risk"}
            className="btn-secondary"
          >
            {t(delivery.atRisk ? "delivery.forms.unflagRisk" : "delivery.forms.flagRisk")}
          </button>
        </div>
        <ErrorList
          id={form.errorId}
          errors={[...(form.errors ?? []), ...(fields.flag.errors ?? [])]}
        />
      </IntentForm>
    </FormCard>
  );
}

export function DoneForm() {
  const { t } = useTranslation();
  const [form] = useReplyForm("done", DoneSchema);
  return (
    <FormCard id="done" title={t("delivery.forms.doneTitle")} titleClassName="font-semibold">
      <p className="mb-3 text-sm text-stone-600">{t("delivery.forms.doneHint")}</p>
      <IntentForm form={form} intent="done">
        <ErrorList id={form.errorId} errors={form.errors} />
        <ConfirmSubmit className="btn-primary" confirm={t("delivery.forms.doneConfirm")}>
          {t("delivery.forms.done")}
        </ConfirmSubmit>
      </IntentForm>
    </FormCard>
  );
}

export function TerminateForm() {
  const { t } = useTranslation();
  const [form, fields] = useReplyForm("terminate", TerminateSchema);
  return (
    <FormCard
      id="terminate"
      title={t("delivery.forms.terminateTitle")}
      className="card border-rose-200"
      titleClassName="mb-3 font-semibold text-rose-900"
    >
      <IntentForm form={form} intent="terminate" className="space-y-3">
        <BoundTextarea label={t("delivery.forms.reason")} field={fields.reason} rows={2} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <ConfirmSubmit className="btn-danger" confirm={t("delivery.forms.terminateConfirm")}>
          {t("delivery.forms.terminate")}
        </ConfirmSubmit>
      </IntentForm>
    </FormCard>
  );
}
