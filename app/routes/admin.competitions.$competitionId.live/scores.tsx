import { useTranslation } from "react-i18next";
import { formatHalfPoints } from "~/domain/judge-scoring";
import { formatHundredths, leaderboard, lookup } from "~/live/live-ui";
import type { Snapshot } from "../../../realtime/events";

/** The panel on the pitch on stage: who has submitted, who is recused, and once revealed each total. */
export function JudgesPanel({ snapshot: s }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const { current } = lookup(s);
  if (!s.progress?.judges) return null;
  const result = current ? s.results.find((r) => r.proposalId === current.id) : undefined;
  return (
    <section className="card">
      <h2 className="mb-3 text-lg font-semibold">{t("live.judges")}</h2>
      <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4" data-testid="host-judges">
        {s.progress.judges.map((j) => {
          const line = result?.judges.find((x) => x.judgeId === j.id);
          return (
            <li
              key={j.id}
              className={`flex items-center justify-between rounded-lg border px-3 py-2 ${j.recused ? "border-stone-200 text-stone-400" : j.submitted ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}
              data-submitted={j.submitted}
            >
              <span>{j.name}</span>
              <span className="text-sm">
                {j.recused ? (
                  t("live.recusedMark")
                ) : line ? (
                  <span className={line.dropped ? "line-through" : ""}>
                    {formatHalfPoints(line.total / 50)}
                  </span>
                ) : j.submitted ? (
                  t("live.submittedMark")
                ) : (
                  t("live.waitingMark")
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The revealed projects ranked by the judges' score, ties shown as ties. */
export function Leaderboard({ snapshot: s }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const { byId } = lookup(s);
  return (
    <section className="card">
      <h2 className="mb-3 text-lg font-semibold">{t("live.leaderboard")}</h2>
      <ol className="space-y-1">
        {leaderboard(s).map(({ item, rank, tied }) => (
          <li key={item.proposalId} className="flex justify-between gap-3">
            <span>
              {t("live.rank", { rank })}
              {tied ? `(${t("live.tie")})` : ""} · {byId.get(item.proposalId)?.communityName}
            </span>
            <span className="tabular-nums">{formatHundredths(item.score)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
