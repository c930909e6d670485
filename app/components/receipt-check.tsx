/**
 * The receipt check: a resident types the code from their receipt and reads whether that ballot
 * was counted (never what it chose). A GET form, so it works without JavaScript; the answer shows
 * right below the field.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "./vote-frame";

export function ReceiptCheck({
  name,
  code,
  counted,
  action,
}: {
  /** The query parameter the page reads the code from. */
  name: string;
  /** The code that was checked ("" when none). */
  code: string;
  /** Whether that code's ballot was counted; null before a check. */
  counted: boolean | null;
  /** Where to send the check (with a fragment to come back to the field); default this page. */
  action?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form
        method="get"
        action={action}
        preventScrollReset={action !== undefined}
        className="flex flex-wrap items-end gap-3"
      >
        <label className="min-w-0 flex-1">
          <span className="label">{t("vote.receiptInput")}</span>
          <input
            name={name}
            defaultValue={code}
            className="input font-mono text-xl uppercase"
            autoCapitalize="characters"
            autoComplete="off"
            required
          />
        </label>
        <button type="submit" className="btn-primary min-h-12">
          {t("vote.check")}
        </button>
      </Form>
      {/* Hidden while empty, so it adds no gap to the page's spacing. */}
      <div data-testid="receipt-answer" className="empty:hidden">
        {counted === true ? (
          <Notice tone="success">{t("vote.receiptCounted", { code })}</Notice>
        ) : null}
        {counted === false ? (
          <Notice tone="error">{t("vote.receiptNotFound", { code })}</Notice>
        ) : null}
      </div>
    </>
  );
}

/**
 * The results page's section where a resident checks a receipt: the answer shows here, where
 * they typed, as the page opens at this section with or without JavaScript (#receipt).
 */
export function ReceiptSection({
  slug,
  receipt,
  counted,
  className = "",
}: {
  slug: string;
  receipt: Parameters<typeof ReceiptCheck>[0]["code"];
  counted: Parameters<typeof ReceiptCheck>[0]["counted"];
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <section id="receipt" className={`card space-y-3 ${className}`.trim()}>
      <h2 className="text-xl font-semibold">{t("results.checkReceipt")}</h2>
      <p className="text-base text-stone-600">{t("results.receiptHint")}</p>
      <ReceiptCheck
        name="receipt"
        code={receipt}
        counted={counted}
        action={`/p/${slug}/results#receipt`}
      />
    </section>
  );
}
