/** A list of deliveries as cards (readable on a phone): status, money, milestones, last news. */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatYuan } from "~/domain/money";
import type { DeliveryListRow } from "~/models/delivery.server";
import { DeliveryStatusBadge } from "./delivery-view";

export function DeliveryList({
  rows,
  hrefOf,
  showCommunity = false,
}: {
  rows: Array<SerializeFrom<DeliveryListRow>>;
  hrefOf: (row: SerializeFrom<DeliveryListRow>) => string;
  /** The street's tab of one competition: each project's community instead of the competition. */
  showCommunity?: boolean;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="card text-stone-500">{t("delivery.none")}</p>;
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {rows.map((d) => (
        <li key={d.id} className="card space-y-2" data-delivery={d.id}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <Link to={hrefOf(d)} className="text-lg font-semibold text-brand-800 underline">
              {d.title}
            </Link>
            <DeliveryStatusBadge status={d.status} atRisk={d.atRisk} />
          </div>
          {/* Inside a competition's tab its community; on a secretary's list its competition. */}
          <p className="text-sm text-stone-500">
            {showCommunity ? d.communityName : d.competitionTitle}
          </p>
          <dl className="grid grid-cols-3 gap-1 text-sm">
            <div>
              <dt className="text-stone-500">{t("delivery.granted")}</dt>
              <dd className="tabular-nums">{formatYuan(d.grantedFen)}</dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("delivery.paid")}</dt>
              <dd className="tabular-nums">{formatYuan(d.paidFen)}</dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("delivery.spent")}</dt>
              <dd className="tabular-nums">{formatYuan(d.spentFen)}</dd>
            </div>
          </dl>
          <p className="text-sm text-stone-600">
            {t("delivery.milestonesDone", { done: d.milestonesDone, total: d.milestones })}
            {d.lastUpdateOn ? ` · ${t("delivery.lastUpdate", { date: d.lastUpdateOn })}` : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
