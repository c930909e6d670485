import { useTranslation } from "react-i18next";
import { formatHalfPoints } from "~/domain/judge-scoring";
import { Countdown, formatHundredths, lookup } from "~/live/live-ui";
import type { Snapshot } from "../../../realtime/events";

type Proposal = Snapshot["proposals"][number];
type Result = Snapshot["results"][number];

/** The big screen's main panel: the pitch on stage (clock, progress, score), else the run sheet. */
export function PitchPanel({
  snapshot,
  offset,
  many,
}: {
  snapshot: Snapshot;
  offset: number;
  /** More than 10 projects: tighter type so everything fits 1920×1080. */
  many: boolean;
}) {
  const { t } = useTranslation();
  const { state } = snapshot;
  const { byId, current } = lookup(snapshot);
  const result = current ? snapshot.results.find((r) => r.proposalId === current.id) : undefined;
  return (
    <section className={`flex min-h-0 flex-col rounded-3xl bg-stone-900 ${many ? "p-8" : "p-10"}`}>
      {current ? (
        <>
          <p className="text-4xl text-stone-300">{current.communityName}</p>
          <h2
            className={`mt-3 font-bold leading-tight ${many ? "line-clamp-2 text-6xl" : "text-7xl"}`}
            data-testid="screen-title"
          >
            {current.title}
          </h2>
          {current.brand ? <p className="mt-4 text-4xl text-amber-200">{current.brand}</p> : null}
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
              <RevealedScore result={result} many={many} />
            ) : null}
          </div>
        </>
      ) : (
        <RunSheet snapshot={snapshot} byId={byId} />
      )}
    </section>
  );
}

/** The revealed score, large, with every judge's total (dropped ones marked). */
function RevealedScore({ result, many }: { result: Result; many: boolean }) {
  const { t } = useTranslation();
  const manyJudges = result.judges.length > 10;
  return (
    <div className="w-full">
      <p className="text-3xl text-stone-300">{t(`live.ruleApplied.${result.applied}`)}</p>
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
  );
}

/** Between pitches: who is up next, and the order drawn. */
function RunSheet({ snapshot, byId }: { snapshot: Snapshot; byId: Map<number, Proposal> }) {
  const { t } = useTranslation();
  const { state } = snapshot;
  const nextUp =
    state.current === null && !state.finished
      ? byId.get(
          state.order.find((id) => !state.skipped.includes(id) && !state.revealed.includes(id)) ??
            -1,
        )
      : undefined;
  return (
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
        {state.order.map((id, i) => (
          <li
            key={id}
            className={
              state.revealed.includes(id) || state.skipped.includes(id) ? "text-stone-500" : ""
            }
          >
            <span className="mr-3 tabular-nums text-amber-300">{i + 1}.</span>
            {byId.get(id)?.communityName}
          </li>
        ))}
      </ol>
    </div>
  );
}
