/**
 * npm run allocate -- --pb FILE --rule greedy|equal-shares [--completion add1] [--json]
 * Runs an allocation rule on a Pabulib file and prints the selected project ids (one per line),
 * or with --json: {"selected": [...], "cost": N}. Anyone can check our rules against published
 * results this way.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import {
  equalShares,
  equalSharesAdd1,
  greedyByVotes,
  groupBallots,
} from "../app/domain/allocation/equal-shares";
import { parsePb, pbAmount, pbBallots, PbError } from "../app/domain/allocation/pabulib";
import { Q } from "../app/domain/allocation/rational";

const { values } = parseArgs({
  options: {
    pb: { type: "string" },
    rule: { type: "string" },
    completion: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
if (
  !values.pb ||
  (values.rule !== "greedy" && values.rule !== "equal-shares") ||
  (values.completion && values.completion !== "add1")
) {
  console.error(
    "usage: npm run allocate -- --pb FILE --rule greedy|equal-shares [--completion add1] [--json]",
  );
  process.exit(64);
}
try {
  const file = parsePb(fs.readFileSync(values.pb, "utf8"));
  const projects = file.projects.map((p) => ({ id: p.project_id, cost: pbAmount(p.cost) }));
  const groups = groupBallots(pbBallots(file));
  const budget = pbAmount(file.meta.budget!);
  const voters = groups.reduce((s, g) => s + g.weight, 0);
  const result =
    values.rule === "greedy"
      ? greedyByVotes(projects, groups, budget)
      : values.completion === "add1"
        ? equalSharesAdd1(projects, groups, budget, { step: 1n })
        : equalShares(projects, groups, Q.of(budget, Math.max(1, voters)));
  if (values.json)
    console.log(JSON.stringify({ selected: result.selected, cost: Number(result.cost) }));
  else for (const id of result.selected) console.log(id);
} catch (error) {
  if (error instanceof PbError || (error as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`allocate: ${(error as Error).message}`);
    process.exit(65);
  }
  throw error;
}
