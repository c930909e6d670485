/**
 * The big screen of a 效果共评 round (1920×1080, read from the back of the hall), live like the
 * approval tally. Rating mode: per project the mean satisfaction to one decimal, how many rated
 * and a bar of how the ratings spread over 1–5 stars, sorted by mean. Approval mode: per project
 * the residents who chose it and their share of the ballots, most first. The same figures the
 * approval screen shows at any moment (the live tally of ballots cast so far), marked 暂定: the
 * published result is computed separately.
 */
import { useTranslation } from "react-i18next";
import {
  emptyDistribution,
  formatMeanTenths,
  liveStanding,
  RATING_LEVELS,
  type Distribution,
} from "~/domain/evaluation";
import { ConnectionBadge } from "~/live/live-ui";
import type { Tally } from "../../../realtime/events";
import { HowToVote } from "./how-to-vote";
import { ballotsIn } from "./standing";

/** Colours of the 1…5 star levels, red to green, readable on the dark screen. */
const LEVEL_COLOURS = ["#ef4444", "#f97316", "#facc15", "#84cc16", "#10b981"] as const;

type Row = Tally["projects"][number];

export function EvaluationScreen({
  title,
  tally,
  connected,
  qr,
  voteUrl,
}: {
  title: string;
  tally: Tally;
  connected: boolean;
  qr: string | null;
  voteUrl: string;
}) {
  const { t } = useTranslation();
  const rating = tally.rule === "rating";
  const rows = liveStanding(
    rating ? "rating" : "approval",
    tally.projects.map((p) => ({
      ...p,
      ratings: p.ratings as Distribution | undefined,
    })),
  );
  const ballots = ballotsIn(tally);
  // Up to 10 projects in one column with their titles, up to 15 with communities only, past 15
  // in two columns.
  const columns = rows.length > 15 ? 2 : 1;
  const perColumn = Math.ceil(rows.length / columns);
  const size: Size =
    columns === 2 ? "small" : perColumn <= 6 ? "large" : perColumn <= 10 ? "medium" : "compact";
  return (
    <main
      className="flex h-dvh min-h-[720px] flex-col overflow-hidden bg-stone-950 p-10 text-white"
      data-testid="big-screen"
      data-evaluation={tally.rule}
    >
      <header className="flex items-start justify-between gap-8">
        <div className="min-w-0">
          <h1 className="truncate text-5xl font-bold leading-tight">{title}</h1>
          <p className="mt-2 text-3xl text-amber-300">
            {rating ? t("evaluation.screen.ratingLine") : t("evaluation.screen.approvalLine")}
            <span
              className="ml-4 rounded-lg bg-amber-300 px-2 align-middle text-2xl text-stone-950"
              data-testid="provisional"
            >
              {t("live.provisional")}
            </span>
          </p>
        </div>
        <div className="flex shrink-0 items-start gap-6">
          <p className="text-3xl text-stone-200">
            {rating ? t("evaluation.screen.voters") : t("live.ballotsLabel")}{" "}
            <span className="font-bold tabular-nums text-white" data-testid="screen-ballots">
              {ballots}
            </span>
          </p>
          <ConnectionBadge connected={connected} />
        </div>
      </header>

      <div className="mt-6 grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_400px] gap-10">
        <section className="min-h-0 overflow-hidden rounded-3xl bg-stone-900 px-6 py-4">
          <ol
            className={`grid h-full grid-flow-col gap-x-8 ${size === "large" ? "content-start" : ""}`}
            style={{
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gridTemplateRows: `repeat(${perColumn}, ${size === "large" ? "auto" : "minmax(0, 1fr)"})`,
            }}
            data-testid="evaluation-standing"
          >
            {rows.map((p) =>
              rating ? (
                <RatingRow key={p.id} row={p} rank={p.rank} size={size} />
              ) : (
                <ApprovalRow key={p.id} row={p} rank={p.rank} ballots={ballots} size={size} />
              ),
            )}
          </ol>
        </section>
        <aside className="flex min-h-0 flex-col gap-6">
          {rating ? <Legend /> : <ApprovalNote />}
          <div className="mt-auto">
            <HowToVote
              qr={qr}
              voteUrl={voteUrl}
              compact={false}
              scanText={t("evaluation.screen.scan")}
              cardText={t("evaluation.screen.card")}
            />
          </div>
        </aside>
      </div>
    </main>
  );
}

