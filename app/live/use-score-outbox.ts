/**
 * The judge tablet's outbox as a hook: the waiting sheet in localStorage (per competition and
 * judge), sent over the page's socket; `flush` goes on the socket's connect. The queue logic
 * is in score-outbox.ts (tested without a browser).
 */
import { useMemo, useRef, useState } from "react";
import type { Acks, ScoreSubmit } from "../../realtime/events";
import { ScoreOutbox, type OutboxStore, type SendState } from "./score-outbox";
import { readJson, writeJson } from "./tablet-storage";
import type { Offline } from "./use-live";

const pendingKey = (competitionId: number, judgeId: number) =>
  `roadshow:pending-score:${competitionId}:${judgeId}`;

function localStore(key: string): OutboxStore {
  return {
    read: () => readJson<ScoreSubmit>(key),
    write: (sheet) => writeJson(key, sheet),
  };
}

export function useScoreOutbox(
  competitionId: number,
  judgeId: number,
  emit: (event: "score:submit", sheet: ScoreSubmit) => Promise<Acks["score:submit"] | Offline>,
) {
  const [state, setState] = useState<SendState>({ kind: "idle" });
  const emitRef = useRef(emit);
  emitRef.current = emit;
  const outbox = useMemo(
    () =>
      new ScoreOutbox(
        localStore(pendingKey(competitionId, judgeId)),
        (sheet) => emitRef.current("score:submit", sheet),
        setState,
      ),
    [competitionId, judgeId],
  );
  return {
    /** What the judge is told about the last sheet sent. */
    state,
    /** Shows a state of the judge's own (the server's sheet when a pitch comes on stage). */
    show: setState,
    submit: outbox.submit.bind(outbox),
    flush: outbox.flush.bind(outbox),
  };
}
