/** How anyone checks the published result: its hash, its audit entry, the chain head, the data. */
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/datetime";
import type { loader } from "./route";

export function Verify() {
  const { t } = useTranslation();
  const { competition, published } = useLoaderData<typeof loader>();
  if (!published) return null;
  return (
    <section
      className="card space-y-2 print:border-0 print:p-0 print:shadow-none"
      data-testid="verify"
    >
      <p className="text-sm">
        <span className="text-stone-500">{t("results.hash")}:</span>
        <span className="break-all font-mono text-xs" data-testid="result-hash">
          {published.hash}
        </span>
      </p>
      {published.audit ? (
        <p className="text-sm">
          <span className="text-stone-500">
            {t("results.auditEntry", { id: published.audit.id })}
          </span>
          {" · "}
          {published.audit.hash ? (
            <span className="break-all font-mono text-xs">
              {t("results.auditChain")} {published.audit.hash}
            </span>
          ) : (
            <span className="text-stone-500">{t("results.auditPending")}</span>
          )}
        </p>
      ) : null}
      {published.chainHead ? (
        <p className="break-all text-sm text-stone-600" data-testid="chain-head">
          {t("results.chainHead", {
            seq: published.chainHead.seq,
            hash: published.chainHead.hash,
            time: formatDateTime(published.chainHead.at),
          })}
        </p>
      ) : null}
      <p className="text-sm text-stone-500 print:hidden">{t("results.verifyHint")}</p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm print:hidden">
        <li>
          <a
            className="text-brand-700 underline"
            href={`/api/competitions/${competition.id}/results`}
          >
            {t("results.openData")}
          </a>
        </li>
        {(["allocation", "scores", "tally"] as const).map((kind) => (
          <li key={kind}>
            <a
              className="text-brand-700 underline"
              href={`/api/competitions/${competition.id}/results/${kind}.xlsx`}
            >
              {t(
                `results.export${kind === "scores" ? "Scores" : kind === "tally" ? "Tally" : "Allocation"}`,
              )}
            </a>
            {" · "}
            <a
              className="text-brand-700 underline"
              href={`/api/competitions/${competition.id}/results/${kind}.csv`}
            >
              CSV
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