/**
 * Type sizes: up to 6 rows (large), up to 10 (medium: each row about 78 px of the 790 the list
 * has at 1080), up to 15 in one column (compact: communities only, about 52 px a row), two
 * columns of up to 15 (small: communities only, without their ballot numbers).
 */
type Size = "large" | "medium" | "compact" | "small";
const SIZES = {
  large: {
    row: "py-4 gap-6",
    name: "text-4xl",
    sub: "text-2xl",
    mean: "text-7xl",
    bar: "h-9 w-80",
    figures: "flex-col items-end w-44",
  },
  medium: {
    row: "py-1 gap-5",
    name: "text-3xl",
    sub: "text-2xl",
    mean: "text-5xl",
    bar: "h-7 w-72",
    figures: "items-baseline justify-end gap-4 w-64",
  },
  compact: {
    row: "py-0.5 gap-5",
    name: "text-3xl",
    sub: "text-2xl",
    mean: "text-[40px]",
    bar: "h-7 w-72",
    figures: "items-baseline justify-end gap-4 w-64",
  },
  small: {
    row: "py-0.5 gap-4",
    name: "text-[28px]",
    sub: "text-xl",
    mean: "text-4xl",
    bar: "h-6 w-32",
    figures: "items-baseline justify-end gap-3 w-32",
  },
} as const;

function Name({ row, size }: { row: Row; size: Size }) {
  const { t } = useTranslation();
  const s = SIZES[size];
  return (
    <span className="min-w-0 flex-1">
      <span
        className={`block truncate font-semibold leading-tight ${s.name}`}
        data-testid="screen-name"
      >
        {size !== "small" ? (
          <span className="mr-2 tabular-nums text-stone-400">
            {t("vote.number", { n: row.number })}
          </span>
        ) : null}
        {row.communityName}
      </span>
      {size === "large" || size === "medium" ? (
        <span className={`block truncate leading-snug text-stone-300 ${s.sub}`}>{row.title}</span>
      ) : null}
    </span>
  );
}

function Rank({ rank, size }: { rank: number | null; size: Size }) {
  return (
    <span
      className={`w-12 shrink-0 text-right font-bold tabular-nums text-amber-300 ${SIZES[size].name}`}
    >
      {rank ?? "·"}
    </span>
  );
}

