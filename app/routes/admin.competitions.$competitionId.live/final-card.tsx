import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Snapshot } from "../../../realtime/events";

/** The final reveal: put the published result on the big screen, or take it down. */
export function FinalCard({
  snapshot: s,
  publishedRunId,
  canRun,
  connected,
  busy,
  onShow,
}: {
  snapshot: Snapshot;
  publishedRunId: number | null;
  canRun: boolean;
  connected: boolean;
  busy: boolean;
  onShow: (show: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card space-y-3" data-testid="final-card">
      <h2 className="text-lg font-semibold">{t("results.screenTitle")}</h2>
      <p className="text-stone-600">
        {s.final
          ? t("results.finalShown", { id: s.final.runId })
          : publishedRunId
            ? t("results.finalReady", { id: publishedRunId })
            : t("live.refusals.noPublishedResult")}
      </p>
      {canRun ? (
        s.final ? (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => onShow(false)}
            disabled={busy || !connected}
          >
            {t("results.hideFinal")}
          </button>
        ) : publishedRunId ? (
          <button
            type="button"
            className="btn-primary min-h-14 text-lg"
            onClick={() => onShow(true)}
            disabled={busy || !connected}
          >
            {t("results.showFinal")}
          </button>
        ) : (
          <Link
            className="text-brand-700 underline"
            to={`/admin/competitions/${s.competition.id}/results`}
          >
            {t("results.publicTitle")} →
          </Link>
        )
      ) : null}
    </section>
  );
}
