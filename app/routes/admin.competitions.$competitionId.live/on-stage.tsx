import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CommandType } from "~/domain/pitch-machine";
import { Countdown, formatHundredths, lookup } from "~/live/live-ui";
import type { AckError, Snapshot } from "../../../realtime/events";
import { BUTTONS, type ButtonCommand } from "./commands";

/** Why the console refused or the server did: shown as live.refusals.<code>. */
export type ConsoleError = AckError | "offline";

/**
 * The pitch on stage: stage, clock, scoring progress, the revealed score, and the host's
 * buttons for what the state machine allows now (reopening scoring needs a reason).
 */
export function OnStage({
  snapshot: s,
  offset,
  canRun,
  available,
  busy,
  error,
  onRun,
  onReopen,
}: {
  snapshot: Snapshot;
  offset: number;
  canRun: boolean;
  available: CommandType[];
  busy: boolean;
  error: ConsoleError | null;
  onRun: (type: ButtonCommand) => void;
  /** Resolves true when scoring was reopened (the reason field then empties). */
  onReopen: (reason: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [reopenReason, setReopenReason] = useState("");
  const { state } = s;
  const { current } = lookup(s);
  const result = current ? s.results.find((r) => r.proposalId === current.id) : undefined;
  return (
    <section className="card" aria-live="polite">
      <p className="text-sm text-stone-500">
        {state.finished ? t("live.finished") : current ? t("live.current") : t("live.none")}
      </p>
      {current ? (
        <>
          <h2 className="mt-1 text-2xl font-semibold" data-testid="host-current">
            {current.title}
          </h2>
          <p className="text-stone-600">
            {current.communityName} · {current.brand}
          </p>
        </>
      ) : null}
      <div className="mt-4 flex flex-wrap items-baseline gap-6">
        <span
          className="rounded-full bg-brand-50 px-4 py-1 text-lg text-brand-700"
          data-testid="host-stage"
        >
          {t(`live.stages.${state.stage}`)}
        </span>
        <Countdown state={state} offset={offset} className="text-5xl font-bold" />
        {state.stage === "scoring" || state.stage === "closed" ? (
          <span className="text-lg" data-testid="host-progress">
            {t("live.progress", {
              submitted: s.progress?.submitted ?? 0,
              expected: s.progress?.expected ?? 0,
            })}
          </span>
        ) : null}
      </div>
      {result && state.stage === "revealed" ? (
        <p className="mt-4 text-4xl font-bold text-brand-700" data-testid="host-score">
          {formatHundredths(result.score)}
          <span className="ml-3 text-base font-normal text-stone-500">
            {t(`live.ruleApplied.${result.applied}`)}
          </span>
        </p>
      ) : null}
      {canRun ? (
        <div className="mt-6 flex flex-wrap gap-2" role="toolbar" aria-label={t("live.console")}>
          {BUTTONS.filter((b) => available.includes(b.type)).map((b) => (
            <button
              key={b.type}
              type="button"
              className={`${b.style} min-h-14 text-lg`}
              onClick={() => onRun(b.type)}
              disabled={busy}
            >
              {t(`live.commands.${b.type}`)}
              <kbd className="ml-1 rounded border border-current/30 px-1 text-xs opacity-70">
                {b.key}
              </kbd>
            </button>
          ))}
        </div>
      ) : null}
      {canRun && available.includes("reopenScoring") ? (
        <div className="mt-4 flex flex-wrap items-end gap-2 border-t border-stone-100 pt-4">
          <label className="block min-w-64 flex-1 text-sm">
            <span className="label">{t("live.reopenReason")}</span>
            <input
              className="input"
              value={reopenReason}
              maxLength={200}
              onChange={(e) => setReopenReason(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="btn-secondary min-h-11"
            onClick={() =>
              void onReopen(reopenReason).then((reopened) => reopened && setReopenReason(""))
            }
            disabled={busy}
          >
            {t("live.commands.reopenScoring")}
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 px-4 py-2 text-red-800">
          {t(`live.refusals.${error}` as "live.refusals.server", {
            defaultValue: t("live.refusals.server"),
          })}
        </p>
      ) : null}
    </section>
  );
}
