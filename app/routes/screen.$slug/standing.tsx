/**
 * The big screen's standing: judges' scores and residents' votes combined (provisional), and the
 * vote count. Up to 10 projects: a standing list and a vote list side by side; past 10, one
 * table of every project (ranked ones first, then those not yet scored, each with its votes).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { provisionalStanding } from "~/domain/ranking";
import { formatHundredths, lookup } from "~/live/live-ui";
import type { Snapshot, Tally } from "../../../realtime/events";

/** The standing and what its rows show, from the revealed scores and the latest tally. */
function standingOf(snapshot: Snapshot, tally: Tally | null) {
  const votesOf = new Map((tally?.projects ?? []).map((p) => [p.id, p.total]));
  const standing = provisionalStanding(
    snapshot.results
      .filter((r) => r.score !== null)
      .map((r) => ({ id: r.proposalId, judge: r.score, votes: votesOf.get(r.proposalId) ?? 0 })),
    snapshot.competition.judgeWeightPct,
  );
  const judgeScoreOf = new Map(snapshot.results.map((r) => [r.proposalId, r.score]));
  const { byId } = lookup(snapshot);
  return { standing, votesOf, judgeScoreOf, byId };
}

export function ballotsIn(tally: Tally | null) {
  return tally ? tally.ballotsOnline + tally.ballotsOffline : 0;
}

/** "Standing (provisional)", the rule that combines the two, and what goes beside the title. */
function StandingHeading({ judgeWeightPct, aside }: { judgeWeightPct: number; aside?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="flex flex-wrap items-baseline justify-between gap-x-4 text-4xl font-bold">
        <span>
          {t("live.standing")}
          <span
            className="ml-3 rounded-lg bg-amber-300 px-2 align-middle text-2xl text-stone-950"
            data-testid="provisional"
          >
            {t("live.provisional")}
          </span>
        </span>
        {aside}
      </h2>
      <p className="mt-1 text-2xl text-stone-300">
        {t("live.standingRule", { judges: judgeWeightPct, residents: 100 - judgeWeightPct })}
      </p>
    </>
  );
}

function BallotCount({ ballots, testId }: { ballots: number; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="text-3xl font-normal text-stone-200" data-testid={testId}>
      {t("live.ballotsLabel")}{" "}
      <span className="font-bold tabular-nums text-white" data-testid="screen-ballots">
        {ballots}
      </span>
    </span>
  );
}

