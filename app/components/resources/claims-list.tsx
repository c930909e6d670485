/**
 * Claims and matches as cards: need, unit, offer, value, status. The secretary's view adds the
 * confirm/link form; a unit's view the withdraw button. Never a contact.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import type { ClaimKind, ClaimStatus, ResourceCategory, SupportKind } from "~/domain/enums";
import { formatYuan } from "~/domain/money";

interface ClaimRow {
  id: number;
  kind: ClaimKind;
  status: ClaimStatus;
  supportKind: SupportKind;
  valueFen: number;
  note: string;
  unitName: string;
  offerTitle: string;
  category: ResourceCategory;
  needTitle: string;
  communityName: string;
  proposalId: number | null;
  proposalTitle: string | null;
}

const STATUS_STYLE: Record<ClaimStatus, string> = {
  proposed: "bg-amber-100 text-amber-800",
  confirmed: "bg-green-100 text-green-800",
  withdrawn: "bg-stone-100 text-stone-500",
};

export function ClaimsList({
  claims,
  canWithdraw = false,
  withdrawLabel,
  proposals,
  lastResult,
}: {
  claims: ClaimRow[];
  canWithdraw?: boolean;
  withdrawLabel?: string;
  /** The secretary's proposals: shows the confirm/link form. */
  proposals?: Array<{ id: number; title: string }>;
  lastResult?: { formId: string; result: { error?: Record<string, string[] | null> | null } };
}) {
  const { t } = useTranslation();
  if (!claims.length) return <p className="text-stone-500">{t("resources.noClaims")}</p>;
  return (
    <ul className="space-y-3">
      {claims.map((c) => {
        const errors =
          lastResult && lastResult.formId.endsWith(`-${c.id}`) ? lastResult.result.error : null;
        return (
          <li
            key={c.id}
            className="rounded-lg border border-stone-200 p-3"
            data-testid={`claim-${c.id}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-2 py-0.5 text-sm ${STATUS_STYLE[c.status]}`}>
                {t(`resources.claimStatuses.${c.status}`)}
              </span>
              <span className="text-sm text-stone-500">{t(`resources.kinds.${c.kind}`)}</span>
            </div>
            <p className="mt-1 font-medium">
              {t("resources.need")}:{c.needTitle}
              <span className="text-stone-500">({c.communityName})</span>
            </p>
            <p>
              {c.unitName} · {t(`resources.categories.${c.category}`)} · {c.offerTitle}
            </p>
            <p className="text-stone-600">
              {t(`resources.supportKinds.${c.supportKind}`)} {formatYuan(c.valueFen)} 元
              {c.note ? ` · ${c.note}` : ""}
            </p>
            {c.proposalTitle ? (
              <p className="text-stone-600">
                {t("resources.proposal")}:{c.proposalTitle}
              </p>
            ) : null}
            {proposals && c.status !== "withdrawn" ? (
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="claimId" value={c.id} />
                <label className="flex flex-col text-sm">
                  {t("resources.linkProposal")}
                  <select
                    name="proposalId"
                    className="input"
                    defaultValue={c.proposalId ?? ""}
                    aria-label={t("resources.linkProposal")}
                  >
                    <option value="">{t("resources.noProposal")}</option>
                    {proposals.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </select>
                </label>
                {c.status === "proposed" ? (
                  <button type="submit" name="intent" value="confirm" className="btn-primary">
                    {t("resources.confirm")}
                  </button>
                ) : (
                  <button type="submit" name="intent" value="link" className="btn-secondary">
                    {t("resources.saveLink")}
                  </button>
                )}
              </Form>
            ) : null}
            {canWithdraw && c.status !== "withdrawn" ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="claimId" value={c.id} />
                <button type="submit" name="intent" value="withdraw" className="btn-secondary">
                  {withdrawLabel ?? t("resources.withdraw")}
                </button>
              </Form>
            ) : null}
            <ErrorList
              errors={errors ? Object.values(errors).flatMap((e) => e ?? []) : undefined}
            />
          </li>
        );
      })}
    </ul>
  );
}
