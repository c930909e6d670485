/**
 * Holes found by attacking the server, each pinned over real HTTP against the built app:
 * CSV formula injection, open redirects, CSRF, oversized bodies, uploads served on our origin,
 * login IPs shown to observers.
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { competitions, proposalDeckFiles, proposals } from "../../db/schema";
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

let draftId: number | undefined;
/** A draft of sec-chunhe's (its editor, autosave and deck routes), made once. */
async function chunheProposal() {
  if (draftId) return draftId;
  const [c] = await server.services.db.select().from(competitions);
  const sec = new Browser(server.url);
  await sec.login("sec-chunhe");
  const res = await sec.post("/secretary/proposals", {
    intent: "create",
    competitionId: String(c!.id),
    title: "安全测试草稿",
  });
  expect(res.status).toBe(302);
  draftId = Number(res.headers.get("Location")!.split("/").pop());
  return draftId;
}

describe("CSRF: state changes only from our own pages", () => {
  const EVIL = "http://evil.example";

  it("refuses a foreign Origin on forms, ?_data=, resource routes and the voting API", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const id = await chunheProposal();
    const foreign = { Origin: EVIL, "Content-Type": "application/x-www-form-urlencoded" };
    const attempts: Array<[string, RequestInit]> = [
      ["/login", { body: "username=admin&password=huashan2026" }],
      ["/login?_data=routes%2Flogin", { body: "username=admin&password=huashan2026" }],
      [`/secretary/proposals/${id}/autosave`, { body: "title=hijacked" }],
      [`/secretary/proposals/${id}/deck`, { body: "intent=remove&fileId=1" }],
      [
        `/secretary/proposals/${id}?_data=routes%2Fsecretary.proposals.%24proposalId`,
        { body: "intent=submit" },
      ],
      ["/logout", { body: "" }],
      [`/api/ballots/${"x".repeat(30)}`, { body: "choice=1" }],
    ];
    for (const [path, init] of attempts) {
      const res = await sec.fetch(path, { method: "POST", headers: foreign, ...init });
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toMatchObject({
        ok: false,
        error: "crossOrigin",
        message: expect.stringContaining("其他网站"),
      });
    }
    // Nothing happened: still logged in, the draft unchanged.
    expect((await sec.fetch("/secretary")).status).toBe(200);
    const [p] = await server.services.db
      .select({ title: proposals.title })
      .from(proposals)
      .where(eq(proposals.id, id));
    expect(p!.title).not.toBe("hijacked");
  });

  it("answers a navigation with a Chinese page", async () => {
    const res = await raw(
      "/login",
      {
        Origin: EVIL,
        "Sec-Fetch-Mode": "navigate",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      "username=admin&password=huashan2026",
    );
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("请求被拒绝");
    expect(res.body).toContain("这个请求来自其他网站");
  });

  it.each([
    ["a foreign Referer", { Referer: `${EVIL}/page` }],
    ["Origin: null", { Origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "Sec-Fetch-Site": "same-site" }],
    ["an own Origin but a cross-site fetch", { Origin: "SELF", "Sec-Fetch-Site": "cross-site" }],
    ["an Origin on another port", { Origin: "http://localhost:1" }],
  ])("refuses %s", async (_name, headers: Record<string, string>) => {
    const h = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v === "SELF" ? server.url : v]),
    );
    const res = await new Browser(server.url).fetch("/logout", { method: "POST", headers: h });
    expect(res.status).toBe(403);
  });

  it.each([
    ["our own Origin", { Origin: "SELF", "Sec-Fetch-Site": "same-origin" }],
    ["our own Referer", { Referer: "SELF/secretary" }],
    ["no browser headers (kiosks, scripts)", {}],
  ])("lets %s through", async (_name, headers: Record<string, string>) => {
    const h = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace("SELF", server.url)]),
    );
    const b = new Browser(server.url);
    const res = await b.fetch("/login", {
      method: "POST",
      headers: { ...h, "Content-Type": "application/x-www-form-urlencoded" },
      body: "username=judge1&password=huashan2026",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/judge");
  });
});

/** A POST as a browser would send it (fetch() sets Sec-Fetch-Mode itself). */
function raw(path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(new URL(path, server.url), { method: "POST", headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      });
      req.on("error", reject);
      req.end(body);
    },
  );
}

