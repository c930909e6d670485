/** Offers as a table: unit, category, title, capacity, service area, status (never a contact). */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OfferStatus, PartnerUnitType, ResourceCategory } from "~/domain/enums";

interface OfferRow {
  id: number;
  unitId: number;
  unitName: string;
  unitType: PartnerUnitType;
  category: ResourceCategory;
  title: string;
  capacity: string;
  status: OfferStatus;
  communityNames: string[];
}

export function OffersTable({
  offers,
  showUnit = true,
  unitHref,
  editHref,
}: {
  offers: OfferRow[];
  showUnit?: boolean;
  unitHref?: (unitId: number) => string;
  editHref?: (offerId: number) => string;
}) {
  const { t } = useTranslation();
  if (!offers.length) return <p className="text-stone-500">{t("resources.noOffers")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="text-stone-500">
          <tr>
            {showUnit ? <th className="py-2 pr-3">{t("resources.unit")}</th> : null}
            <th className="py-2 pr-3">{t("resources.category")}</th>
            <th className="py-2 pr-3">{t("resources.offerTitle")}</th>
            <th className="py-2 pr-3">{t("resources.capacity")}</th>
            <th className="py-2 pr-3">{t("resources.area")}</th>
            <th className="py-2 pr-3">{t("resources.status")}</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={o.id} className="border-t border-stone-100 align-top">
              {showUnit ? (
                <td className="py-2 pr-3">
                  {unitHref ? (
                    <Link to={unitHref(o.unitId)} className="text-brand-700 underline">
                      {o.unitName}
                    </Link>
                  ) : (
                    o.unitName
                  )}
                  <div className="text-xs text-stone-500">{t(`resources.types.${o.unitType}`)}</div>
                </td>
              ) : null}
              <td className="whitespace-nowrap py-2 pr-3">
                {t(`resources.categories.${o.category}`)}
              </td>
              <td className="py-2 pr-3">
                {editHref ? (
                  <Link to={editHref(o.id)} className="text-brand-700 underline">
                    {o.title}
                  </Link>
                ) : (
                  o.title
                )}
              </td>
              <td className="py-2 pr-3">{o.capacity}</td>
              <td className="py-2 pr-3">{o.communityNames.join("、")}</td>
              <td className="whitespace-nowrap py-2 pr-3">
                {t(`resources.offerStatuses.${o.status}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
