/** The street's review form beside the proposal: a reason, notes per part, and three buttons. */
import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, TextareaField } from "~/components/forms";
import { REVIEW_FIELDS, ReviewSchema } from "~/forms/proposal-review-form";

export function ReviewForm({
  proposalId,
  lastResult,
  busy,
}: {
  proposalId: number;
  lastResult?: SubmissionResult<string[]>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `review-${proposalId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  const notes = fields.notes.getFieldset();
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="card space-y-3"
      aria-label={t("proposal.sections.review")}
    >
      <h2 className="text-lg font-semibold">{t("proposal.sections.review")}</h2>
      <TextareaField
        label={t("proposal.review.reason")}
        hint={t("proposal.review.reasonHint")}
        errors={fields.reason.errors}
        textareaProps={{ ...getTextareaProps(fields.reason), rows: 4 }}
      />
      <details open={Boolean(fields.notes.errors ?? Object.values(notes).some((n) => n.errors))}>
        <summary className="cursor-pointer text-sm text-brand-700">
          {t("proposal.review.fieldNotes")}
        </summary>
        <div className="mt-2 space-y-2">
          {REVIEW_FIELDS.map((f) => (
            <Field
              key={f}
              className="text-sm"
              label={t(`proposal.fields.${f}`)}
              errors={notes[f].errors}
              inputProps={getInputProps(notes[f], { type: "text" })}
            />
          ))}
        </div>
      </details>
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="grid grid-cols-3 gap-2">
        <button
          name="intent"
          value="accept"
          className="btn bg-emerald-700 text-white hover:bg-emerald-800"
          disabled={busy}
        >
          {t("proposal.review.accept")}
        </button>
        <button
          name="intent"
          value="return"
          className="btn bg-amber-500 text-stone-900 hover:bg-amber-600"
          disabled={busy}
        >
          {t("proposal.review.return")}
        </button>
        <button name="intent" value="reject" className="btn-danger" disabled={busy}>
          {t("proposal.review.reject")}
        </button>
      </div>
    </Form>
  );
}
