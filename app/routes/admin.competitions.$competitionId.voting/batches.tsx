/**
 * The voting tab's ballot card batches: the list, issuing a batch (A4 sheets to print, or a CSV
 * file for a print shop), voiding one lost card, and voiding a whole batch that never reached
 * residents so it can be issued again.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BoundField, BoundSelect, ErrorList, FormErrors } from "~/components/forms";
import { IssueCardsForm } from "~/components/issue-cards-form";
import { QrAddressWarning } from "~/components/qr-address-warning";
import type { PublicUrlCheck } from "~/utils/public-url";
import { VoidBatchSchema, VoidCardSchema, VotingPageSchema } from "./schema";

export interface BatchRow {
  id: number;
  name: string;
  kind: "cards" | "registry";
  communityName: string | null;
  issued: number;
  used: number;
  void: number;
}

type Result = SubmissionResult<string[]>;

interface Props {
  competitionId: number;
  batches: BatchRow[];
  communities: Array<{ id: number; name: string }>;
  canEdit: boolean;
  qrAddress: PublicUrlCheck;
  reissue: { batchId: number; name: string; communityId: number | null; count: number } | null;
  /** The refused "void one card" form, if that was the last one sent. */
  voidCard?: Result;
  /** The refused "void a whole batch" form, if that was the last one sent. */
  voidBatch?: Result;
}

const validate = ({ formData }: { formData: FormData }) =>
  parseWithZod(formData, { schema: VotingPageSchema });

function VoidBatchForm({ batch, lastResult }: { batch: BatchRow; lastResult?: Result }) {
  const { t } = useTranslation();
  const unused = batch.issued - batch.used - batch.void;
  const [form, fields] = useForm({
    id: `void-batch-${batch.id}`,
    lastResult,
    constraint: getZodConstraint(VoidBatchSchema),
    defaultValue: { batchId: String(batch.id), reason: "" },
    onValidate: validate,
  });
  return (
    <details open={Boolean(lastResult)}>
      <summary className="cursor-pointer text-red-700 underline">
        {t("voting.voidBatch.open")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="voidBatch" />
        <input type="hidden" name={fields.batchId.name} value={batch.id} />
        <p className="text-xs text-stone-600">
          {t("voting.voidBatch.explain", { unused, used: batch.used })}
        </p>
        <BoundField
          className="text-sm"
          label={t("voting.reason")}
          field={fields.reason}
          inputProps={{ placeholder: t("voting.voidBatch.reasonPlaceholder") }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button className="btn-danger w-full">{t("voting.voidBatch.submit", { unused })}</button>
      </Form>
    </details>
  );
}

function VoidCardForm({ batches, lastResult }: { batches: BatchRow[]; lastResult?: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "void-card",
    lastResult,
    constraint: getZodConstraint(VoidCardSchema),
    defaultValue: { batchId: batches[0] ? String(batches[0].id) : "", checkCode: "", reason: "" },
    onValidate: validate,
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
    >
      <input type="hidden" name="intent" value="void" />
      <BoundSelect
        className="text-sm"
        label={t("voting.batchName")}
        field={fields.batchId}
        rows={batches}
      />
      <BoundField
        className="text-sm"
        label={t("voting.checkCode")}
        field={fields.checkCode}
        inputProps={{ className: "input font-mono uppercase" }}
      />
      <BoundField className="text-sm" label={t("voting.reason")} field={fields.reason} />
      <div className="flex items-end">
        <button className="btn-danger w-full">{t("voting.voidButton")}</button>
      </div>
      <FormErrors form={form} className="sm:col-span-4" />
    </Form>
  );
}

export function BallotBatches(props: Props) {
  const { t } = useTranslation();
  const { competitionId, batches, communities, canEdit, reissue } = props;
  const refusedBatch = props.voidBatch?.initialValue?.batchId;
  return (
    <section className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("voting.batches")}</h2>
      <div className="overflow-x-auto">
        <table className="table" data-testid="batches">
          <thead>
            <tr>
              <th>{t("voting.batchName")}</th>
              <th>{t("voting.community")}</th>
              <th className="text-right">{t("voting.issued")}</th>
              <th className="text-right">{t("voting.used")}</th>
              <th className="text-right">{t("voting.void")}</th>
              {canEdit ? <th>{t("voting.voidBatch.column")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-batch={b.id}>
                <td>{b.name}</td>
                <td>{b.communityName ?? "—"}</td>
                <td className="text-right tabular-nums">{b.issued}</td>
                <td className="text-right tabular-nums">{b.used}</td>
                <td className="text-right tabular-nums">{b.void}</td>
                {canEdit ? (
                  <td className="min-w-48">
                    {b.kind === "cards" && b.issued - b.used - b.void > 0 ? (
                      <VoidBatchForm
                        batch={b}
                        lastResult={refusedBatch === String(b.id) ? props.voidBatch : undefined}
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <>
          <QrAddressWarning check={props.qrAddress} />
          <IssueCardsForm
            // A new key remounts the form, so the reissue values fill it in.
            key={reissue?.batchId ?? "new"}
            competitionId={competitionId}
            communities={communities}
            hint={reissue ? t("voting.voidBatch.reissueHint") : undefined}
            defaults={
              reissue
                ? {
                    name: t("voting.voidBatch.reissueName", { name: reissue.name }).slice(0, 60),
                    communityId: reissue.communityId,
                    count: reissue.count,
                  }
                : null
            }
          />
          {batches.length ? <VoidCardForm batches={batches} lastResult={props.voidCard} /> : null}
        </>
      ) : null}
    </section>
  );
}
