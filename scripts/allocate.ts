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
import { runAllocate } from "./allocate-command";

process.exitCode = runAllocate(process.argv.slice(2), {
  readFile: (file) => fs.readFileSync(file, "utf8"),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
