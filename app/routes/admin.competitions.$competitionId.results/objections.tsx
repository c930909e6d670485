/** Objections filed during the 公示, with the street's public answer to each. */
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField } from "~/components/forms";
import { AnswerSchema } from "~/forms/results-form";
import { formatDateTime } from "~/utils/datetime";
import type { action, loader } from "./route";

export function Objections() {
  const { t } = useTranslation();
  const { canEdit, draft, published, objections } = useLoaderData<typeof loader>();
  return (
    <section id="objections" className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("results.objections")}</h2>
      {objections.length === 0 ? (
        <p className="text-stone-500">{t("results.noObjections")}</p>
      ) : null}
      <ul className="space-y-4">
        {objections.map((o) => (
          <li key={o.id} className="rounded-lg border border-stone-200 p-3" data-objection={o.id}>
            <p className="text-sm text-stone-500">
              #{o.id} · {o.authorName} · {formatDateTime(o.createdAt)}
              {"authorContact" in o && o.authorContact
                ? ` · ${t("results.contact")}: ${o.authorContact}`
                : null}
              {o.proposalId
                ? ` · ${t("results.about", {
                    title:
                      (published ?? draft)?.output.rows.find((r) => r.id === o.proposalId)?.title ??
                      o.proposalId,
                  })}`
                : null}
            </p>
            <p className="mt-1 whitespace-pre-wrap">{o.body}</p>
            {o.answer ? (
              <p className="mt-2 whitespace-pre-wrap rounded bg-brand-50 px-3 py-2">
                <span className="font-medium">{t("results.answer")}:</span>
                {o.answer}
              </p>
            ) : (
              <p className="mt-2 text-sm text-amber-800">{t("results.unanswered")}</p>
            )}
            {canEdit ? <AnswerForm id={o.id} answer={o.answer} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswerForm({ id, answer }: { id: number; answer: string | null }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("objectionId") === String(id);
  const [form, fields] = useForm({
    id: `answer-${id}`,
    lastResult: actionData?.form === `answer-${id}` ? actionData.result : undefined,
    defaultValue: { objectionId: String(id), answer: answer ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-2">
      <input type="hidden" name="intent" value="answer" />
      <input {...getInputProps(fields.objectionId, { type: "hidden" })} />
      <TextareaField
        label={t("results.answer")}
        errors={fields.answer.errors}
        textareaProps={{ ...getTextareaProps(fields.answer), rows: 2 }}
      />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("results.answerSave")}
      </button>
    </Form>
  );
}
