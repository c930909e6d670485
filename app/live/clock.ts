/**
 * Server clock estimation for countdowns (Cristian's algorithm): ask the server for its time a
 * few times and trust the round trip with the smallest delay, assuming the reply took half of it.
 * The error is at most half that round trip.
 */
interface ClockSample {
  /** Local time when the request left. */
  sent: number;
  /** The server's time in the reply. */
  serverTime: number;
  /** Local time when the reply arrived. */
  received: number;
}

/** offset = server clock − local clock, from the tightest sample; null without samples. */
export function estimateOffset(
  samples: ClockSample[],
): { offset: number; maxErrorMs: number } | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.received - s.sent < best.received - best.sent) best = s;
  if (!best) return null;
  const rtt = best.received - best.sent;
  return { offset: best.serverTime + rtt / 2 - best.received, maxErrorMs: rtt / 2 };
}

/** Takes `count` samples through `ping` (which resolves to the server's time). */
export async function measureOffset(
  ping: () => Promise<number>,
  now: () => number = Date.now,
  count = 5,
) {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const sent = now();
    try {
      const serverTime = await ping();
      samples.push({ sent, serverTime, received: now() });
    } catch {
      break;
    }
  }
  return estimateOffset(samples);
}
