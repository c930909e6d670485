/**
 * The Pabulib export of a published round and the street's sandbox, on the database: the file
 * holds the online ballots anonymised, only once published; `npm run allocate` on it reproduces
 * the published equal-shares selection; a sandbox imports checked files only, is audited, and is
 * never a competition.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, competitions, sandboxes, users } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { runAllocate } from "../../scripts/allocate-command";
import { simulateFinishedShow } from "../../seeds/simulate";
import { parsePb, pbInstance } from "../domain/allocation/pabulib";
import type { ResultConfig, ResultOutput } from "../domain/results";
import { MAX_SANDBOX_PROJECTS } from "../domain/sandbox";
import { GREEDY, noticeWeek } from "../testing/results";
import { type Actor } from "./audit.server";
import { listCompetitions } from "./competition.server";
import { ballotsPb } from "./open-ballots.server";
import { getPublishedResult, publishRun, runResults } from "./results.server";
import { importSandbox, listSandboxes, runSandboxRule } from "./sandbox.server";
import { actorOf } from "./user.server";

const t = useTestDb({ seeded: true });

const EQUAL_SHARES: ResultConfig = {
  ...GREEDY,
  rule: { kind: "equal-shares", completion: "none" },
};

let competitionId: number;
let admin: Actor;
let receipts: string[];

beforeEach(async () => {
  const [c] = await t.db.select().from(competitions);
  competitionId = c!.id;
  const [a] = await t.db.select().from(users).where(eq(users.username, "admin"));
  admin = actorOf(a!);
  ({ receipts } = await simulateFinishedShow(t.db, competitionId, {
    seed: "pb-export",
    ballots: 60,
    stations: [],
  }));
});

async function publish(config: ResultConfig) {
  const run = await runResults(t.db, admin, competitionId, config, "");
  await publishRun(t.db, admin, competitionId, run.id, noticeWeek());
  return (await getPublishedResult(t.db, competitionId))!.output;
}

async function exported() {
  const r = await ballotsPb(t.db, competitionId);
  if (!r.ok) throw new Error(r.refusal);
  return r.text;
}

function allocate(text: string, ...args: string[]) {
  const out: string[] = [];
  const errors: string[] = [];
  const code = runAllocate(["--pb", "ballots.pb", ...args], {
    readFile: () => text,
    out: (l) => out.push(l),
    err: (l) => errors.push(l),
  });
  expect(errors).toEqual([]);
  expect(code).toBe(0);
  return out;
}

const mesSelected = (output: ResultOutput) =>
  output.rows
    .filter((r) => r.reasons.some((x) => x.code === "mesSelected"))
    .map((r) => String(r.id))
    .sort();

describe("a round's ballots as a Pabulib file", () => {
  it("is refused before the result is published, and for an unknown round", async () => {
    expect(await ballotsPb(t.db, competitionId)).toEqual({ ok: false, refusal: "notPublished" });
    await runResults(t.db, admin, competitionId, EQUAL_SHARES, "");
    expect(await ballotsPb(t.db, competitionId)).toEqual({ ok: false, refusal: "notPublished" });
    expect(await ballotsPb(t.db, 999_999)).toEqual({ ok: false, refusal: "notFound" });
  });

  it("is refused for a rating round: no approval ballots", async () => {
    await publish(GREEDY);
    await t.db
      .update(competitions)
      .set({ voteRule: "rating" })
      .where(eq(competitions.id, competitionId));
    expect(await ballotsPb(t.db, competitionId)).toEqual({ ok: false, refusal: "notApproval" });
  });

  it("holds every online ballot, anonymised, in 元", async () => {
    const output = await publish(EQUAL_SHARES);
    const text = await exported();
    const file = parsePb(text);
    const street = output.funds.find((f) => f.kind === "street")!;
    expect(file.meta).toMatchObject({
      vote_type: "approval",
      country: "China",
      num_votes: String(output.ballots.ballotsOnline),
      num_projects: String(file.projects.length),
    });
    expect(file.meta.unit).toBeTruthy();
    expect(Number(file.meta.budget) * 100).toBe(street.totalFen);
    expect(file.votes).toHaveLength(60);
    expect(file.votes.map((v) => v.voter_id)).toEqual(file.votes.map((_, i) => String(i + 1)));
    expect(Object.keys(file.projects[0]!)).toEqual(["project_id", "cost", "votes", "name"]);
    expect(Object.keys(file.votes[0]!)).toEqual(["voter_id", "vote"]);
    for (const receipt of receipts) expect(text).not.toContain(receipt);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // The votes column is the published online count of each project.
    for (const p of file.projects) {
      const row = output.rows.find((r) => String(r.id) === p.project_id)!;
      expect(Number(p.votes)).toBe(row.votes.online);
      expect(p.name).toBe(row.title);
    }
    // Shuffled afresh each time: the order says nothing.
    const orders = new Set<string>();
    for (let i = 0; i < 4; i++)
      orders.add(
        parsePb(await exported())
          .votes.map((v) => v.vote)
          .join("|"),
      );
    expect(orders.size).toBeGreaterThan(1);
  });

  it("reproduces the published equal-shares selection with npm run allocate (add1)", async () => {
    const output = await publish(EQUAL_SHARES);
    const published = mesSelected(output);
    expect(published.length).toBeGreaterThan(0);
    const text = await exported();
    const selected = allocate(text, "--rule", "equal-shares", "--completion", "add1");
    expect(selected.sort()).toEqual(published);
    // Street money went to exactly those projects.
    expect(
      output.rows
        .filter((r) => r.amounts.street > 0)
        .map((r) => String(r.id))
        .sort(),
    ).toEqual(published);
    // The file's instance: the same budget the app's rule had, in 元.
    const instance = pbInstance(parsePb(text));
    expect((instance.budget * 100n) / instance.scale).toBe(
      BigInt(output.funds.find((f) => f.kind === "street")!.totalFen),
    );
  });

  it("with the greedy completion, reproduces the equal-shares part before it", async () => {
    const output = await publish({
      ...EQUAL_SHARES,
      rule: { kind: "equal-shares", completion: "greedy" },
    });
    const published = mesSelected(output);
    expect(published.length).toBeGreaterThan(0);
    const text = await exported();
    expect(allocate(text, "--rule", "equal-shares", "--completion", "add1").sort()).toEqual(
      published,
    );
  });

  it("under greedy, reproduces the residents' online approvals (the money follows the combined ranking)", async () => {
    const output = await publish(GREEDY);
    const text = await exported();
    const file = parsePb(text);
    const approvals = new Map<string, number>();
    for (const v of pbInstance(file).ballots)
      for (const id of v) approvals.set(id, (approvals.get(id) ?? 0) + 1);
    for (const p of file.projects)
      expect(approvals.get(p.project_id) ?? 0).toBe(
        output.rows.find((r) => String(r.id) === p.project_id)!.votes.online,
      );
    // The command runs on it under greedy too (by online votes: not the published selection).
    const selected = allocate(text, "--rule", "greedy");
    expect(selected.length).toBeGreaterThan(0);
  });
});

const EXAMPLE = `META
key;value
description;示例 1
num_projects;3
num_votes;3
budget;1000
vote_type;approval
PROJECTS
project_id;cost;votes;name
a;600;2;甲
b;400;2;乙
c;300;1;丙
VOTES
voter_id;vote
1;a,b
2;a,c
3;b
`;

describe("sandboxes", () => {
  it("imports a checked file, audited, and runs the rules on it", async () => {
    const r = await importSandbox(t.db, admin, { text: EXAMPLE, fileName: "x.pb" });
    expect(r.ok).toBe(true);
    const id = (r as { id: number }).id;
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "sandbox.import"));
    expect(audit).toMatchObject({ subjectType: "sandbox", subjectId: String(id) });
    expect((await listSandboxes(t.db)).map((s) => s.name)).toEqual(["示例 1"]);
    const greedy = await runSandboxRule(t.db, id, "greedy");
    expect(greedy?.result).toMatchObject({ ok: true, budget: "1000", spent: "1000" });
    const mes = await runSandboxRule(t.db, id, "equal-shares-add1");
    expect(mes?.result.ok).toBe(true);
    expect(await runSandboxRule(t.db, id + 1000, "greedy")).toBeNull();
  });

  it("refuses bad files with a reason, storing nothing", async () => {
    const cases: Array<[string, string]> = [
      ["not a pb file", "sandbox.badFileLine"],
      [EXAMPLE.replace("VOTES", "VOTE"), "sandbox.badFile"],
      [EXAMPLE.replace("3;b", "3;z"), "sandbox.badFileLine"],
      [EXAMPLE.replace("budget;1000", "budget;12a"), "sandbox.badFileLine"],
      [EXAMPLE.replace("vote_type;approval", "vote_type;ordinal"), "sandbox.badFileLine"],
      [
        EXAMPLE.replace(
          "c;300;1;丙\n",
          `c;300;1;丙\n${Array.from({ length: MAX_SANDBOX_PROJECTS }, (_, i) => `p${i};1;0;x\n`).join("")}`,
        ),
        "sandbox.tooManyProjects",
      ],
    ];
    for (const [text, message] of cases) {
      const r = await importSandbox(t.db, admin, { text, fileName: "bad.pb" });
      expect(r, message).toMatchObject({ ok: false, message });
    }
    expect(await t.db.select().from(sandboxes)).toEqual([]);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "sandbox.import"))).toEqual(
      [],
    );
  });

  it("is never a competition: the lists are unchanged", async () => {
    const before = await listCompetitions(t.db);
    await importSandbox(t.db, admin, { text: EXAMPLE, fileName: "x.pb" });
    expect(await listCompetitions(t.db)).toEqual(before);
    expect(await t.db.select().from(competitions)).toHaveLength(before.length);
  });
});
