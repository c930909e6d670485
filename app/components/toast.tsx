import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/forms/messages";
import type { Toast } from "~/server/toast.server";

const STYLES = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
};

export function ToastBanner({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(Boolean(toast));
  useEffect(() => {
    setVisible(Boolean(toast));
    if (!toast) return;
    const timer = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast || !visible) return null;
  const text = toast.values
    ? // eslint-disable-next-line @typescript-eslint/no-explicit-any -- keys come from our own code
      ((t as any)(toast.message, toast.values) as string)
    : translateMessage(t, toast.message);
  return (
    <div
      role="status"
      className={`mx-auto mt-4 flex max-w-5xl items-start justify-between gap-4 rounded-lg border px-4 py-3 print:hidden ${STYLES[toast.kind]}`}
    >
      <span>{text}</span>
      <button type="button" className="text-sm underline" onClick={() => setVisible(false)}>
        {t("common.close")}
      </button>
    </div>
  );
}
