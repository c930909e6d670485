/** The public project page's 任务清单 section: what the grant became (no receipts, no forms). */
import { useTranslation } from "react-i18next";
import { type DeliveryData, DeliveryView } from "./delivery-view";

export function PublicDelivery({ delivery }: { delivery: DeliveryData }) {
  const { t } = useTranslation();
  return (
    <section id="delivery" aria-labelledby="public-delivery" className="space-y-3">
      <h2 id="public-delivery" className="px-1 text-xl font-bold">
        {t("delivery.title")}
      </h2>
      <DeliveryView delivery={delivery} />
    </section>
  );
}
