/**
 * npm run bench:allocate — times the Method of Equal Shares with add1 completion (exact
 * arithmetic) on Wieliczka 2023 (64 projects, 6,586 voters) and on a generated instance of
 * 1,000 projects × 100,000 approval ballots. PROJECTS=… VOTERS=… RUNS=… to change it.
 */
import fs from "node:fs";
import path from "node:path";
import seedrandom from "seedrandom";
import { equalSharesAdd1, groupBallots } from "../app/domain/allocation/equal-shares";
import { parsePb, pbInstance } from "../app/domain/allocation/pabulib";

const RUNS = Number(process.env.RUNS ?? 5);
const PROJECTS = Number(process.env.PROJECTS ?? 1000);
const VOTERS = Number(process.env.VOTERS ?? 100_000);

function time<T>(fn: () => T) {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

const wieliczka = pbInstance(
  parsePb(
    fs.readFileSync(
      path.join(
        path.resolve(import.meta.dirname, "../app/domain/allocation/fixtures/pabulib"),
        "poland_wieliczka_2023.pb",
      ),
      "utf8",
    ),
  ),
);
const wProjects = wieliczka.projects;
const wGroups = groupBallots(wieliczka.ballots);
const wBudget = wieliczka.budget;
const times: number[] = [];
let last;
for (let i = 0; i < RUNS; i++) {
  const r = time(() => equalSharesAdd1(wProjects, wGroups, wBudget, { step: 1n }));
  times.push(r.ms);
  last = r.value;
}
times.sort((a, b) => a - b);
console.log(
  `Wieliczka 2023 (64 projects, 6,586 voters → ${wGroups.length} distinct ballots), equal shares + add1: ` +
    `min ${times[0]!.toFixed(0)} ms, median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms over ${RUNS} runs; ` +
    `${last!.selected.length} projects, ${last!.cost} zł, share ${last!.perVoter} zł after ${last!.steps} steps in ${last!.runs} runs`,
);

// A generated instance: popularity follows a skewed distribution; each voter approves 1–5 projects.
const rng = seedrandom("roadshow-bench-allocate");
const projects = Array.from({ length: PROJECTS }, (_, i) => ({
  id: `p${i}`,
  cost: BigInt(10_000 + Math.floor(rng() * 190_000)),
}));
const weightOf = projects.map((_, i) => 1 / (i + 1) ** 0.8);
const cumulative: number[] = [];
weightOf.reduce((s, w, i) => (cumulative[i] = s + w), 0);
const totalWeight = cumulative[cumulative.length - 1]!;
const pick = () => {
  const x = rng() * totalWeight;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return projects[lo]!.id;
};
const ballots = Array.from({ length: VOTERS }, () =>
  Array.from({ length: 1 + Math.floor(rng() * 5) }, pick),
);
const budget = projects.reduce((s, p) => s + p.cost, 0n) / 10n;
const grouped = time(() => groupBallots(ballots));
const big = time(() => equalSharesAdd1(projects, grouped.value, budget, { step: 1n }));
console.log(
  `generated (${PROJECTS} projects × ${VOTERS} ballots → ${grouped.value.length} distinct, budget ${budget}): grouping ${grouped.ms.toFixed(0)} ms, ` +
    `equal shares + add1 ${big.ms.toFixed(0)} ms; ${big.value.selected.length} projects, cost ${big.value.cost}, share ${big.value.perVoter} after ${big.value.steps} steps in ${big.value.runs} runs`,
);
