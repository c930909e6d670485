/**
 * Holes found by attacking the server, each pinned over real HTTP against the built app:
 * CSV formula injection, open redirects, CSRF, oversized bodies, uploads served on our origin,
 * login IPs shown to observers.
 */
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function readCsv(bytes: ArrayBuffer) {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith("\uFEFF")).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe("CSV exports", () => {
  it("the needs export escapes formulae, multi-line ones too", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-lanyuan");
    const form = new FormData();
    form.append("intent", "import");
    const csv = Papa.unparse({
      fields: ["标题", "描述", "来源", "提出人数"],
      data: [
        ['=HYPERLINK("http://evil.example","详情")', "+1+1", "走访", "3"],
        ["@SUM(1+1)", '=cmd|" /C calc"!A0\n第二行', "走访", "2"],
      ],
    });
    form.append("file", new Blob([csv], { type: "text/csv" }), "needs.csv");
    expect((await sec.fetch("/secretary/needs", { method: "POST", body: form })).status).toBe(302);

    const rows = readCsv(await (await sec.fetch("/needs/export.csv")).arrayBuffer());
    const cells = rows.slice(1).flatMap((r) => [r[1], r[2]]);
    expect(cells).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("http://evil.example","详情")`,
        "'+1+1",
        "'@SUM(1+1)",
        `'=cmd|" /C calc"!A0\n第二行`,
      ]),
    );
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("redirects", () => {
  it("never leave the site from /language or /login", async () => {
    for (const target of ["/%09/evil.example", "/%5Cevil.example", "//evil.example"]) {
      const res = await fetch(`${server.url}/language?lng=en&redirectTo=${target}`, {
        redirect: "manual",
      });
      expect(res.headers.get("Location")).toBe("/");
    }
    const login = await new Browser(server.url).post("/login", {
      username: "admin",
      password: "huashan2026",
      redirectTo: "/\t/evil.example",
    });
    expect(login.headers.get("Location")).toBe("/admin");
  });
});
