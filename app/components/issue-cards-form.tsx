/**
 * The form that issues a batch of ballot cards: A4 sheets to print (`…/cards`) or a CSV file for
 * a print shop (`…/cards.csv`). On the voting tab, and again on the cards page when a batch was
 * refused, with what was typed and the messages beside the fields.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useRevalidator } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { IssueCardsPageSchema, IssueCardsSchema } from "~/forms/ballot-cards-form";
import { translateMessage } from "~/forms/messages";
import { BoundField, BoundSelect, FormErrors } from "./forms";

/** The file name a download response suggests (RFC 6266: filename* first). */
function downloadName(disposition: string | null, fallback: string) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
}

/**
 * The CSV button posts to a resource route, so without JavaScript the browser downloads the
 * file itself. With JavaScript the page fetches it, saves it, shows any refusal in words, and
 * reloads the batch list so the new batch shows at once.
 */
function useCsvDownload() {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (!(submitter instanceof HTMLButtonElement) || submitter.value !== "csv") return;
    event.preventDefault();
    const form = event.currentTarget;
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body = new FormData(form);
      body.set("format", "csv");
      const res = await fetch(submitter.formAction, { method: "POST", body });
      const type = res.headers.get("Content-Type") ?? "";
      if (!res.ok || !type.startsWith("text/csv")) {
        setError(res.status === 400 ? await res.text() : t("voting.csvFailed"));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = downloadName(res.headers.get("Content-Disposition"), "ballot-cards.csv");
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError(t("voting.csvFailed"));
    } finally {
      setBusy(false);
      revalidator.revalidate();
    }
  }
  return { onSubmit, busy, error };
}

interface IssueDefaults {
  name: string;
  communityId: number | null;
  count: number;
}

export function IssueCardsForm({
  competitionId,
  communities,
  defaults,
  hint,
  lastResult,
}: {
  competitionId: number;
  communities: Array<{ id: number; name: string }>;
  defaults?: IssueDefaults | null;
  /** Shown above the fields (reissuing a voided batch). */
  hint?: string;
  /** The refused submission, when the cards page shows the form again. */
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const csv = useCsvDownload();
  const cardsUrl = `/admin/competitions/${competitionId}/cards`;
  const [form, fields] = useForm({
    id: "generate",
    lastResult,
    constraint: getZodConstraint(IssueCardsSchema),
    shouldRevalidate: "onInput",
    defaultValue: {
      name: defaults?.name ?? "",
      communityId: defaults?.communityId ? String(defaults.communityId) : "",
      count: String(defaults?.count ?? 100),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: IssueCardsPageSchema }),
  });
  const formProps = getFormProps(form);
  return (
    <Form
      {...formProps}
      method="post"
      action={cardsUrl}
      reloadDocument
      onSubmit={(event) => {
        // The form's own checks first; a CSV is then fetched and saved by the page.
        formProps.onSubmit(event);
        if (!event.defaultPrevented) void csv.onSubmit(event);
      }}
      className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
    >
      <input type="hidden" name="intent" value="issue" />
      {hint ? <p className="text-sm font-medium text-amber-900 sm:col-span-4">{hint}</p> : null}
      <BoundField
        className="text-sm"
        label={t("voting.batchName")}
        field={fields.name}
        inputProps={{ placeholder: "春和社区 第一批" }}
      />
      <BoundSelect
        className="text-sm"
        label={t("voting.community")}
        field={fields.communityId}
        rows={communities}
      >
        <option value="">—</option>
      </BoundSelect>
      <BoundField
        className="text-sm"
        label={t("voting.count")}
        field={fields.count}
        type="number"
      />
      <div className="flex flex-col justify-end gap-2">
        <button name="format" value="print" className="btn-primary">
          {t("voting.outputPrint")}
        </button>
        <button
          name="format"
          value="csv"
          formAction={`${cardsUrl}.csv`}
          className="btn-secondary"
          disabled={csv.busy}
        >
          {csv.busy ? t("voting.csvBusy") : t("voting.outputCsv")}
        </button>
      </div>
      <FormErrors form={form} className="sm:col-span-4" />
      {csv.error ? (
        <p role="alert" className="field-error sm:col-span-4">
          {translateMessage(t, csv.error)}
        </p>
      ) : null}
      <p className="text-sm text-stone-500 sm:col-span-4">{t("voting.generateHint")}</p>
    </Form>
  );
}
