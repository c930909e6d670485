import { useTranslation } from "react-i18next";
import type { PublicUrlCheck } from "~/utils/public-url";

/** Tells the admin, before anything is printed, when residents' phones cannot open the QR codes. */
export function QrAddressWarning({ check }: { check: PublicUrlCheck }) {
  const { t } = useTranslation();
  if (!check.problem) return null;
  return (
    <div
      role="alert"
      data-testid="qr-address-warning"
      className="rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 print:hidden"
    >
      <p className="font-semibold">{t("qrAddress.title")}</p>
      <p className="mt-1">{t(`qrAddress.${check.problem}`, { origin: check.origin })}</p>
      <p className="mt-1">{t("qrAddress.fix")}</p>
    </div>
  );
}
