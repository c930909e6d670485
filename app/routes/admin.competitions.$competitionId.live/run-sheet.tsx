import { Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showStarted } from "~/domain/pitch-machine";
import { ConnectionBadge, formatHundredths, lookup } from "~/live/live-ui";
import type { Snapshot } from "../../../realtime/events";

/**
 * The run sheet: the pitch order with each pitch's mark (stage, score, absent); before the show
 * the draw and the arrows that reorder by hand; a team marked absent can be brought back.
 */
export function RunSheet({
  snapshot: s,
  canRun,
  connected,
  busy,
  onUnskip,
  onMove,
  onDraw,
}: {
  snapshot: Snapshot;
  canRun: boolean;
  connected: boolean;
  busy: boolean;
  onUnskip: (proposalId: number) => void;
  onMove: (index: number, delta: number) => void;
  onDraw: (seed: string) => void;
}) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState("");
  const { state } = s;
  const { byId, current } = lookup(s);
  const started = showStarted(state);
  return (
    <section className="card h-fit" aria-labelledby="runsheet">
      <div className="flex items-center justify-between gap-2">
        <h2 id="runsheet" className="text-lg font-semibold">
          {t("live.runSheet")}
        </h2>
        <ConnectionBadge connected={connected} />
      </div>
      <p className="mt-1 text-sm text-stone-500">
        {s.draw
          ? s.draw.kind === "lot"
            ? t("live.drawnWith", { seed: s.draw.seed })
            : t("live.manualOrder")
          : t("live.notDrawn")}
      </p>
      <ol className="mt-3 space-y-1" data-testid="run-sheet">
        {state.order.map((id, i) => {
          const p = byId.get(id);
          const isCurrent = current?.id === id;
          const done = state.revealed.includes(id);
          const skipped = state.skipped.includes(id);
          const r = s.results.find((x) => x.proposalId === id);
          return (
            <li
              key={id}
              className={`flex items-center gap-2 rounded-lg px-2 py-1 ${isCurrent ? "bg-brand-50 font-semibold" : ""}`}
            >
              <span className="w-6 text-right tabular-nums text-stone-500">{i + 1}</span>
              <span className="min-w-0 flex-1 truncate" title={p?.title}>
                {p?.communityName}
              </span>
              {skipped && canRun && connected ? (
                <button
                  type="button"
                  className="shrink-0 rounded border border-brand-300 px-2 text-xs text-brand-700 hover:bg-brand-50"
                  onClick={() => onUnskip(id)}
                  disabled={busy}
                  aria-label={`${t("live.commands.unskip")} ${p?.communityName ?? ""}`}
                >
                  {t("live.commands.unskip")}
                </button>
              ) : null}
              <span className="shrink-0 text-xs text-stone-500">
                {skipped
                  ? t("live.skippedMark")
                  : done
                    ? formatHundredths(r?.score ?? null)
                    : isCurrent
                      ? t(`live.stages.${state.stage}`)
                      : ""}
              </span>
              {canRun && !started ? (
                <span className="flex shrink-0 gap-1">
                  <button
                    type="button"
                    className="rounded px-1 text-sm hover:bg-stone-100 disabled:opacity-30"
                    disabled={i === 0}
                    onClick={() => onMove(i, -1)}
                    aria-label={`${t("live.moveUp")} ${p?.communityName ?? ""}`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="rounded px-1 text-sm hover:bg-stone-100 disabled:opacity-30"
                    disabled={i === state.order.length - 1}
                    onClick={() => onMove(i, 1)}
                    aria-label={`${t("live.moveDown")} ${p?.communityName ?? ""}`}
                  >
                    ↓
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {canRun && !started ? (
        <div className="mt-4 space-y-2 border-t border-stone-100 pt-4">
          <label className="block text-sm">
            <span className="label">{t("live.drawSeed")}</span>
            <input
              className="input"
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              inputMode="numeric"
              maxLength={64}
            />
          </label>
          <button
            type="button"
            className="btn-secondary w-full"
            onClick={() => onDraw(seed)}
            disabled={!connected}
          >
            {t("live.drawButton")}
          </button>
        </div>
      ) : started ? (
        <p className="mt-3 text-xs text-stone-500">{t("live.orderLocked")}</p>
      ) : null}
      {canRun && state.skipped.length > 0 ? (
        <p className="mt-2 text-xs text-stone-500">{t("live.unskipHint")}</p>
      ) : null}
      <Link
        to={`/screen/${s.competition.slug}`}
        target="_blank"
        className="btn-secondary mt-4 w-full"
      >
        {t("live.openScreen")}
      </Link>
    </section>
  );
}
