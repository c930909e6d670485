import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FinalScreen } from "~/components/final-screen";
import { formatHalfPoints } from "~/domain/judge-scoring";
import { provisionalStanding } from "~/domain/ranking";
import { ConnectionBadge, Countdown, formatHundredths, lookup } from "~/live/live-ui";
import { useLive } from "~/live/use-live";
import { useTally } from "~/live/use-tally";
import { computeTally } from "~/models/ballot.server";
import { getCompetitionBySlug } from "~/models/competition.server";
import { buildSnapshot } from "~/models/live.server";
import { publicOrigin, qrSvg } from "~/utils/qr.server";

export const handle = { chromeless: true };

/** The big screen: public, no login, 1920×1080, readable from the back of the hall. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { db, config } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const voteUrl = `${publicOrigin(request, config.publicUrl)}/vote/${competition.slug}`;
  // The QR only where scanning it lets people vote (the registry check); with ballot cards
  // alone it would lead to a page telling them to scan their card.
  const registry = competition.verificationMode !== "token";
  return json({
    snapshot: await buildSnapshot(db, competition.id, "screen"),
    tally: await computeTally(db, competition.id),
    voteUrl,
    qr: registry ? await qrSvg(voteUrl, { margin: 1 }) : null,
  });
}

export default function BigScreen() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { snapshot, connected, offset, socket } = useLive(
    data.snapshot.competition.id,
    "screen",
    data.snapshot,
  );
  const tally = useTally(socket, data.tally, connected);
  if (!snapshot) return null;
  if (snapshot.final)
    return <FinalScreen title={snapshot.competition.title} final={snapshot.final} />;
  const { state } = snapshot;
  const { byId, current } = lookup(snapshot);
  const result = current ? snapshot.results.find((r) => r.proposalId === current.id) : undefined;
  const votesOf = new Map((tally?.projects ?? []).map((p) => [p.id, p.total]));
  const standing = provisionalStanding(
    snapshot.results
      .filter((r) => r.score !== null)
      .map((r) => ({ id: r.proposalId, judge: r.score, votes: votesOf.get(r.proposalId) ?? 0 })),
    snapshot.competition.judgeWeightPct,
  );
  const judgeScoreOf = new Map(snapshot.results.map((r) => [r.proposalId, r.score]));
  const ballots = tally ? tally.ballotsOnline + tally.ballotsOffline : 0;
  // Long lists go into two columns, still in large type.
  const twoColumns = standing.length > 10;
  // Past 10 projects the standing and the vote count become one table of every project
  // (ranked ones first, then those not yet scored, each with its votes), in two columns; the
  // page tightens so 30 projects and 15 judges still fit 1920×1080 in large type.
  const many = state.order.length > 10;
  const manyJudges = (result?.judges.length ?? 0) > 10;
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
  const howToVote = (
    <section
      className={`flex items-center rounded-3xl bg-white text-stone-900 ${many ? "gap-5 p-4" : "gap-6 p-6"}`}
      data-testid="how-to-vote"
    >
      {data.qr ? (
        <>
          <div
            className={`${many ? "size-36" : "size-48"} shrink-0`}
            dangerouslySetInnerHTML={{ __html: data.qr }}
            aria-label={data.voteUrl}
            role="img"
            data-testid="vote-qr"
          />
          <p className="text-4xl font-bold leading-snug">{t("live.scanToVote")}</p>
        </>
      ) : (
        <p className="text-4xl font-bold leading-snug">{t("live.voteWithCard")}</p>
      )}
    </section>
  );
  const nextUp =
    state.current === null && !state.finished
      ? byId.get(
          state.order.find((id) => !state.skipped.includes(id) && !state.revealed.includes(id)) ??
            -1,
        )
      : undefined;
  return (
    <main
      className={`flex h-dvh min-h-[720px] flex-col overflow-hidden bg-stone-950 text-white ${many ? "p-8" : "p-10"}`}
      data-testid="big-screen"
    >
      <header className="flex items-start justify-between gap-8">
        <div className={many ? "flex min-w-0 flex-wrap items-baseline gap-x-8" : ""}>
          <h1 className="text-5xl font-bold leading-tight">{snapshot.competition.title}</h1>
          <p className={`text-3xl text-amber-300 ${many ? "" : "mt-3"}`} data-testid="screen-stage">
            {state.finished
              ? t("live.finished")
              : current
                ? t(`live.stages.${state.stage}`)
                : t("live.none")}
          </p>
        </div>
        <ConnectionBadge connected={connected} />
      </header>

      <div
        className={`grid min-h-0 flex-1 ${many ? "mt-6 grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-8" : "mt-8 grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-10"}`}
      >
        <section
          className={`flex min-h-0 flex-col rounded-3xl bg-stone-900 ${many ? "p-8" : "p-10"}`}
        >
          {current ? (
            <>
              <p className="text-4xl text-stone-300">{current.communityName}</p>
              <h2
                className={`mt-3 font-bold leading-tight ${many ? "line-clamp-2 text-6xl" : "text-7xl"}`}
                data-testid="screen-title"
              >
                {current.title}
              </h2>
              {current.brand ? (
                <p className="mt-4 text-4xl text-amber-200">{current.brand}</p>
              ) : null}
              <div className="mt-auto flex items-end justify-between gap-8">
                {state.stage === "pitching" || state.stage === "qa" ? (
                  <Countdown
                    state={state}
                    offset={offset}
                    className="text-[10rem] leading-none font-bold"
                  />
                ) : null}
                {state.stage === "scoring" || state.stage === "closed" ? (
                  <p className="text-6xl" data-testid="screen-progress">
                    {t("live.progress", {
                      submitted: snapshot.progress?.submitted ?? 0,
                      expected: snapshot.progress?.expected ?? 0,
                    })}
                  </p>
                ) : null}
                {state.stage === "revealed" && result ? (
                  <div className="w-full">
                    <p className="text-3xl text-stone-300">
                      {t(`live.ruleApplied.${result.applied}`)}
                    </p>
                    <p
                      className={`leading-none font-bold text-amber-300 tabular-nums ${many || manyJudges ? "text-[8.5rem]" : "text-[11rem]"}`}
                      data-testid="screen-score"
                    >
                      {formatHundredths(result.score)}
                    </p>
                    <ul
                      className={`flex flex-wrap items-end font-semibold tabular-nums ${manyJudges ? "mt-4 gap-2 text-[40px]" : "mt-6 gap-3 text-5xl"}`}
                    >
                      {result.judges.map((j) => (
                        <li
                          key={j.judgeId}
                          className={`flex flex-col items-center rounded-xl leading-tight ${manyJudges ? "px-3 py-1" : "px-4 py-2"} ${j.dropped ? "border-4 border-dashed border-amber-400 text-amber-200" : "bg-stone-700"}`}
                          data-dropped={j.dropped ?? undefined}
                          data-testid="judge-chip"
                        >
                          {j.dropped ? (
                            <span className="text-2xl leading-tight">
                              {t(j.dropped === "high" ? "live.droppedHigh" : "live.droppedLow")}
                            </span>
                          ) : null}
                          <span
                            className={j.dropped ? "line-through decoration-4" : ""}
                            data-testid="judge-chip-score"
                          >
                            {formatHalfPoints(j.total / 50)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </>
          ) : (
            <div className="flex h-full flex-col">
              {nextUp ? (
                <p className="text-4xl text-stone-300">
                  {t("live.upNext")}:{nextUp.communityName} · {nextUp.title}
                </p>
              ) : null}
              <h2 className="mt-4 text-5xl font-bold">{t("live.runSheet")}</h2>
              {snapshot.draw?.kind === "lot" ? (
                <p className="mt-2 text-3xl text-stone-400">
                  {t("live.drawnWith", { seed: snapshot.draw.seed })}
                </p>
              ) : null}
              <ol className="mt-6 grid grid-cols-2 gap-x-10 gap-y-3 text-3xl">
                {state.order.map((id, i) => {
                  const p = byId.get(id);
                  return (
                    <li
                      key={id}
                      className={
                        state.revealed.includes(id) || state.skipped.includes(id)
                          ? "text-stone-500"
                          : ""
                      }
                    >
                      <span className="mr-3 tabular-nums text-amber-300">{i + 1}.</span>
                      {p?.communityName}
                    </li>
                  );
                })}
              </ol>
            </div>
          )}
        </section>

        <aside className={`flex min-h-0 flex-col ${many ? "gap-5" : "gap-6"}`}>
          {many ? (
            <section
              className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-3xl bg-stone-900 p-6"
              data-testid="standing-panel"
            >
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
                {tally && ballots > 0 ? (
                  <span className="text-3xl font-normal text-stone-200" data-testid="screen-tally">
                    {t("live.ballotsLabel")}{" "}
                    <span
                      className="font-bold tabular-nums text-white"
                      data-testid="screen-ballots"
                    >
                      {ballots}
                    </span>
                  </span>
                ) : null}
              </h2>
              <p className="mt-1 text-2xl text-stone-300">
                {t("live.standingRule", {
                  judges: snapshot.competition.judgeWeightPct,
                  residents: 100 - snapshot.competition.judgeWeightPct,
                })}
              </p>
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
                      <span
                        className="shrink-0 text-[28px] tabular-nums text-stone-300"
                        data-number
                      >
                        {t("live.judgeShort")} {formatHundredths(judgeScoreOf.get(row.id) ?? null)}
                      </span>
                    ) : null}
                    {tally ? (
                      <span
                        className="min-w-[3.2em] shrink-0 text-right text-[28px] tabular-nums text-stone-200"
                        data-number
                      >
                        <span data-testid={`screen-votes-${row.id}`}>
                          {votesOf.get(row.id) ?? 0}
                        </span>{" "}
                        {t("live.votesUnit")}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : (
            <>
              <section
                className="min-h-0 flex-1 overflow-hidden rounded-3xl bg-stone-900 p-6"
                data-testid="standing-panel"
              >
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
                </h2>
                <p className="mt-1 text-2xl text-stone-300">
                  {t("live.standingRule", {
                    judges: snapshot.competition.judgeWeightPct,
                    residents: 100 - snapshot.competition.judgeWeightPct,
                  })}
                </p>
                <ol
                  className={`mt-3 grid gap-x-6 gap-y-1 ${twoColumns ? "grid-cols-2 text-3xl" : "text-4xl"}`}
                  data-testid="leaderboard"
                >
                  {standing.map(({ id, rank, tied, combined }) => (
                    <li key={id} className="flex items-baseline justify-between gap-3">
                      <span className="min-w-0 truncate">
                        <span className="mr-2 tabular-nums text-amber-300">{rank}</span>
                        {byId.get(id)?.communityName}
                        {tied ? (
                          <span className="ml-2 text-2xl text-amber-200">{t("live.tie")}</span>
                        ) : null}
                      </span>
                      <span className="shrink-0 text-right tabular-nums" data-number>
                        <span className="font-bold">{combined}</span>
                        {!twoColumns ? (
                          <span className="ml-3 text-2xl text-stone-300">
                            {t("live.judgeShort")} {formatHundredths(judgeScoreOf.get(id) ?? null)}{" "}
                            · {t("live.votesShort", { count: votesOf.get(id) ?? 0 })}
                          </span>
                        ) : null}
                      </span>
                    </li>
                  ))}
                </ol>
              </section>
              {tally && ballots > 0 ? (
                <section
                  className="min-h-0 flex-1 overflow-hidden rounded-3xl bg-stone-900 p-6"
                  data-testid="tally-panel"
                >
                  <h2 className="flex flex-wrap items-baseline justify-between gap-x-4 text-4xl font-bold">
                    {t("tally.votes")}
                    <span className="text-3xl font-normal text-stone-200">
                      {t("live.ballotsLabel")}{" "}
                      <span
                        className="font-bold tabular-nums text-white"
                        data-testid="screen-ballots"
                      >
                        {ballots}
                      </span>
                    </span>
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
              ) : null}
              {howToVote}
            </>
          )}
          {many ? howToVote : null}
        </aside>
      </div>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.snapshot.competition.title ?? ""} · 大屏幕` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
