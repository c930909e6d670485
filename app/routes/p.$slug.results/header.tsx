/** The 公示's head: which period it runs, why it was republished, and what a reader can do. */
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/datetime";
import type { loader } from "./route";

export function NoticeHeader() {
  const { t } = useTranslation();
  const { competition, published } = useLoaderData<typeof loader>();
  if (!published) return null;
  const period = {
    from: formatDateTime(published.noticeStartsAt),
    to: formatDateTime(published.noticeEndsAt),
  };
  return (
    <header className="space-y-2">
      <p className="text-sm text-stone-500">{competition.title}</p>
      <h1 className="text-2xl font-bold leading-snug sm:text-3xl">
        <span className="hidden print:inline">{competition.title} · </span>
        {t("results.publicTitle")}
      </h1>
      <p
        className={`rounded-lg px-3 py-2 text-base print:bg-white print:p-0 ${
          published.notice === "open" ? "bg-amber-50 text-amber-950" : "bg-stone-100 text-stone-700"
        }`}
        data-testid="notice-period"
      >
        {t(
          published.notice === "open"
            ? "results.noticeOpen"
            : published.notice === "before"
              ? "results.noticeBefore"
              : "results.noticeAfter",
          period,
        )}
      </p>
      {published.reason ? (
        <p className="text-base text-stone-700">
          {t("results.reasonPublic", { reason: published.reason })}
        </p>
      ) : null}
      <p className="hidden text-xs print:block">
        {t("results.printedAt", { at: formatDateTime(published.publishedAt) })}
      </p>
      <div className="flex flex-wrap gap-3 print:hidden">
        <a href="#receipt" className="btn-secondary">
          {t("results.checkReceipt")}
        </a>
        {published.notice === "open" ? (
          <a href="#objection" className="btn-secondary">
            {t("results.fileObjection")}
          </a>
        ) : null}
        <a href={`/p/${competition.slug}/dashboard`} className="btn-secondary">
          {t("dashboard.publicLink")}
        </a>
        <PrintButton />
      </div>
    </header>
  );
}

function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn-secondary" onClick={() => window.print()}>
      {t("results.print")}
    </button>
  );
}
