import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { availableCommands, type HostCommand } from "~/domain/pitch-machine";
import { useLive } from "~/live/use-live";
import { buildSnapshot } from "~/models/live.server";
import { publishedNotice } from "~/models/results.server";
import { requireUser } from "~/server/auth.server";
import { routeCompetition } from "~/server/competition-route.server";
import type { Snapshot } from "../../../realtime/events";
import { BUTTONS, type ButtonCommand } from "./commands";
import { FinalCard } from "./final-card";
import { OnStage, type ConsoleError } from "./on-stage";
import { RunSheet } from "./run-sheet";
import { JudgesPanel, Leaderboard } from "./scores";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db, id } = await routeCompetition(args);
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

/**
 * The host console: runs the show over the socket (every command names the version it was
 * issued against), with keyboard shortcuts; observers see the same console without the buttons.
 */
export default function HostConsole() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const cid = data.snapshot.competition.id;
  const { snapshot, connected, offset, emit } = useLive(cid, "host", data.snapshot);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [busy, setBusy] = useState(false);
  const s = snapshot as Snapshot;
  const { state } = s;
  const available = data.canRun && connected ? availableCommands(state) : [];

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

  async function reopen(reason: string) {
    if (!reason.trim()) {
      setError("reasonRequired");
      return false;
    }
    return send({ type: "reopenScoring", reason: reason.trim() });
  }

  async function draw(seed: string) {
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

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <RunSheet
        snapshot={s}
        canRun={data.canRun}
        connected={connected}
        busy={busy}
        onUnskip={(proposalId) => void send({ type: "unskip", proposalId })}
        onMove={(index, delta) => void move(index, delta)}
        onDraw={(seed) => void draw(seed)}
      />
      <div className="space-y-6">
        <OnStage
          snapshot={s}
          offset={offset}
          canRun={data.canRun}
          available={available}
          busy={busy}
          error={error}
          onRun={(type) => void run(type)}
          onReopen={reopen}
        />
        <JudgesPanel snapshot={s} />
        <FinalCard
          snapshot={s}
          publishedRunId={data.publishedRunId}
          canRun={data.canRun}
          connected={connected}
          busy={busy}
          onShow={(show) => void final(show)}
        />
        <Leaderboard snapshot={s} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
