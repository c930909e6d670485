/** The public chain of a project: 需求 → 共建单位资源 → 项目 (unit, offer, value; no contact). */
import { useTranslation } from "react-i18next";
import type { PartnerUnitType, ResourceCategory, SupportKind } from "~/domain/enums";
import { formatYuan } from "~/domain/money";

export function ResourceChain({
  resources,
  projectTitle,
}: {
  resources: Array<{
    id: number;
    needTitle: string;
    unitName: string;
    unitType: PartnerUnitType;
    offerTitle: string;
    category: ResourceCategory;
    supportKind: SupportKind;
    valueFen: number;
  }>;
  projectTitle: string;
}) {
  const { t } = useTranslation();
  if (!resources.length) return null;
  const total = resources.reduce((sum, r) => sum + r.valueFen, 0);
  return (
    <section className="card" aria-labelledby="resource-chain" data-testid="resource-chain">
      <h2 id="resource-chain" className="text-xl font-semibold">
        {t("resources.chain")}
      </h2>
      <p className="mb-3 text-sm text-stone-500">{t("resources.chainIntro")}</p>
      <ol className="space-y-3">
        {resources.map((r) => (
          <li key={r.id} className="rounded-lg border border-stone-200 p-3 text-base">
            <p>
              <span className="text-stone-500">{t("resources.need")}:</span>
              {r.needTitle}
            </p>
            <p aria-hidden="true" className="text-stone-400">
              ↓
            </p>
            <p>
              <span className="font-medium">{r.unitName}</span>
              <span className="text-stone-500">({t(`resources.types.${r.unitType}`)})</span>
            </p>
            <p>
              {t(`resources.categories.${r.category}`)} · {r.offerTitle}
            </p>
            <p className="text-brand-700">
              {t(`resources.supportKinds.${r.supportKind}`)} {formatYuan(r.valueFen)} 元
            </p>
            <p aria-hidden="true" className="text-stone-400">
              ↓
            </p>
            <p className="text-stone-600">{projectTitle}</p>
          </li>
        ))}
      </ol>
      <p className="mt-3 font-medium">{t("resources.chainTotal", { amount: formatYuan(total) })}</p>
    </section>
  );
}
