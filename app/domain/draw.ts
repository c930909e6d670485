/**
 * 抽签: the pitch order drawn by lot, reproducibly. Anyone with the seed can replay it:
 * take the accepted proposals sorted by id, then a Fisher–Yates shuffle driven by
 * seedrandom(seed) (the ARC4-based default generator of the `seedrandom` package), where step
 * i (from the last position down) swaps position i with floor(random() × (i + 1)).
 */
import seedrandom from "seedrandom";

export function drawOrder(proposalIds: number[], seed: string): number[] {
  const order = [...proposalIds].sort((a, b) => a - b);
  const random = seedrandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A fresh public seed: 12 digits, easy to read aloud and to print on the screen. */
export function newSeed(randomInt: (max: number) => number): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += String(randomInt(10));
  return s;
}