/** Sends `total` bytes to `path` (declared, or chunked) without holding them in memory. */
function sendHuge(path: string, total: number, declared: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = http.request(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
        ...(declared ? { "Content-Length": String(total) } : {}),
      },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may close while we still send: only an answer counts.
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("body limits before Remix", () => {
  it.each([
    ["declared", true],
    ["chunked", false],
  ])("refuses an anonymous 150 MB POST to /login (%s) without holding it", async (_n, declared) => {
    await sendHuge("/login", 2 * 1024 * 1024, declared as boolean); // warm up
    const before = process.memoryUsage().rss;
    const res = await sendHuge("/login", 150 * 1024 * 1024, declared as boolean);
    const grown = process.memoryUsage().rss - before;
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: "tooLarge" });
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    // The server still answers.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses a form over 1 MB with a Chinese page", async () => {
    const res = await raw(
      "/login",
      { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      `username=admin&password=${"x".repeat(1024 * 1024)}`,
    );
    expect(res.status).toBe(413);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("内容过大");
    expect(res.body).toContain("超过 1 MB 的上限");
  });

  it("refuses a 21 MB deck upload and takes a small one", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const id = await chunheProposal();
    const upload = (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.append("intent", "upload");
      form.append("files", new Blob([bytes], { type: "application/pdf" }), "deck.pdf");
      return sec.fetch(`/secretary/proposals/${id}/deck`, { method: "POST", body: form });
    };
    const pdf = (size: number) => {
      const b = new Uint8Array(size);
      b.set(new TextEncoder().encode("%PDF-1.4\n"));
      return b;
    };
    const big = await upload(pdf(21 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("20 MB");
    const small = await upload(pdf(64 * 1024));
    expect(small.status).toBe(302);
    const stored = await server.services.db
      .select()
      .from(proposalDeckFiles)
      .where(eq(proposalDeckFiles.proposalId, id));
    expect(stored.map((f) => f.sizeBytes)).toContain(64 * 1024);
  });
});

/** GET as a browser would (fetch() cannot send every Fetch Metadata header). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(new URL(path, server.url), { headers }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on("error", reject);
  });
}

describe("uploaded files on our origin", () => {
  it("serve a PDF/HTML polyglot as a download unless our own page shows it, never sniffed", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const id = await chunheProposal();
    const polyglot = new TextEncoder().encode(
      "%PDF-1.4\n<html><body><script>fetch('/admin?x='+document.cookie)</script></body></html>\n%%EOF\n",
    );
    const form = new FormData();
    form.append("intent", "upload");
    form.append("files", new Blob([polyglot], { type: "application/pdf" }), "slides.pdf");
    const up = await sec.fetch(`/secretary/proposals/${id}/deck`, { method: "POST", body: form });
    expect(up.status).toBe(302);
    const [file] = await server.services.db
      .select()
      .from(proposalDeckFiles)
      .where(eq(proposalDeckFiles.proposalId, id));
    expect(file!.mime).toBe("application/pdf");
    const path = `/files/${file!.sha256}`;
    const cookie = { Cookie: sec.cookieHeader };

    const cases: Array<[string, Record<string, string>, string]> = [
      ["no Fetch Metadata (old or unknown client)", {}, "attachment"],
      [
        "another site's link",
        { "Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "cross-site" },
        "attachment",
      ],
      [
        "another site's frame",
        { "Sec-Fetch-Dest": "iframe", "Sec-Fetch-Site": "cross-site" },
        "attachment",
      ],
      ["a fetch()", { "Sec-Fetch-Dest": "empty", "Sec-Fetch-Site": "same-origin" }, "attachment"],
      [
        "our page's viewer",
        { "Sec-Fetch-Dest": "iframe", "Sec-Fetch-Site": "same-origin" },
        "inline",
      ],
      [
        "our page's link",
        { "Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "same-origin" },
        "inline",
      ],
    ];
    for (const [name, headers, disposition] of cases) {
      const res = await rawGet(path, { ...cookie, ...headers });
      expect(res.statusCode, name).toBe(200);
      expect(res.headers["content-type"], name).toBe("application/pdf");
      expect(res.headers["x-content-type-options"], name).toBe("nosniff");
      expect(res.headers["content-disposition"], name).toMatch(new RegExp(`^${disposition}; `));
      expect(res.headers["vary"], name).toContain("Sec-Fetch-Dest");
    }
  });

  it("serve images sandboxed", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const id = await chunheProposal();
    // The smallest PNG: a 1×1 transparent pixel.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
      "base64",
    );
    const form = new FormData();
    form.append("intent", "upload");
    form.append("files", new Blob([png], { type: "image/png" }), "slide.png");
    const up = await sec.fetch(`/secretary/proposals/${id}/deck`, { method: "POST", body: form });
    expect(up.status).toBe(302);
    const files = await server.services.db
      .select()
      .from(proposalDeckFiles)
      .where(eq(proposalDeckFiles.proposalId, id));
    const image = files.find((f) => f.mime === "image/png")!;
    const res = await rawGet(`/files/${image.sha256}`, {
      Cookie: sec.cookieHeader,
      "Sec-Fetch-Dest": "image",
      "Sec-Fetch-Site": "same-origin",
    });
    expect(res.headers["content-disposition"]).toMatch(/^inline; /);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-security-policy"])).toContain("sandbox");
  });
});

describe("the audit page's data", () => {
  it("carries no login addresses for observers (the street still sees them)", async () => {
    for (let i = 0; i < 5; i++) {
      await new Browser(server.url).post("/login", { username: "clerk2", password: "wrong" });
    }
    const observer = new Browser(server.url);
    await observer.login("observer");
    const admin = new Browser(server.url);
    await admin.login("admin");

    type Entry = { action: string; actorLabel: string; payload: Record<string, unknown> };
    const data = async (b: Browser) => {
      const res = await b.fetch("/audit?_data=routes%2Faudit");
      expect(res.status).toBe(200);
      const text = await res.text();
      return { text, entries: (JSON.parse(text) as { entries: Entry[] }).entries };
    };
    const forAdmin = await data(admin);
    const login = forAdmin.entries.find((e) => e.action === "auth.login")!;
    const ip = String(login.payload.ip);
    expect(ip).toMatch(/\d+\.\d+\.\d+\.\d+|:/);
    expect(forAdmin.entries.find((e) => e.action === "auth.locked")!.actorLabel).toBe(`ip ${ip}`);

    const forObserver = await data(observer);
    expect(forObserver.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["auth.login", "auth.locked"]),
    );
    expect(forObserver.text).not.toContain(ip);
    for (const e of forObserver.entries) expect(e.payload).not.toHaveProperty("ip");
    expect(forObserver.entries.find((e) => e.action === "auth.locked")!.actorLabel).toBe("ip ***");
  });
});
