/** The residents' tally, kept live over the page's socket (a few updates per second at most). */
import { useEffect, useState } from "react";
import { TallySchema, type Tally } from "../../realtime/events";
import type { LiveSocket } from "./use-live";

/**
 * The latest tally: from the socket, or from the page's own data when it reloads (after adding
 * a polling station, say). Whichever came last wins.
 */
export function useTally(
  socket: { current: LiveSocket | null },
  initial: Tally | null,
  connected: boolean,
) {
  const [tally, setTally] = useState<Tally | null>(initial);
  useEffect(() => {
    setTally(initial);
  }, [initial]);
  useEffect(() => {
    const s = socket.current;
    if (!s) return;
    const onTally = (payload: unknown) => {
      const parsed = TallySchema.safeParse(payload);
      if (parsed.success) setTally(parsed.data);
    };
    s.on("tally:update", onTally);
    return () => {
      s.off("tally:update", onTally);
    };
  }, [socket, connected]);
  return tally;
}