/** Past 10 projects: one table of every project, in two columns past 15 rows. */
export function StandingTable({ snapshot, tally }: { snapshot: Snapshot; tally: Tally | null }) {
  const { t } = useTranslation();
  const { standing, votesOf, judgeScoreOf, byId } = standingOf(snapshot, tally);
  const ballots = ballotsIn(tally);
  const ranked = new Set(standing.map((s) => s.id));
  const unranked = [...(tally?.projects ?? [])]
    .filter((p) => !ranked.has(p.id))
    .sort((a, b) => b.total - a.total || a.number - b.number);
  const rows = [
    ...standing.map((s) => ({ ...s, ranked: true as const })),
    ...unranked.map((p) => ({ id: p.id, rank: null, tied: false, combined: null, ranked: false })),
  ];
  // Up to 15 rows fit one column, wide enough to show each judge score too.
  const tableColumns = rows.length > 15 ? 2 : 1;
  return (
    <section
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-3xl bg-stone-900 p-6"
      data-testid="standing-panel"
    >
      <StandingHeading
        judgeWeightPct={snapshot.competition.judgeWeightPct}
        aside={
          tally && ballots > 0 ? <BallotCount ballots={ballots} testId="screen-tally" /> : null
        }
      />
      <ol
        className="mt-3 grid grid-flow-col gap-x-8 text-[30px] leading-[1.2]"
        style={{
          gridTemplateColumns: `repeat(${tableColumns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${Math.ceil(rows.length / tableColumns)}, auto)`,
        }}
        data-testid="leaderboard"
      >
        {rows.map((row) => (
          <li
            key={row.id}
            className={`flex items-baseline gap-3 ${row.ranked ? "" : "text-stone-400"}`}
            data-ranked={row.ranked}
          >
            <span className="w-10 shrink-0 text-right tabular-nums text-amber-300">
              {row.rank ?? "·"}
            </span>
            <span className="min-w-0 flex-1 truncate">
              {byId.get(row.id)?.communityName}
              {row.tied ? (
                <span className="ml-2 text-2xl text-amber-200">{t("live.tie")}</span>
              ) : null}
            </span>
            <span className="shrink-0 text-right font-bold tabular-nums" data-number>
              {row.combined ?? (
                <span className="text-[28px] font-normal">{t("live.notRevealed")}</span>
              )}
            </span>
            {tableColumns === 1 && row.ranked ? (
              <span className="shrink-0 text-[28px] tabular-nums text-stone-300" data-number>
                {t("live.judgeShort")} {formatHundredths(judgeScoreOf.get(row.id) ?? null)}
              </span>
            ) : null}
            {tally ? (
              <span
                className="min-w-[3.2em] shrink-0 text-right text-[28px] tabular-nums text-stone-200"
                data-number
              >
                <span data-testid={`screen-votes-${row.id}`}>{votesOf.get(row.id) ?? 0}</span>{" "}
                {t("live.votesUnit")}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Up to 10 projects: the ranked ones, each with its judges' score and its votes. */
export function StandingList({ snapshot, tally }: { snapshot: Snapshot; tally: Tally | null }) {
  const { t } = useTranslation();
  const { standing, votesOf, judgeScoreOf, byId } = standingOf(snapshot, tally);
  // Long lists go into two columns, still in large type.
  const twoColumns = standing.length > 10;
  return (
    <section
      className="min-h-0 flex-1 overflow-hidden rounded-3xl bg-stone-900 p-6"
      data-testid="standing-panel"
    >
      <StandingHeading judgeWeightPct={snapshot.competition.judgeWeightPct} />
      <ol
        className={`mt-3 grid gap-x-6 gap-y-1 ${twoColumns ? "grid-cols-2 text-3xl" : "text-4xl"}`}
        data-testid="leaderboard"
      >
        {standing.map(({ id, rank, tied, combined }) => (
          <li key={id} className="flex items-baseline justify-between gap-3">
            <span className="min-w-0 truncate">
              <span className="mr-2 tabular-nums text-amber-300">{rank}</span>
              {byId.get(id)?.communityName}
              {tied ? <span className="ml-2 text-2xl text-amber-200">{t("live.tie")}</span> : null}
            </span>
            <span className="shrink-0 text-right tabular-nums" data-number>
              <span className="font-bold">{combined}</span>
              {!twoColumns ? (
                <span className="ml-3 text-2xl text-stone-300">
                  {t("live.judgeShort")} {formatHundredths(judgeScoreOf.get(id) ?? null)} ·{" "}
                  {t("live.votesShort", { count: votesOf.get(id) ?? 0 })}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Up to 10 projects: the residents' votes per project, most first. */
export function TallyPanel({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  return (
    <section
      className="min-h-0 flex-1 overflow-hidden rounded-3xl bg-stone-900 p-6"
      data-testid="tally-panel"
    >
      <h2 className="flex flex-wrap items-baseline justify-between gap-x-4 text-4xl font-bold">
        {t("tally.votes")}
        <BallotCount ballots={ballotsIn(tally)} />
      </h2>
      <ol
        className={`mt-3 grid gap-x-6 gap-y-1 ${tally.projects.length > 10 ? "grid-cols-2 text-3xl" : "text-4xl"}`}
        data-testid="screen-tally"
      >
        {[...tally.projects]
          .sort((a, b) => b.total - a.total || a.number - b.number)
          .map((p) => (
            <li
              key={p.id}
              className="flex items-baseline justify-between gap-3"
              data-proposal={p.id}
            >
              <span className="min-w-0 truncate">
                <span className="mr-2 tabular-nums text-amber-300">{p.number}</span>
                {p.communityName}
              </span>
              <span
                className="font-bold tabular-nums"
                data-testid={`screen-votes-${p.id}`}
                data-number
              >
                {p.total}
              </span>
            </li>
          ))}
      </ol>
    </section>
  );
}
