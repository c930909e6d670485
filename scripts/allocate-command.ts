/** The allocate command as a function (scripts/allocate.ts runs it; tests call it in-process). */
import { parseArgs } from "node:util";
import { Add1LimitError } from "../app/domain/allocation/equal-shares";
import { formatPbAmount, parsePb, PbError, pbInstance } from "../app/domain/allocation/pabulib";
import { allocatePb } from "../app/domain/allocation/pb-rules";

const USAGE =
  "usage: npm run allocate -- --pb FILE --rule greedy|equal-shares [--completion add1 [--max-runs N]] [--json]";

/** What the command reads and writes: the process's files and streams, or a test's. */
interface AllocateIo {
  readFile(path: string): string;
  out(line: string): void;
  err(line: string): void;
}

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs the command on its arguments; returns the exit code. */
export function runAllocate(args: string[], io: AllocateIo): number {
  const fail = (message: string, code: number): never => {
    io.err(`allocate: ${message.replace(/\s*\n\s*/g, " ")}`);
    throw new Exit(code);
  };
  try {
    main(args, io, fail);
    return 0;
  } catch (error) {
    if (error instanceof Exit) return error.code;
    io.err(`allocate: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function main(args: string[], io: AllocateIo, fail: (message: string, code: number) => never) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
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
    text = io.readFile(values.pb);
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
  const { scale } = instance;
  let result;
  try {
    result = allocatePb(
      instance,
      values.rule === "greedy"
        ? "greedy"
        : values.completion === "add1"
          ? "equal-shares-add1"
          : "equal-shares",
      { maxRuns: values["max-runs"] ? Number(values["max-runs"]) : undefined },
    );
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
    io.out(
      `{"selected":${JSON.stringify(result.selected)},"cost":${formatPbAmount(result.cost, scale)}}`,
    );
  else for (const id of result.selected) io.out(id);
}
