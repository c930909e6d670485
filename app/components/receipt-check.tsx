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