/** One project in rating mode: rank, name, the spread over 1–5 stars, the mean, how many rated. */
function RatingRow({ row, rank, size }: { row: Row; rank: number | null; size: Size }) {
  const { t } = useTranslation();
  const s = SIZES[size];
  const d = (row.ratings ?? emptyDistribution()) as Distribution;
  const count = d.reduce((a, n) => a + n, 0);
  return (
    <li
      className={`flex min-h-0 items-center border-b border-stone-800 last:border-b-0 ${s.row}`}
      data-proposal={row.id}
      data-count={count}
    >
      <Rank rank={rank} size={size} />
      <Name row={row} size={size} />
      <Spread distribution={d} count={count} className={s.bar} />
      <span className={`flex shrink-0 ${s.figures}`}>
        <span
          className={`font-bold tabular-nums leading-none ${count ? "text-amber-300" : "text-stone-500"} ${s.mean} ${size === "large" ? "" : "order-last"}`}
          data-testid={`screen-mean-${row.id}`}
        >
          {formatMeanTenths(d)}
        </span>
        <span className={`whitespace-nowrap tabular-nums text-stone-300 ${s.sub}`}>
          {count
            ? t(size === "small" ? "evaluation.screen.countShort" : "evaluation.screen.count", {
                count,
              })
            : t("evaluation.screen.noRatings")}
        </span>
      </span>
    </li>
  );
}
/** The share of each star level, as one bar (1 star on the left); empty when nobody rated. */
function Spread({
  distribution,
  count,
  className,
}: {
  distribution: Distribution;
  count: number;
  className: string;
}) {
  const { t } = useTranslation();
  const label = RATING_LEVELS.map((n, i) =>
    t("evaluation.screen.level", { n, count: distribution[i] }),
  ).join(",");
  return (
    <span
      className={`flex shrink-0 overflow-hidden rounded-lg bg-stone-800 ${className}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="screen-spread"
      data-distribution={distribution.join(",")}
    >
      {count
        ? distribution.map((n, i) =>
            n ? (
              <span
                key={i}
                style={{ width: `${(100 * n) / count}%`, backgroundColor: LEVEL_COLOURS[i] }}
              />
            ) : null,
          )
        : null}
    </span>
  );
}

/** What the bar's colours mean. */
function Legend() {
  const { t } = useTranslation();
  return (
    <section className="rounded-3xl bg-stone-900 p-6" data-testid="screen-legend">
      <h2 className="text-3xl font-bold">{t("evaluation.screen.legend")}</h2>
      <ul className="mt-4 grid grid-cols-1 gap-2 text-2xl">
        {[...RATING_LEVELS].reverse().map((n) => (
          <li key={n} className="flex items-center gap-3">
            <span
              className="inline-block size-7 rounded-md"
              style={{ backgroundColor: LEVEL_COLOURS[n - 1] }}
            />
            <span className="tabular-nums">{"★".repeat(n)}</span>
            <span className="text-stone-300">{t(`evaluation.screen.levels.l${n}`)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-xl text-stone-400">{t("evaluation.screen.sortNote")}</p>
    </section>
  );
}

/** One project in approval mode: rank, name, a bar of its share of the ballots, its votes. */
function ApprovalRow({
  row,
  rank,
  ballots,
  size,
}: {
  row: Row;
  rank: number | null;
  ballots: number;
  size: Size;
}) {
  const { t } = useTranslation();
  const s = SIZES[size];
  const share = ballots ? Math.floor((200 * row.total + ballots) / (2 * ballots)) : 0;
  return (
    <li
      className={`flex min-h-0 items-center border-b border-stone-800 last:border-b-0 ${s.row}`}
      data-proposal={row.id}
    >
      <Rank rank={rank} size={size} />
      <Name row={row} size={size} />
      <span
        className={`flex shrink-0 overflow-hidden rounded-lg bg-stone-800 ${s.bar}`}
        role="img"
        aria-label={t("evaluation.screen.share", { pct: share })}
      >
        <span className="bg-amber-300" style={{ width: `${Math.min(share, 100)}%` }} />
      </span>
      <span className={`flex shrink-0 ${s.figures}`}>
        <span
          className={`font-bold tabular-nums leading-none text-amber-300 ${s.mean} ${size === "large" ? "" : "order-last"}`}
          data-testid={`screen-votes-${row.id}`}
        >
          {row.total}
        </span>
        <span className={`whitespace-nowrap tabular-nums text-stone-300 ${s.sub}`}>
          {size === "small" ? `${share}%` : t("evaluation.screen.share", { pct: share })}
        </span>
      </span>
    </li>
  );
}

/** What the approval figures mean. */
function ApprovalNote() {
  const { t } = useTranslation();
  return (
    <section className="rounded-3xl bg-stone-900 p-6" data-testid="screen-legend">
      <h2 className="text-3xl font-bold">{t("evaluation.screen.noteTitle")}</h2>
      <p className="mt-3 text-2xl text-stone-300">{t("evaluation.screen.approvalNote")}</p>
    </section>
  );
}
