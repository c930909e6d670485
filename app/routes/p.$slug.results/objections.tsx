/** The objections filed during the 公示 with their answers, and the form to file one. */
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
import { Notice } from "~/components/vote-frame";
import { ObjectionSchema } from "~/forms/results-form";
import { formatDateTime } from "~/utils/datetime";
import type { action, loader } from "./route";

export function Objections() {
  const { t } = useTranslation();
  const { published, objections, objectionKey, author } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `objection-${objectionKey}`,
    lastResult: actionData?.result,
    defaultValue: { key: objectionKey, authorName: author ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ObjectionSchema }),
  });
  if (!published) return null;
  const titleOf = (id: number | null) => published.output.rows.find((r) => r.id === id)?.title;
  return (
    <section
      id="objection"
      className="card space-y-4 print:break-before-page print:border-0 print:p-0 print:shadow-none"
    >
      <h2 className="text-xl font-semibold">{t("results.objections")}</h2>
      {objections.length === 0 ? (
        <p className="text-stone-500">{t("results.noObjections")}</p>
      ) : null}
      <ul className="space-y-3" data-testid="objections">
        {objections.map((o) => (
          <li
            key={o.id}
            className="rounded-lg border border-stone-200 p-3 print:break-inside-avoid"
          >
            <p className="text-sm text-stone-500">
              {o.authorName} · {formatDateTime(o.createdAt)}
              {o.proposalId
                ? ` · ${t("results.about", { title: titleOf(o.proposalId) ?? o.proposalId })}`
                : null}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-base">{o.body}</p>
            {o.answer ? (
              <p className="mt-2 whitespace-pre-wrap rounded bg-brand-50 px-3 py-2 text-base">
                <span className="font-medium">{t("results.answer")}:</span>
                {o.answer}
                <span className="block text-xs text-stone-500">{formatDateTime(o.answeredAt)}</span>
              </p>
            ) : (
              <p className="mt-2 text-sm text-amber-800">{t("results.unanswered")}</p>
            )}
          </li>
        ))}
      </ul>
      <div className="print:hidden">
        {actionData?.filed ? <Notice tone="success">{t("results.objectionFiled")}</Notice> : null}
        {published.notice === "open" ? (
          <Form method="post" {...getFormProps(form)} preventScrollReset className="mt-4 space-y-3">
            <h3 className="text-lg font-semibold">{t("results.fileObjection")}</h3>
            <input type="hidden" name="intent" value="objection" />
            <input {...getInputProps(fields.key, { type: "hidden" })} />
            <ErrorList errors={form.errors} />
            <SelectField
              label={t("results.objectionProject")}
              errors={fields.proposalId.errors}
              selectProps={getSelectProps(fields.proposalId)}
            >
              <option value="">{t("results.objectionNone")}</option>
              {published.output.rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.communityName} · {r.title}
                </option>
              ))}
            </SelectField>
            <TextareaField
              label={t("results.objectionBody")}
              errors={fields.body.errors}
              textareaProps={{ ...getTextareaProps(fields.body), rows: 4 }}
            />
            <Field
              label={t("results.objectionName")}
              errors={fields.authorName.errors}
              inputProps={{
                ...getInputProps(fields.authorName, { type: "text" }),
                placeholder: t("results.defaultName"),
              }}
            />
            <Field
              label={t("results.objectionContact")}
              errors={fields.authorContact.errors}
              inputProps={{
                ...getInputProps(fields.authorContact, { type: "text" }),
                autoComplete: "tel",
              }}
            />
            <button
              type="submit"
              className="btn-primary min-h-12"
              disabled={navigation.state === "submitting"}
            >
              {t("results.objectionSubmit")}
            </button>
          </Form>
        ) : (
          <p className="text-stone-500">{t("results.objectionClosed")}</p>
        )}
      </div>
    </section>
  );
}
