import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatHalfPoints } from "~/domain/judge-scoring";
import {
  availableCommands,
  showStarted,
  type CommandType,
  type HostCommand,
} from "~/domain/pitch-machine";
import { ConnectionBadge, Countdown, formatHundredths, leaderboard, lookup } from "~/live/live-ui";
import { useLive } from "~/live/use-live";
import { getCompetition } from "~/models/competition.server";
import { buildSnapshot } from "~/models/live.server";
import { publishedNotice } from "~/models/results.server";
import { requireUser } from "~/utils/auth.server";
import { idParam } from "~/utils/params";
import type { Snapshot } from "../../realtime/events";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const [snapshot, published] = await Promise.all([
    buildSnapshot(db, id, "host"),
    publishedNotice(db, id),
  ]);
  return json({
    snapshot,
    canRun: user.role === "street_admin",
    publishedRunId: published?.id ?? null,
  });
}

type ButtonCommand = Exclude<CommandType, "setOrder" | "unskip" | "reopenScoring">;

const BUTTONS: Array<{ type: ButtonCommand; key: string; style: string }> = [
  { type: "start", key: "S", style: "btn-primary" },
  { type: "startQa", key: "Q", style: "btn-primary" },
  { type: "openScoring", key: "O", style: "btn-primary" },
  { type: "closeScoring", key: "C", style: "btn-primary" },
  { type: "reveal", key: "R", style: "btn-primary" },
  { type: "next", key: "N", style: "btn-primary" },
  { type: "pause", key: "P", style: "btn-secondary" },
  { type: "resume", key: "P", style: "btn-secondary" },
  { type: "extend", key: "E", style: "btn-secondary" },
  { type: "skip", key: "K", style: "btn-secondary" },
];

export default function HostConsole() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const cid = data.snapshot.competition.id;
  const { snapshot, connected, offset, emit } = useLive(cid, "host", data.snapshot);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [seed, setSeed] = useState("");
  const [reopenReason, setReopenReason] = useState("");
  const s = snapshot as Snapshot;
  const { state } = s;
  const { byId, current } = lookup(s);
  const available = data.canRun && connected ? availableCommands(state) : [];
  const started = showStarted(state);

  async function run(type: ButtonCommand, allowMissing = false) {
    await send(type === "extend" ? { type, seconds: 60 } : { type }, allowMissing);
  }

  async function send(command: HostCommand, allowMissing = false): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setError(null);
    const reply = await emit("host:command", {
      competitionId: cid,
      command,
      expectedVersion: state.version,
      allowMissing,
    });
    setBusy(false);
    if (reply.ok) return true;
    if (reply.error === "judgesMissing" && Array.isArray(reply.detail)) {
      const names = (reply.detail as Array<{ name: string }>).map((j) => j.name).join("、");
      if (window.confirm(t("live.confirmMissing", { names }))) return send(command, true);
      return false;
    }
    setError(reply.error);
    return false;
  }

  async function reopen() {
    if (!reopenReason.trim()) return setError("reasonRequired");
    if (await send({ type: "reopenScoring", reason: reopenReason.trim() })) setReopenReason("");
  }

  async function draw() {
    setError(null);
    const reply = await emit("host:draw", { competitionId: cid, seed: seed || undefined });
    if (!reply.ok) setError(reply.error);
  }

  async function final(show: boolean) {
    setError(null);
    setBusy(true);
    const reply = await emit("host:final", { competitionId: cid, show });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
  }

  async function move(index: number, delta: number) {
    const order = [...state.order];
    const [item] = order.splice(index, 1);
    order.splice(index + delta, 0, item!);
    const reply = await emit("host:order", {
      competitionId: cid,
      order,
      expectedVersion: state.version,
    });
    if (!reply.ok) setError(reply.error);
  }

  // Keyboard shortcuts (ignored while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLTextAreaElement ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey
      )
        return;
      const key = e.key.toUpperCase();
      const match = BUTTONS.find((b) => b.key === key && available.includes(b.type));
      if (match) {
        e.preventDefault();
        void run(match.type);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const result = current ? s.results.find((r) => r.proposalId === current.id) : undefined;
  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
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
                {skipped && data.canRun && connected ? (
                  <button
                    type="button"
                    className="shrink-0 rounded border border-brand-300 px-2 text-xs text-brand-700 hover:bg-brand-50"
                    onClick={() => void send({ type: "unskip", proposalId: id })}
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
                {data.canRun && !started ? (
                  <span className="flex shrink-0 gap-1">
                    <button
                      type="button"
                      className="rounded px-1 text-sm hover:bg-stone-100 disabled:opacity-30"
                      disabled={i === 0}
                      onClick={() => void move(i, -1)}
                      aria-label={`${t("live.moveUp")} ${p?.communityName ?? ""}`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="rounded px-1 text-sm hover:bg-stone-100 disabled:opacity-30"
                      disabled={i === state.order.length - 1}
                      onClick={() => void move(i, 1)}
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
        {data.canRun && !started ? (
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
              onClick={() => void draw()}
              disabled={!connected}
            >
              {t("live.drawButton")}
            </button>
          </div>
        ) : started ? (
          <p className="mt-3 text-xs text-stone-500">{t("live.orderLocked")}</p>
        ) : null}
        {data.canRun && state.skipped.length > 0 ? (
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

      <div className="space-y-6">
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
          {data.canRun ? (
            <div
              className="mt-6 flex flex-wrap gap-2"
              role="toolbar"
              aria-label={t("live.console")}
            >
              {BUTTONS.filter((b) => available.includes(b.type)).map((b) => (
                <button
                  key={b.type}
                  type="button"
                  className={`${b.style} min-h-14 text-lg`}
                  onClick={() => void run(b.type)}
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
          {data.canRun && available.includes("reopenScoring") ? (
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
                onClick={() => void reopen()}
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

        {s.progress?.judges ? (
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
        ) : null}

        <section className="card space-y-3" data-testid="final-card">
          <h2 className="text-lg font-semibold">{t("results.screenTitle")}</h2>
          <p className="text-stone-600">
            {s.final
              ? t("results.finalShown", { id: s.final.runId })
              : data.publishedRunId
                ? t("results.finalReady", { id: data.publishedRunId })
                : t("live.refusals.noPublishedResult")}
          </p>
          {data.canRun ? (
            s.final ? (
              <button
                type="button"
                className="btn-secondary"
                onClick={() => void final(false)}
                disabled={busy || !connected}
              >
                {t("results.hideFinal")}
              </button>
            ) : data.publishedRunId ? (
              <button
                type="button"
                className="btn-primary min-h-14 text-lg"
                onClick={() => void final(true)}
                disabled={busy || !connected}
              >
                {t("results.showFinal")}
              </button>
            ) : (
              <Link className="text-brand-700 underline" to={`/admin/competitions/${cid}/results`}>
                {t("results.publicTitle")} →
              </Link>
            )
          ) : null}
        </section>

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
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
