/**
 * A claim (认领, by a partner) or a match (对接, by a secretary or the street) of one need with
 * one offer: which offer, the value in 元 (stored in 分), in kind or co-funding, a note, and for
 * a match optionally a proposal of the need's community.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BoundField, BoundSelect, BoundTextarea, SubmitRow } from "~/components/forms";
import { SUPPORT_KINDS } from "~/domain/enums";
import { ClaimSchema, MatchSchema } from "~/forms/resource-form";

export function ClaimForm({
  intent,
  needId,
  offers,
  proposals,
  lastResult,
}: {
  intent: "claim" | "match";
  needId: number;
  offers: Array<{ id: number; label: string }>;
  proposals?: Array<{ id: number; title: string }>;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const schema = intent === "claim" ? ClaimSchema : MatchSchema;
  const [form, fields] = useForm({
    id: `${intent}-${needId}`,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldRevalidate: "onInput",
    defaultValue: { supportKind: "in_kind", offerId: String(offers[0]?.id ?? "") },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="grid gap-3 sm:grid-cols-2"
      data-testid={`${intent}-form-${needId}`}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="needId" value={needId} />
      <BoundSelect
        className="sm:col-span-2"
        label={t("resources.withOffer")}
        field={fields.offerId}
      >
        {offers.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </BoundSelect>
      <BoundField
        label={t("resources.value")}
        hint={t("resources.valueHint")}
        field={fields.value}
        inputProps={{ inputMode: "decimal" }}
      />
      <BoundSelect
        label={t("resources.supportKind")}
        field={fields.supportKind}
        options={SUPPORT_KINDS}
        optionLabel={(k) => t(`resources.supportKinds.${k}`)}
      />
      {proposals && "proposalId" in fields ? (
        <BoundSelect
          className="sm:col-span-2"
          label={t("resources.linkProposal")}
          field={fields.proposalId}
        >
          <option value="">{t("resources.noProposal")}</option>
          {proposals.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </BoundSelect>
      ) : null}
      <BoundTextarea
        className="sm:col-span-2"
        label={t("resources.note")}
        field={fields.note}
        rows={2}
      />
      <SubmitRow
        className="sm:col-span-2"
        label={intent === "claim" ? t("resources.claimThis") : t("resources.matchThis")}
        form={form}
      />
    </Form>
  );
}
