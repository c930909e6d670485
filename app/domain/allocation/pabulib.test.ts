import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runAllocate } from "../../../scripts/allocate-command";
import { equalSharesAdd1, equalShares, greedyByVotes, groupBallots } from "./equal-shares";
import { formatPbAmount, parsePb, PbError, pbInstance, serializePb } from "./pabulib";
import { Q } from "./rational";

// Real Pabulib files, kept beside the tests (see fixtures/pabulib/README.md for their source).
const DIR = path.resolve(import.meta.dirname, "fixtures/pabulib");
const load = (name: string) => parsePb(fs.readFileSync(path.join(DIR, name), "utf8"));

function instance(name: string) {
  const file = load(name);
  const { projects, ballots, budget } = pbInstance(file);
  return { file, projects, groups: groupBallots(ballots), budget };
}

describe("Pabulib interop", () => {
  it("reproduces equalshares.net example 1: bike, playground, library", () => {
    const { projects, groups, budget } = instance("equalshares_example1.pb");
    const voters = groups.reduce((s, g) => s + g.weight, 0);
    expect(voters).toBe(11);
    const r = equalShares(projects, groups, Q.of(budget, voters));
    expect(r.selected).toEqual(["bike", "playground", "library"]);
    expect(greedyByVotes(projects, groups, budget).selected).toEqual(["bike", "gym"]);
  });

  it("reproduces equalshares.net example 2: gym, park, playground", () => {
    const { projects, groups, budget } = instance("equalshares_example2.pb");
    const r = equalShares(projects, groups, Q.of(budget, 11));
    expect(r.selected.sort()).toEqual(["gym", "park", "playground"].sort());
  });

  it("reproduces the official Wieliczka 2023 outcome with add1: 30 projects, 995,079 zł", () => {
    const { file, projects, groups, budget } = instance("poland_wieliczka_2023.pb");
    const r = equalSharesAdd1(projects, groups, budget, { step: 1n });
    const official = file.projects.filter((p) => p.selected === "1").map((p) => p.project_id);
    expect(official).toHaveLength(30);
    expect([...r.selected].sort()).toEqual([...official].sort());
    expect(r.cost).toBe(995_079n);
    expect(r.perVoter >= 309n && r.perVoter <= 315n).toBe(true);
    // ~1 s on a quiet machine; a bound for a busy one, not a speed test (bench:allocate times it).
  }, 60_000);

  it.each([
    "poland_gdynia_2020_babie-doly-large.pb",
    "poland_lodz_2020_nr-33.pb",
    "poland_warszawa_2019_nadwisle.pb",
    "poland_zabrze_2020_zandka.pb",
  ])("greedy reproduces vote-count greedy on %s", (name) => {
    const { file, projects, groups, budget } = instance(name);
    const r = greedyByVotes(projects, groups, budget);
    // Vote-count greedy, computed independently from the file's own vote column.
    const byVotes = [...file.projects].sort(
      (a, b) => Number(b.votes) - Number(a.votes) || Number(a.cost) - Number(b.cost),
    );
    let left = budget;
    const expected: string[] = [];
    for (const p of byVotes) {
      if (BigInt(p.cost) <= left) {
        expected.push(p.project_id);
        left -= BigInt(p.cost);
      }
    }
    // The file's vote column agrees with its ballots.
    for (const p of file.projects) {
      if (p.votes)
        expect(
          groups
            .filter((g) => g.approvals.includes(p.project_id))
            .reduce((s, g) => s + g.weight, 0),
        ).toBe(Number(p.votes));
    }
    expect(r.selected).toEqual(expected);
    expect(r.cost <= budget).toBe(true);
  });

  it("round-trips a file through serialise and parse", () => {
    const file = load("poland_lodz_2020_nr-33.pb");
    const again = parsePb(serializePb(file));
    expect(again.meta).toEqual(file.meta);
    expect(again.projects).toEqual(file.projects);
    expect(again.votes).toEqual(file.votes);
  });
});

/** A .pb text from its lines (line N of the file is lines[N - 1]). */
const pb = (...lines: string[]) => `${lines.join("\n")}\n`;
const META = ["META", "key;value", "budget;1000", "vote_type;approval"];
/** Lines 5–8: PROJECTS with 1 (100) and 2 (200); lines 9–12: VOTES. */
const GOOD = [
  ...META,
  "PROJECTS",
  "project_id;cost;name",
  "1;100;Bench",
  '2;200;"Lights; path"',
  "VOTES",
  "voter_id;vote",
  "1;1,2",
  "2;2",
];

function refusal(text: string) {
  try {
    parsePb(text);
  } catch (error) {
    if (error instanceof PbError) return { line: error.line, message: error.message };
    throw error;
  }
  return null;
}

