import { useTranslation } from "react-i18next";
import type { ProposalStatus } from "~/domain/enums";

const STYLES: Record<ProposalStatus, string> = {
  draft: "bg-stone-100 text-stone-700",
  submitted: "bg-sky-100 text-sky-800",
  returned: "bg-amber-100 text-amber-900",
  resubmitted: "bg-sky-100 text-sky-800",
  accepted: "bg-emerald-100 text-emerald-800",
  rejected: "bg-red-100 text-red-800",
  withdrawn: "bg-stone-200 text-stone-600",
};

export function StatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-3 py-0.5 text-sm ${STYLES[status]}`}
      data-status={status}
    >
      {t(`proposal.statuses.${status}`)}
    </span>
  );
}
