import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSandboxPb, MAX_SANDBOX_PROJECTS, runSandbox } from "./sandbox";

const EXAMPLE = fs.readFileSync(
  path.resolve(import.meta.dirname, "allocation/fixtures/pabulib/equalshares_example1.pb"),
  "utf8",
);

const selected = (r: ReturnType<typeof runSandbox>) =>
  r.ok ? r.rows.filter((x) => x.selected).map((x) => x.id) : null;

describe("the sandbox", () => {
  it("takes a Pabulib file, named by its description", () => {
    expect(checkSandboxPb(EXAMPLE, "x.pb")).toEqual({
      ok: true,
      name: "equalshares.net explanation page, Example 1 (transcribed from the page's table)",
      numProjects: 5,
      numVotes: 11,
    });
    expect(checkSandboxPb(EXAMPLE.replace(/description;.*\n/, ""), "mine.pb")).toMatchObject({
      name: "example-1",
    });
  });

  it("refuses what is not one, with the line and the reason", () => {
    expect(checkSandboxPb("hello")).toMatchObject({
      ok: false,
      message: "sandbox.badFileLine",
      values: { line: 1 },
    });
    expect(checkSandboxPb(EXAMPLE.replace("11;bike", "11;tram"))).toMatchObject({
      ok: false,
      message: "sandbox.badFileLine",
      values: { line: 31 },
    });
    expect(checkSandboxPb(`a\u0000b`)).toMatchObject({ ok: false, message: "sandbox.badFile" });
    const many = EXAMPLE.replace(
      "library;100;3;library for kids\n",
      `library;100;3;library for kids\n${Array.from({ length: MAX_SANDBOX_PROJECTS }, (_, i) => `x${i};1;0;x\n`).join("")}`,
    );
    expect(checkSandboxPb(many)).toMatchObject({ ok: false, message: "sandbox.tooManyProjects" });
  });

  it("runs the command's rules: equalshares.net's selections and explanation", () => {
    const mes = runSandbox(EXAMPLE, "equal-shares");
    expect(selected(mes)).toEqual(["bike", "playground", "library"]);
    expect(mes).toMatchObject({ ok: true, budget: "1100", voters: 11, perVoter: "100.00" });
    if (!mes.ok) throw new Error();
    expect(mes.rows.find((r) => r.id === "bike")).toMatchObject({ votes: 7, pay: "100.00" });
    expect(mes.rows.find((r) => r.id === "gym")?.left).toBeTruthy();
    expect(selected(runSandbox(EXAMPLE, "greedy"))).toEqual(["bike", "gym"]);
    expect(runSandbox(EXAMPLE, "equal-shares-add1").ok).toBe(true);
    expect(runSandbox(EXAMPLE, "equal-shares-add1", { maxRuns: 1 })).toMatchObject({
      ok: false,
      message: "sandbox.add1Limit",
    });
  });
});
