/**
 * One socket per live page: joins the competition's room for this audience, keeps the latest
 * snapshot (full snapshots on join, reconnect and every change; progress deltas in between),
 * estimates the server clock offset for countdowns, and reports the connection state. After a
 * network blip or a server restart socket.io reconnects by itself and the page joins again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  SnapshotSchema,
  type Acks,
  type Audience,
  type ClientToServerEvents,
  type Payloads,
  type Progress,
  type ServerToClientEvents,
  type Snapshot,
} from "../../realtime/events";
import { measureOffset } from "./clock";

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The events a page sends after joining (answered with a per-event ack, see `Acks`). */
type HostEvent = Exclude<keyof Payloads, "live:join">;

/** No answer: the socket is down or the server did not reply in time. */
export type Offline = { ok: false; error: "offline" };
const OFFLINE: Offline = { ok: false, error: "offline" };

function offsetFrom(socket: LiveSocket) {
  return measureOffset(
    async () => (await socket.timeout(2000).emitWithAck("time:sync")).serverTime,
  ).then((r) => r?.offset ?? null);
}

export function useLive(
  competitionId: number,
  audience: Audience,
  initial: Snapshot | null,
  onConnect?: (socket: LiveSocket) => void,
) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(initial);
  const [connected, setConnected] = useState(false);
  const [offset, setOffset] = useState(() => (initial ? initial.serverTime - Date.now() : 0));
  const socketRef = useRef<LiveSocket | null>(null);
  const onConnectRef = useRef(onConnect);
  onConnectRef.current = onConnect;

  const accept = useCallback((next: Snapshot) => {
    // A snapshot never takes the show backwards (late packets after a reconnect).
    setSnapshot((prev) => (prev && prev.state.version > next.state.version ? prev : next));
  }, []);

  useEffect(() => {
    const socket: LiveSocket = io({ reconnectionDelay: 500, reconnectionDelayMax: 3000 });
    socketRef.current = socket;
    const join = async () => {
      const reply = await socket
        .timeout(10_000)
        .emitWithAck("live:join", { competitionId, audience })
        .catch(() => null);
      if (reply?.ok && reply.snapshot) {
        const parsed = SnapshotSchema.safeParse(reply.snapshot);
        if (parsed.success) setSnapshot(parsed.data);
      }
      const measured = await offsetFrom(socket);
      if (measured !== null) setOffset(measured);
      onConnectRef.current?.(socket);
    };
    socket.on("connect", () => {
      setConnected(true);
      void join();
    });
    socket.on("disconnect", () => setConnected(false));
    socket.on("live:snapshot", (payload) => {
      const parsed = SnapshotSchema.safeParse(payload);
      if (parsed.success) accept(parsed.data);
    });
    socket.on("live:progress", (progress: Progress) => {
      setSnapshot((prev) =>
        prev && prev.progress?.proposalId === progress.proposalId
          ? { ...prev, progress: { ...prev.progress, ...progress } }
          : prev,
      );
    });
    const resync = setInterval(() => {
      if (socket.connected) void offsetFrom(socket).then((m) => m !== null && setOffset(m));
    }, 60_000);
    return () => {
      clearInterval(resync);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [competitionId, audience, accept]);

  const emit = useCallback(
    async <E extends HostEvent>(event: E, payload: Payloads[E]): Promise<Acks[E] | Offline> => {
      const socket = socketRef.current;
      if (!socket?.connected) return OFFLINE;
      try {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event map types the payload above
        return (await (socket.timeout(10_000) as any).emitWithAck(event, payload)) as Acks[E];
      } catch {
        return OFFLINE;
      }
    },
    [],
  );

  return { snapshot, connected, offset, emit, socket: socketRef };
}

/** Re-renders every `ms` while mounted (for countdowns). */
export function useTick(ms = 200) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}
