/** Small pieces shared by the host console, the judge tablet and the big screen. */
import { useTranslation } from "react-i18next";
import { formatHundredths, rankByScore } from "~/domain/judge-scoring";
import { remainingMs, type LiveState } from "~/domain/pitch-machine";
import type { Snapshot } from "../../realtime/events";
import { useTick } from "./use-live";

function formatClock(ms: number) {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/** The stage countdown on the server's clock (offset = server − local). */
export function Countdown({
  state,
  offset,
  className = "",
}: {
  state: LiveState;
  offset: number;
  className?: string;
}) {
  const { t } = useTranslation();
  useTick(200);
  const left = remainingMs(state, Date.now() + offset);
  if (left === null) return null;
  const paused = state.pausedRemainingMs !== null;
  const over = left < 0;
  const warn = !over && left <= 30_000;
  return (
    <span
      className={`font-mono tabular-nums ${over ? "text-red-500" : warn ? "text-amber-500" : ""} ${className}`}
      data-testid="countdown"
      role="timer"
      aria-live="off"
    >
      {over ? t("live.overtime", { time: formatClock(left) }) : formatClock(left)}
      {paused ? <span className="ml-3 text-[0.5em] align-middle">{t("live.paused")}</span> : null}
    </span>
  );
}

export function ConnectionBadge({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      role="status"
      data-testid="connection"
      data-connected={connected}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm ${connected ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}
    >
      <span
        className={`size-2 rounded-full ${connected ? "bg-emerald-600" : "animate-pulse bg-red-600"}`}
      />
      {connected ? t("live.connection.online") : t("live.connection.offline")}
    </span>
  );
}

export function lookup(snapshot: Snapshot) {
  const byId = new Map(snapshot.proposals.map((p) => [p.id, p]));
  const current =
    snapshot.state.current === null
      ? null
      : (byId.get(snapshot.state.order[snapshot.state.current]!) ?? null);
  return { byId, current };
}

/** Revealed projects ranked by judge score, ties shown as ties. */
export function leaderboard(snapshot: Snapshot) {
  const scored = snapshot.results.filter((r) => r.score !== null);
  return rankByScore(scored, (r) => r.score!);
}

export { formatHundredths };
