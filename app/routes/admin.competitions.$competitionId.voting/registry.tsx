/**
 * The voting tab's resident registry: who voted per community, how a resident proves who they
 * are (证件号 or SMS code), and importing the registry from a CSV.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField } from "~/components/forms";
import { REGISTRY_PROOFS, type RegistryProof } from "~/domain/enums";
import { translateMessage } from "~/forms/messages";
import { RegistryImportSchema, RegistryProofSchema, VotingPageSchema } from "./schema";

type Result = SubmissionResult<string[]>;

function ProofForm({
  competitionId,
  registryProof,
  lastResult,
}: {
  competitionId: number;
  registryProof: RegistryProof;
  lastResult?: Result;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `registry-proof-${competitionId}`,
    lastResult,
    constraint: getZodConstraint(RegistryProofSchema),
    defaultValue: { registryProof },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VotingPageSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value="registryProof" />
      <SelectField
        label={t("voting.registryProof.label")}
        errors={fields.registryProof.errors}
        selectProps={getSelectProps(fields.registryProof)}
      >
        {REGISTRY_PROOFS.map((p) => (
          <option key={p} value={p}>
            {t(`voting.registryProof.${p}`)}
          </option>
        ))}
      </SelectField>
      <button className="btn-secondary">{t("voting.registryProof.save")}</button>
      <ErrorList id={form.errorId} errors={form.errors} />
    </Form>
  );
}

function ImportForm({
  lastResult,
  lines,
}: {
  lastResult?: Result;
  lines: Array<{ line: number; message: string }>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "registry-import",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegistryImportSchema }),
  });
  const fileErrors = fields.file.errors;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="registryImport" />
      <p className="text-sm text-stone-600">{t("voting.registryHint")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <input
          {...getInputProps(fields.file, { type: "file" })}
          accept=".csv,text/csv"
          aria-label={t("voting.registry")}
        />
        <button className="btn-secondary">{t("needs.importCsv")}</button>
      </div>
      {fileErrors?.length ? (
        <div
          id={fields.file.errorId}
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          {fileErrors.map((e) => (
            <p key={e} className="font-medium">
              {translateMessage(t, e)}
            </p>
          ))}
          {lines.length ? (
            <ul className="list-disc pl-5">
              {lines.map((e, i) => (
                <li key={i}>
                  {e.line > 0
                    ? t("needs.lineError", {
                        line: e.line,
                        column: "",
                        message: translateMessage(t, e.message),
                      })
                    : translateMessage(t, e.message)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ErrorList id={form.errorId} errors={form.errors} />
    </Form>
  );
}

export function Registry({
  competitionId,
  registry,
  registryProof,
  canEdit,
  proofResult,
  importResult,
  importLines,
}: {
  competitionId: number;
  registry: Array<{ communityId: number; communityName: string; voted: number; total: number }>;
  registryProof: RegistryProof;
  canEdit: boolean;
  proofResult?: Result;
  importResult?: Result;
  importLines: Array<{ line: number; message: string }>;
}) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("voting.registry")}</h2>
      <ul className="grid gap-2 text-sm sm:grid-cols-3">
        {registry.map((r) => (
          <li key={r.communityId} className="flex justify-between rounded-lg bg-stone-50 px-3 py-2">
            <span>{r.communityName}</span>
            <span className="tabular-nums">
              {r.voted} / {r.total}
            </span>
          </li>
        ))}
      </ul>
      <div className="space-y-2 rounded-lg border border-stone-200 p-3">
        <h3 className="font-medium">{t("voting.registryProof.title")}</h3>
        <p className="text-sm text-stone-600">{t("voting.registryProof.explain")}</p>
        {canEdit ? (
          <ProofForm
            competitionId={competitionId}
            registryProof={registryProof}
            lastResult={proofResult}
          />
        ) : (
          <p className="text-sm" data-testid="registry-proof">
            {t("voting.registryProof.label")}:{t(`voting.registryProof.${registryProof}`)}
          </p>
        )}
      </div>
      {canEdit ? <ImportForm lastResult={importResult} lines={importLines} /> : null}
    </section>
  );
}