describe("malformed .pb files are refused, naming the line", () => {
  it("reads a well-formed file (quoted fields, blank lines, CRLF)", () => {
    const file = parsePb(GOOD.join("\r\n").replace("VOTES", "\r\nVOTES"));
    expect(file.projects.map((p) => [p.project_id, p.cost, p.name])).toEqual([
      ["1", "100", "Bench"],
      ["2", "200", "Lights; path"],
    ]);
    expect(pbInstance(file).ballots).toEqual([["1", "2"], ["2"]]);
  });

  it.each([
    [
      "a project id listed twice",
      pb(...GOOD.slice(0, 8), "1;300;Again", ...GOOD.slice(8)),
      9,
      /project 1 is listed twice \(first on line 7\)/,
    ],
    [
      "a vote for a project not listed",
      pb(...GOOD.slice(0, 11), "2;2,7"),
      12,
      /voter 2 votes for project 7, which PROJECTS does not list/,
    ],
    [
      "the same project twice in one vote",
      pb(...GOOD.slice(0, 11), "2;2, 2"),
      12,
      /voter 2 approves project 2 twice/,
    ],
    ["a voter id listed twice", pb(...GOOD.slice(0, 11), "1;2"), 12, /voter 1 votes twice/],
    [
      "a row with too many fields",
      pb(...GOOD.slice(0, 7), "2;200;Lights;path", ...GOOD.slice(8)),
      8,
      /PROJECTS: 4 fields where the header has 3 \(project_id;cost;name\)/,
    ],
    [
      "a cost that is not a plain number",
      pb(...GOOD.slice(0, 7), "2;1e5;Lights", ...GOOD.slice(8)),
      8,
      /project 2: cost "1e5" is not a plain decimal number/,
    ],
    [
      "a negative cost",
      pb(...GOOD.slice(0, 6), "1;-100;Bench", ...GOOD.slice(7)),
      7,
      /cost "-100"/,
    ],
    [
      "a budget with a thousands separator",
      pb("META", "key;value", '"budget";"1,000"', ...GOOD.slice(4)),
      3,
      /budget "1,000"/,
    ],
    [
      "ballots that are not approval",
      pb("META", "key;value", "budget;1000", "vote_type;cumulative", ...GOOD.slice(4)),
      4,
      /only approval ballots/,
    ],
    [
      "a missing cost column",
      pb(...META, "PROJECTS", "project_id;name", "1;Bench", ...GOOD.slice(8)),
      6,
      /PROJECTS needs the column\(s\) cost/,
    ],
    ["a section twice", pb(...GOOD, "VOTES", "voter_id;vote"), 13, /section VOTES appears twice/],
    ["text before META", pb("hello", ...GOOD), 1, /expected a section name/],
    [
      "no budget",
      pb("META", "key;value", "vote_type;approval", ...GOOD.slice(4)),
      1,
      /META needs a budget/,
    ],
  ])("%s", (_, text, line, message) => {
    const r = refusal(text);
    expect(r).toMatchObject({ line });
    expect(r!.message).toMatch(message);
    expect(r!.message).toMatch(new RegExp(`^line ${line}: `));
  });

  it("refuses a file without its three sections", () => {
    expect(refusal(pb(...GOOD.slice(0, 8)))).toMatchObject({
      line: null,
      message: expect.stringMatching(/needs META, PROJECTS and VOTES sections \(no VOTES\)/),
    });
  });
});

describe("amounts are exact", () => {
  // Two projects of 100.5 and a budget of 201: pabutools, with exact amounts, buys both.
  const FRACTIONAL = pb(
    "META",
    "key;value",
    "budget;201",
    "vote_type;approval",
    "PROJECTS",
    "project_id;cost",
    "a;100.5",
    "b;100.5",
    "VOTES",
    "voter_id;vote",
    "1;a,b",
    "2;a,b",
  );

  it("reads decimals in the smallest unit used, never rounded: 100.5 and 100.5 fit in 201", () => {
    const { projects, ballots, budget, scale } = pbInstance(parsePb(FRACTIONAL));
    expect(scale).toBe(10n);
    expect(projects.map((p) => p.cost)).toEqual([1005n, 1005n]);
    expect(budget).toBe(2010n);
    const groups = groupBallots(ballots);
    expect(equalShares(projects, groups, Q.of(budget, 2)).selected).toEqual(["a", "b"]);
    expect(equalSharesAdd1(projects, groups, budget, { step: scale }).selected).toEqual(["a", "b"]);
    expect(greedyByVotes(projects, groups, budget).selected).toEqual(["a", "b"]);
    expect(formatPbAmount(2010n, scale)).toBe("201");
    expect(formatPbAmount(1005n, scale)).toBe("100.5");
    expect(formatPbAmount(7n, 1000n)).toBe("0.007");
  });

  it("keeps costs above 2^53 exact", () => {
    const big = "9007199254740993"; // 2^53 + 1: Number() makes it …992
    const { projects, budget } = pbInstance(
      parsePb(
        pb(
          "META",
          "key;value",
          `budget;${big}0`,
          "PROJECTS",
          "project_id;cost",
          `1;${big}`,
          `2;${big}`,
          "VOTES",
          "voter_id;vote",
          "1;1,2",
        ),
      ),
    );
    expect(projects[0]!.cost).toBe(9_007_199_254_740_993n);
    expect(greedyByVotes(projects, groupBallots([["1", "2"]]), budget).cost).toBe(
      18_014_398_509_481_986n,
    );
  });

  it("reads every real Pabulib file here without a complaint", () => {
    for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith(".pb")))
      expect(() => pbInstance(load(name))).not.toThrow();
  });
});

