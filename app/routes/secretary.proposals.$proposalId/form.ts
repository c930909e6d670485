/** What the editor's sections share: the form's types, money inputs, and this device's draft. */
import { getInputProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { formNamesProblem, MAX_FORM_FIELDS } from "~/forms/form-shape";
import { parseDraft, ProposalDraftSchema, type ProposalFormSchema } from "~/forms/proposal-form";

export type ProposalFormInput = z.input<typeof ProposalFormSchema>;
export type EditorForm = FormMetadata<ProposalFormInput>;
export type EditorFields = ReturnType<EditorForm["getFieldset"]>;

/** A text input for 元 (typed as text, "12,345.67" accepted). */
export function moneyProps<T>(meta: FieldMetadata<T>) {
  return {
    ...getInputProps(meta as FieldMetadata<string>, { type: "text" }),
    inputMode: "decimal" as const,
    autoComplete: "off",
  };
}

/** A copy kept on this device, in the form's shape, or null. */
export function localDraft(entries: unknown) {
  if (!Array.isArray(entries) || entries.length > MAX_FORM_FIELDS) return null;
  const pairs = entries.filter(
    (e): e is [string, string] =>
      Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string",
  );
  if (formNamesProblem(pairs.map(([name]) => name))) return null;
  return parseDraft(
    parseWithZod(new URLSearchParams(pairs), { schema: ProposalDraftSchema }).payload,
  );
}
