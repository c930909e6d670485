/** Every run of the competition, newest first: who ran it, why, and its hash. */
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/datetime";
import type { loader } from "./route";

export function RunList() {
  const { t } = useTranslation();
  const { runs } = useLoaderData<typeof loader>();
  if (!runs.length) return null;
  return (
    <section className="card">
      <h2 className="mb-2 text-lg font-semibold">{t("results.runs")}</h2>
      <ul className="space-y-1 text-sm" data-testid="runs">
        {runs.map((r) => (
          <li key={r.id}>
            {t("results.runLine", {
              id: r.id,
              status: t(`results.statuses.${r.status}`),
              at: formatDateTime(r.createdAt),
              by: r.createdBy ?? "—",
            })}
            {r.reason ? ` · ${r.reason}` : null}
            <span className="ml-2 font-mono text-xs text-stone-400">
              {r.outputHash.slice(0, 16)}…
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