describe("npm run allocate", () => {
  // In-process: the command's code is one function; scripts/allocate.ts only wires it to the
  // process (no child process, no tsx at test time).
  const run = async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = runAllocate(args, {
      readFile: (file) => fs.readFileSync(file, "utf8"),
      out: (line) => (stdout += `${line}\n`),
      err: (line) => (stderr += `${line}\n`),
    });
    return { code, stdout, stderr };
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "allocate-"));
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("prints the selected ids, or JSON with the cost", async () => {
    const w = await run(
      "--pb",
      path.join(DIR, "poland_wieliczka_2023.pb"),
      "--rule",
      "equal-shares",
      "--completion",
      "add1",
      "--json",
    );
    const out = JSON.parse(w.stdout) as { selected: string[]; cost: number };
    expect(out.cost).toBe(995_079);
    expect(out.selected).toHaveLength(30);
    const ex = await run("--pb", path.join(DIR, "equalshares_example1.pb"), "--rule", "greedy");
    expect(ex.stdout.trim().split("\n")).toEqual(["bike", "gym"]);
    const bad = await run("--pb", "nope.pb", "--rule", "magic");
    expect(bad.code).toBe(64);
  }, 60_000);

  it("answers a malformed file with one line naming it and the line, never a stack trace", async () => {
    const file = write("duplicate.pb", pb(...GOOD.slice(0, 8), "1;300;Again", ...GOOD.slice(8)));
    for (const rule of ["equal-shares", "greedy"]) {
      const r = await run("--pb", file, "--rule", rule, "--completion", "add1");
      expect(r.code).toBe(65);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        `allocate: ${file}, line 9: project 1 is listed twice (first on line 7)\n`,
      );
    }
    const missing = await run("--pb", path.join(tmp, "missing.pb"), "--rule", "greedy");
    expect(missing.code).toBe(66);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
  }, 60_000);

  it("prints costs exactly: decimals and amounts above 2^53", async () => {
    const fractional = write(
      "fractional.pb",
      pb(
        "META",
        "key;value",
        "budget;201",
        "PROJECTS",
        "project_id;cost",
        "a;100.5",
        "b;100.5",
        "VOTES",
        "voter_id;vote",
        "1;a,b",
        "2;a,b",
      ),
    );
    const r = await run(
      "--pb",
      fractional,
      "--rule",
      "equal-shares",
      "--completion",
      "add1",
      "--json",
    );
    expect(r.stdout).toBe('{"selected":["a","b"],"cost":201}\n');
    const big = write(
      "big.pb",
      pb(
        "META",
        "key;value",
        "budget;90071992547409930",
        "PROJECTS",
        "project_id;cost",
        "1;9007199254740993",
        "2;9007199254740993",
        "VOTES",
        "voter_id;vote",
        "1;1,2",
      ),
    );
    const g = await run("--pb", big, "--rule", "greedy", "--json");
    expect(g.stdout).toBe('{"selected":["1","2"],"cost":18014398509481986}\n');
  }, 60_000);

  it("reaches the add1 outcome of the issue's case, or refuses past --max-runs with exit 70", async () => {
    const lonely = write(
      "lonely.pb",
      pb(
        "META",
        "key;value",
        "budget;2000000",
        "vote_type;approval",
        "PROJECTS",
        "project_id;cost",
        "x;100",
        "lonely;1500000",
        "VOTES",
        "voter_id;vote",
        "1;lonely",
        "2;x",
        "3;x",
      ),
    );
    const args = ["--pb", lonely, "--rule", "equal-shares", "--completion", "add1", "--json"];
    const r = await run(...args);
    expect(r.stdout).toBe('{"selected":["x","lonely"],"cost":1500100}\n');
    const refused = await run(...args, "--max-runs", "1");
    expect(refused.code).toBe(70);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      "allocate: add1 refused: 1 runs of the method reached a share of 666666 per voter without reaching its outcome\n",
    );
  }, 60_000);
});
