/** The street's delivery forms: a tranche per fund, flags, done, terminate. */
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
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { remainingFen } from "~/domain/delivery";
import { formatYuan } from "~/domain/money";
import {
  DoneSchema,
  FlagSchema,
  PaySchema,
  TerminateSchema,
  todayInBeijing,
} from "~/forms/delivery-form";
import type { action, loader } from "./route";

function useReply(form: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.form === form ? actionData.result : undefined;
}

function useBusy(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

export function PayForm() {
  const { t } = useTranslation();
  const { delivery, today } = useLoaderData<typeof loader>();
  const busy = useBusy("pay");
  const [form, fields] = useForm({
    id: "pay",
    lastResult: useReply("pay"),
    defaultValue: { paidOn: today, fundId: String(delivery.grants[0]?.fundId ?? "") },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaySchema }),
  });
  return (
    <section className="card" aria-labelledby="pay-title">
      <h3 id="pay-title" className="mb-3 font-semibold">
        {t("delivery.forms.trancheTitle")}
      </h3>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="pay" />
        <SelectField
          label={t("delivery.fund")}
          errors={fields.fundId.errors}
          selectProps={getSelectProps(fields.fundId)}
        >
          {delivery.grants.map((g) => (
            <option key={g.fundId} value={g.fundId}>
              {g.fundName}({t("delivery.remaining")} {formatYuan(remainingFen(g))})
            </option>
          ))}
        </SelectField>
        <Field
          label={t("delivery.forms.amount")}
          errors={fields.amount.errors}
          inputProps={{ ...getInputProps(fields.amount, { type: "text" }), inputMode: "decimal" }}
        />
        <Field
          label={t("delivery.forms.paidOn")}
          errors={fields.paidOn.errors}
          inputProps={{ ...getInputProps(fields.paidOn, { type: "date" }), max: todayInBeijing() }}
        />
        <Field
          label={t("delivery.forms.note")}
          errors={fields.note.errors}
          inputProps={getInputProps(fields.note, { type: "text" })}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("delivery.forms.pay")}
        </button>
      </Form>
    </section>
  );
}

export function FlagForms() {
  const { t } = useTranslation();
  const { delivery } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "flag",
    lastResult: useReply("flag"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FlagSchema }),
  });
  const late = delivery.status === "late";
  return (
    <section className="card" aria-labelledby="flag-title">
      <h3 id="flag-title" className="mb-3 font-semibold">
        {t("delivery.forms.flagsTitle")}
      </h3>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="flag" />
        <Field
          label={t("delivery.forms.flagNote")}
          errors={fields.note.errors}
          inputProps={getInputProps(fields.note, { type: "text" })}
        />
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
      </Form>
    </section>
  );
}

export function DoneForm() {
  const { t } = useTranslation();
  const [form] = useForm({
    id: "done",
    lastResult: useReply("done"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DoneSchema }),
  });
  return (
    <section className="card" aria-labelledby="done-title">
      <h3 id="done-title" className="font-semibold">
        {t("delivery.forms.doneTitle")}
      </h3>
      <p className="mb-3 text-sm text-stone-600">{t("delivery.forms.doneHint")}</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="done" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button
          type="submit"
          className="btn-primary"
          // Final: asked once more (without JavaScript the button sends at once).
          onClick={(e) => {
            if (!window.confirm(t("delivery.forms.doneConfirm"))) e.preventDefault();
          }}
        >
          {t("delivery.forms.done")}
        </button>
      </Form>
    </section>
  );
}

export function TerminateForm() {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "terminate",
    lastResult: useReply("terminate"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TerminateSchema }),
  });
  return (
    <section className="card border-rose-200" aria-labelledby="terminate-title">
      <h3 id="terminate-title" className="mb-3 font-semibold text-rose-900">
        {t("delivery.forms.terminateTitle")}
      </h3>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="terminate" />
        <TextareaField
          label={t("delivery.forms.reason")}
          errors={fields.reason.errors}
          textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button
          type="submit"
          className="btn-danger"
          onClick={(e) => {
            if (!window.confirm(t("delivery.forms.terminateConfirm"))) e.preventDefault();
          }}
        >
          {t("delivery.forms.terminate")}
        </button>
      </Form>
    </section>
  );
}
