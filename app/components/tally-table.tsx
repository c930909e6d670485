import { useTranslation } from "react-i18next";
import type { Tally } from "../../realtime/events";

/** Votes per project, online and offline, most votes first (the ballot number stays visible). */
export function TallyTable({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const rows = [...tally.projects].sort((a, b) => b.total - a.total || a.number - b.number);
  const top = Math.max(1, ...rows.map((r) => r.total));
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="tally-table">
        <thead>
          <tr>
            <th>{t("tally.number")}</th>
            <th>{t("tally.project")}</th>
            <th className="text-right">{t("tally.online")}</th>
            <th className="text-right">{t("tally.offline")}</th>
            <th className="text-right">{t("tally.total")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} data-proposal={p.id}>
              <td className="tabular-nums">{p.number}</td>
              <td className="min-w-48">
                <div className="font-medium">{p.communityName}</div>
                <div className="text-xs text-stone-500">{p.title}</div>
                <div className="mt-1 h-1.5 rounded-full bg-stone-100">
                  <div
                    className="h-1.5 rounded-full bg-brand-600"
                    style={{ width: `${(p.total / top) * 100}%` }}
                  />
                </div>
              </td>
              <td className="text-right tabular-nums">{p.online}</td>
              <td className="text-right tabular-nums">{p.offline}</td>
              <td className="text-right font-semibold tabular-nums">{p.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-sm text-stone-500">
        {t("tally.summary", {
          online: tally.ballotsOnline,
          offline: tally.ballotsOffline,
          invalid: tally.invalidOffline,
          confirmed: tally.stationsConfirmed,
          stations: tally.stationsTotal,
        })}
      </p>
    </div>
  );
}
