import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Tally } from "../../realtime/events";

type TallyProject = Tally["projects"][number];

/** Votes per project, online and offline, most votes first (the ballot number stays visible). */
export function TallyTable({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  if (tally.rule === "rating") return <RatingTally tally={tally} />;
  const rows = [...tally.projects].sort((a, b) => b.total - a.total || a.number - b.number);
  const top = Math.max(1, ...rows.map((r) => r.total));
  return (
    <TallyFrame
      tally={tally}
      columns={
        <>
          <th className="text-right">{t("tally.online")}</th>
          <th className="text-right">{t("tally.offline")}</th>
          <th className="text-right">{t("tally.total")}</th>
        </>
      }
    >
      {rows.map((p) => (
        <tr key={p.id} data-proposal={p.id}>
          <ProjectCells p={p}>
            <div className="mt-1 h-1.5 rounded-full bg-stone-100">
              <div
                className="h-1.5 rounded-full bg-brand-600"
                style={{ width: `${(p.total / top) * 100}%` }}
              />
            </div>
          </ProjectCells>
          <td className="text-right tabular-nums">{p.online}</td>
          <td className="text-right tabular-nums">{p.offline}</td>
          <td className="text-right font-semibold tabular-nums">{p.total}</td>
        </tr>
      ))}
    </TallyFrame>
  );
}

/**
 * 效果共评 in rating mode: per project the mean, how many rated (online and on paper from the
 * confirmed stations), and how many gave 1…5.
 */
function RatingTally({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const mean = (m?: string) => (m && m !== "—" ? Number(m) : -1);
  const rows = [...tally.projects].sort(
    (a, b) => mean(b.mean) - mean(a.mean) || b.total - a.total || a.number - b.number,
  );
  return (
    <TallyFrame
      tally={tally}
      columns={
        <>
          <th className="text-right">{t("tally.mean")}</th>
          <th className="text-right">{t("tally.ratings")}</th>
          <th className="text-right">{t("tally.online")}</th>
          <th className="text-right">{t("tally.offline")}</th>
          {[1, 2, 3, 4, 5].map((n) => (
            <th key={n} className="text-right">
              {n}★
            </th>
          ))}
        </>
      }
    >
      {rows.map((p) => (
        <tr key={p.id} data-proposal={p.id}>
          <ProjectCells p={p} />
          <td className="text-right font-semibold tabular-nums" data-testid="tally-mean">
            {p.mean ?? "—"}
          </td>
          <td className="text-right tabular-nums">{p.total}</td>
          <td className="text-right tabular-nums text-stone-600">{p.online}</td>
          <td className="text-right tabular-nums text-stone-600" data-testid="tally-offline">
            {p.offline}
          </td>
          {(p.ratings ?? [0, 0, 0, 0, 0]).map((n, i) => (
            <td key={i} className="text-right tabular-nums text-stone-600">
              {n}
            </td>
          ))}
        </tr>
      ))}
    </TallyFrame>
  );
}

/** The table both modes share: number and project, then `columns`; the ballots counted below. */
function TallyFrame({
  tally,
  columns,
  children,
}: {
  tally: Tally;
  columns: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="tally-table">
        <thead>
          <tr>
            <th>{t("tally.number")}</th>
            <th>{t("tally.project")}</th>
            {columns}
          </tr>
        </thead>
        <tbody>{children}</tbody>
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

/** A project's ballot number and name (its community, its title), `children` below the name. */
function ProjectCells({ p, children }: { p: TallyProject; children?: ReactNode }) {
  return (
    <>
      <td className="tabular-nums">{p.number}</td>
      <td className="min-w-48">
        <div className="font-medium">{p.communityName}</div>
        <div className="text-xs text-stone-500">{p.title}</div>
        {children}
      </td>
    </>
  );
}
