/**
 * npm run allocate -- --pb FILE --rule greedy|equal-shares [--completion add1 [--max-runs N]] [--json]
 * Runs an allocation rule on a Pabulib file and prints the selected project ids (one per line),
 * or with --json: {"selected": [...], "cost": N} (N exact, in the file's unit). Anyone can check
 * our rules against published results this way.
 *
 * A file it cannot read, or an outcome it cannot reach, is a one-line message on stderr and a
 * non-zero exit: 64 usage, 65 malformed file (the message names the line), 66 unreadable file,
 * 70 add1 refused (its limit of runs), 1 anything else.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import {
  Add1LimitError,
  equalShares,
  equalSharesAdd1,
  greedyByVotes,
  groupBallots,
} from "../app/domain/allocation/equal-shares";
import { formatPbAmount, parsePb, PbError, pbInstance } from "../app/domain/allocation/pabulib";
import { Q } from "../app/domain/allocation/rational";

const USAGE =
  "usage: npm run allocate -- --pb FILE --rule greedy|equal-shares [--completion add1 [--max-runs N]] [--json]";

function fail(message: string, code: number): never {
  console.error(`allocate: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exit(code);
}

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        pb: { type: "string" },
        rule: { type: "string" },
        completion: { type: "string" },
        "max-runs": { type: "string" },
        json: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`, 64);
  }
  if (
    !values.pb ||
    (values.rule !== "greedy" && values.rule !== "equal-shares") ||
    (values.completion && values.completion !== "add1") ||
    (values["max-runs"] !== undefined && !/^[1-9]\d*$/.test(values["max-runs"]))
  )
    fail(USAGE, 64);

  let text: string;
  try {
    text = fs.readFileSync(values.pb, "utf8");
  } catch (error) {
    fail(`cannot read ${values.pb}: ${(error as Error).message}`, 66);
  }
  let instance;
  try {
    instance = pbInstance(parsePb(text));
  } catch (error) {
    if (error instanceof PbError) fail(`${values.pb}, ${error.message}`, 65);
    throw error;
  }
  const { projects, ballots, budget, scale } = instance;
  const groups = groupBallots(ballots);
  const voters = groups.reduce((s, g) => s + g.weight, 0);
  let result;
  try {
    result =
      values.rule === "greedy"
        ? greedyByVotes(projects, groups, budget)
        : values.completion === "add1"
          ? // add1 raises the share 1 unit of the file's currency at a time.
            equalSharesAdd1(projects, groups, budget, {
              step: scale,
              maxRuns: values["max-runs"] ? Number(values["max-runs"]) : undefined,
            })
          : equalShares(projects, groups, Q.of(budget, Math.max(1, voters)));
  } catch (error) {
    if (error instanceof Add1LimitError)
      fail(
        `add1 refused: ${error.runs} runs of the method reached a share of ` +
          `${formatPbAmount(error.share, scale)} per voter without reaching its outcome`,
        70,
      );
    throw error;
  }
  if (values.json)
    // Written by hand: the cost is exact however large (JSON.stringify would need a Number).
    console.log(
      `{"selected":${JSON.stringify(result.selected)},"cost":${formatPbAmount(result.cost, scale)}}`,
    );
  else for (const id of result.selected) console.log(id);
}

try {
  main();
} catch (error) {
  fail(`internal error: ${error instanceof Error ? error.message : String(error)}`, 1);
}
