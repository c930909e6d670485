/** How anyone checks the published result: its hash, its audit entry, the chain head, the data. */
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
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
      <ResultHash label={t("results.hash")} hash={published.hash} />
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
      <ChainHead head={published.chainHead} />
      <OpenData competitionId={competition.id} className="print:hidden">
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
        {competition.exportsBallots ? (
          <li>
            <a
              className="text-brand-700 underline"
              href={`/api/competitions/${competition.id}/ballots.pb`}
              download
            >
              {t("results.exportBallotsPb")}
            </a>
          </li>
        ) : null}
      </OpenData>
    </section>
  );
}

/** The published result's hash, labelled. */
export function ResultHash({ label, hash }: { label: string; hash: string }) {
  return (
    <p className="text-sm">
      <span className="text-stone-500">{label}:</span>
      <span className="break-all font-mono text-xs" data-testid="result-hash">
        {hash}
      </span>
    </p>
  );
}

/** The audit chain's head when the result was published (seq, hash, time); nothing without. */
export function ChainHead({ head }: { head: { seq: number; hash: string; at: string } | null }) {
  const { t } = useTranslation();
  if (!head) return null;
  return (
    <p className="break-all text-sm text-stone-600" data-testid="chain-head">
      {t("results.chainHead", { seq: head.seq, hash: head.hash, time: formatDateTime(head.at) })}
    </p>
  );
}

/** How to check it: the hint, then the open data (JSON) and the `children` downloads. */
export function OpenData({
  competitionId,
  className = "",
  children,
}: {
  competitionId: number;
  /** Added to the hint and the list (`print:hidden` on the printed result). */
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className={`text-sm text-stone-500 ${className}`.trim()}>{t("results.verifyHint")}</p>
      <ul className={`flex flex-wrap gap-x-4 gap-y-1 text-sm ${className}`.trim()}>
        <li>
          <a
            className="text-brand-700 underline"
            href={`/api/competitions/${competitionId}/results`}
          >
            {t("results.openData")}
          </a>
        </li>
        {children}
      </ul>
    </>
  );
}
