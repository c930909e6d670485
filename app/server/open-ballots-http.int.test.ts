/**
 * The Pabulib export and the street's sandbox over HTTP against the real server: the .pb only
 * after publishing (404 with a reason before), linked from the results page, reproducing the
 * published equal-shares selection with `npm run allocate`; /admin/sandbox for every role; bad
 * uploads refused beside the field in Chinese, never a 500; a sandbox is never public.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAllocate } from "../../scripts/allocate-command";
import { parsePb } from "../domain/allocation/pabulib";
import type { ResultOutput } from "../domain/results";
import { MAX_SANDBOX_BYTES } from "../domain/sandbox";
import {
  Browser,
  finishDemoShow,
  loggedIn,
  publishDraft,
  runDraft,
  startTestServer,
} from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let slug: string;
let receipts: string[];

const as = (username: string) => loggedIn(server.url, username);
const anonymous = () => new Browser(server.url);
const pbUrl = () => `/api/competitions/${competitionId}/ballots.pb`;
const EXAMPLE = fs.readFileSync(
  path.resolve("app/domain/allocation/fixtures/pabulib/equalshares_example1.pb"),
  "utf8",
);

beforeAll(async () => {
  server = await startTestServer();
  ({ competitionId, slug, receipts } = await finishDemoShow(server.services.db, {
    seed: "pb-http",
    ballots: 50,
    stations: [],
  }));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

function upload(browser: Browser, body: string | Blob, name = "ballots.pb") {
  const form = new FormData();
  form.set("intent", "import");
  form.set("file", typeof body === "string" ? new Blob([body]) : body, name);
  return browser.fetch("/admin/sandbox", { method: "POST", body: form });
}

describe("ballots.pb over HTTP", () => {
  it("is a 404 with a reason before publishing, and for an unknown id", async () => {
    const before = await anonymous().fetch(pbUrl());
    expect(before.status).toBe(404);
    expect(await before.text()).toContain("结果公示后才能下载");
    const unknown = await anonymous().fetch("/api/competitions/987654/ballots.pb");
    expect(unknown.status).toBe(404);
    expect((await anonymous().fetch("/api/competitions/abc/ballots.pb")).status).toBe(404);
  });

  it("after publishing: anyone downloads it, linked from the results page, and it reproduces the result", async () => {
    const admin = await as("admin");
    const runId = await runDraft(admin, competitionId, {
      rule: "equal-shares",
      completion: "none",
    });
    await publishDraft(admin, competitionId, runId);

    const res = await anonymous().fetch(pbUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/plain");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename=".+\.pb"/);
    const text = await res.text();
    const file = parsePb(text);
    expect(file.votes).toHaveLength(50);
    for (const r of receipts) expect(text).not.toContain(r);

    const open = await anonymous().fetch(`/api/competitions/${competitionId}/results`);
    const published = (await open.json()) as { output: ResultOutput; outputHash: string };
    expect(res.headers.get("X-Result-Hash")).toBe(published.outputHash);
    const expected = published.output.rows
      .filter((r) => r.reasons.some((x) => x.code === "mesSelected"))
      .map((r) => String(r.id))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const out: string[] = [];
    const code = runAllocate(
      ["--pb", "ballots.pb", "--rule", "equal-shares", "--completion", "add1"],
      { readFile: () => text, out: (l) => out.push(l), err: () => {} },
    );
    expect(code).toBe(0);
    expect(out.sort()).toEqual(expected);

    const page = await (await anonymous().fetch(`/p/${slug}/results`)).text();
    expect(page).toContain(`/api/competitions/${competitionId}/ballots.pb`);
    expect(page).toContain("Pabulib");
  });
});

describe("the sandbox page", () => {
  it("lets only the street upload; the observer reads; others are refused", async () => {
    const anon = await anonymous().fetch("/admin/sandbox");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toMatch(/^\/login/);
    for (const username of ["sec-lanyuan", "judge1", "clerk1", "partner-shop"]) {
      const b = await as(username);
      expect((await b.fetch("/admin/sandbox")).status, username).toBe(403);
      expect((await upload(b, EXAMPLE)).status, username).toBe(403);
    }
    const observer = await as("observer");
    const seen = await observer.fetch("/admin/sandbox");
    expect(seen.status).toBe(200);
    const html = await seen.text();
    expect(html).toContain("规则试算");
    expect(html).not.toContain('type="file"');
    expect((await upload(observer, EXAMPLE)).status).toBe(403);
    expect((await upload(anonymous(), EXAMPLE)).status).toBe(302);
  });

  it("imports a .pb and shows the equal-shares selection; the observer sees it too", async () => {
    const admin = await as("admin");
    const res = await upload(admin, EXAMPLE, "equalshares_example1.pb");
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/admin\/sandbox\?id=\d+$/);
    const id = Number(location.split("=")[1]);
    const page = await (await admin.fetch(`/admin/sandbox?id=${id}&rule=equal-shares`)).text();
    const selected = [
      ...page.matchAll(/data-selected="1"[^>]*>[\s\S]*?font-mono[^>]*>(\w+)</g),
    ].map((m) => m[1]);
    expect(selected.sort()).toEqual(["bike", "library", "playground"]);
    const greedy = await (await admin.fetch(`/admin/sandbox?id=${id}&rule=greedy`)).text();
    expect(
      [...greedy.matchAll(/data-selected="1"[^>]*>[\s\S]*?font-mono[^>]*>(\w+)</g)]
        .map((m) => m[1])
        .sort(),
    ).toEqual(["bike", "gym"]);
    const observer = await as("observer");
    expect(await (await observer.fetch(`/admin/sandbox?id=${id}`)).text()).toContain(
      "equalshares.net explanation page",
    );
  });

  it("refuses bad files beside the field in Chinese, never a 500", async () => {
    const admin = await as("admin");
    const cases: Array<[string | Blob, string]> = [
      ["hello", "不是有效的 Pabulib 文件"],
      [EXAMPLE.replace("11;bike", "11;tram"), "第 "],
      [new Blob([new Uint8Array(MAX_SANDBOX_BYTES + 10)]), "文件太大"],
      ["", "请选择一个 .pb 文件"],
    ];
    for (const [body, message] of cases) {
      const res = await upload(admin, body);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toMatch(/aria-invalid="true"/);
    }
    // Far past the cap: refused before it is read.
    const huge = await upload(admin, new Blob([new Uint8Array(2 * MAX_SANDBOX_BYTES + 200_000)]));
    expect(huge.status).toBe(413);
  });

  it("is never public: not on the home page, the competitions API or a results page", async () => {
    const admin = await as("admin");
    await upload(admin, EXAMPLE.replace("Example 1", "沙盒隐身测试"), "secret.pb");
    for (const url of ["/", "/api/competitions", `/p/${slug}`, "/admin/competitions"]) {
      const body = await (await admin.fetch(url)).text();
      expect(body, url).not.toContain("沙盒隐身测试");
    }
  });
});
