/**
 * Fuzzing over HTTP and socket.io against the real server: every form action, API and socket
 * event, as each role and as nobody, with malformed input from a seeded PRNG (wrong and missing
 * content types, broken multipart, NUL bytes, ids and revisions past int4, list indexes past any
 * form's, huge and odd values). Nothing may answer 5xx, no socket ack may say "server", and the
 * server may log no error (a console.error fails the test). FUZZ_SEED and FUZZ_REQUESTS change
 * the run; a failure prints the seed and the requests that failed.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import seedrandom from "seedrandom";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ballotTokens,
  brands,
  competitions,
  deliveries,
  funds,
  needs,
  partnerUnits,
  pollingStations,
  resourceOffers,
  proposals,
  users,
} from "../../db/schema";
import type { ResultOutput } from "../domain/results";
import { syncDeliveriesWithRun } from "../models/delivery.server";
import { runResults } from "../models/results.server";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const SEED = process.env.FUZZ_SEED ?? "roadshow-fuzz-1";
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
/** Stop sending after this long (a loaded CI machine), having sent at least MIN_REQUESTS. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 55_000);
const MIN_REQUESTS = Math.min(REQUESTS, 400);
const CONCURRENCY = 4;

const ROLES = [
  "anon",
  "admin",
  "sec-chunhe",
  "judge1",
  "clerk1",
  "observer",
  "partner-shop",
] as const;
type Role = (typeof ROLES)[number];
const browsers = new Map<Role, Browser>();
const ids = {} as {
  competition: number;
  slug: string;
  proposal: number;
  ownProposal: number;
  need: number;
  user: number;
  station: number;
  unit: number;
  offer: number;
  delivery: number;
  brand: number;
};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  for (const role of ROLES) {
    const b = new Browser(server.url);
    if (role !== "anon") await b.login(role);
    browsers.set(role, b);
  }
  const [c] = await db.select().from(competitions).limit(1);
  const [p] = await db.select().from(proposals).limit(1);
  const [sec] = await db.select().from(users).where(eq(users.username, "sec-chunhe"));
  const [own] = await db
    .select()
    .from(proposals)
    .where(eq(proposals.communityId, sec!.communityId!))
    .limit(1);
  const [n] = await db.select().from(needs).limit(1);
  const [u] = await db.select().from(users).where(eq(users.username, "judge7"));
  const [s] = await db.select().from(pollingStations).limit(1);
  const [pu] = await db.select().from(partnerUnits).limit(1);
  const [po] = await db.select().from(resourceOffers).limit(1);
  const [b] = await db.select().from(brands).limit(1);
  Object.assign(ids, {
    competition: c!.id,
    slug: c!.slug,
    proposal: p!.id,
    ownProposal: own?.id ?? p!.id,
    need: n?.id ?? 1,
    user: u!.id,
    station: s?.id ?? 1,
    unit: pu?.id ?? 1,
    offer: po?.id ?? 1,
    brand: b?.id ?? 1,
    delivery: await deliveryOf(own?.id ?? p!.id, c!.id),
  });
  void ballotTokens;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/**
 * A 任务清单 entry for the secretary's own proposal, so that the delivery pages' actions are
 * reached past their "not found". The demo competition stays where it is (accepting proposals,
 * which the other forms want): the street runs a draft result, as it may at any time, and the
 * delivery is made from it with the function that publishing uses, granting that proposal.
 */
async function deliveryOf(proposalId: number, competitionId: number) {
  const db = server.services.db;
  const actor = { userId: null, label: "fuzz" };
  const run = await runResults(
    db,
    actor,
    competitionId,
    {
      residentRule: "top",
      tieBreak: ["judge", "votes", "lot"],
      lotSeed: "fuzz",
      rule: { kind: "greedy", partialFirst: false },
    },
    "",
  );
  const [fund] = await db.select().from(funds).where(eq(funds.competitionId, competitionId));
  const grant = { rows: [{ id: proposalId, amounts: { [fund!.kind]: 500_000 } }] };
  await db.transaction((tx) =>
    syncDeliveriesWithRun(tx, actor, competitionId, run.id, grant as unknown as ResultOutput),
  );
  const [d] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.competitionId, competitionId), eq(deliveries.proposalId, proposalId)));
  return d!.id;
}

/** Route templates: every action and API (`:c` competition, `:p` proposal, `:P` own proposal…). */
const POSTS = [
  "/login",
  "/language",
  "/logout",
  "/me/password",
  "/admin/competitions/new",
  "/admin/competitions/:c",
  "/admin/competitions/:c/cards",
  "/admin/competitions/:c/cards.csv",
  "/admin/competitions/:c/criteria",
  "/admin/competitions/:c/funds",
  "/admin/competitions/:c/judge-cards",
  "/admin/competitions/:c/judges",
  "/admin/competitions/:c/proposals",
  "/admin/competitions/:c/results",
  "/admin/competitions/:c/evaluations/new",
  "/admin/competitions/:c/evaluation",
  "/admin/competitions/:c/comments",
  "/admin/competitions/:c/stations/:s",
  "/admin/competitions/:c/voting",
  "/admin/competitions/:c/live",
  "/admin/competitions/:c/paper-ballot",
  "/admin/competitions/:c/deliveries/:d",
  "/secretary/deliveries/:d",
  "/admin/needs",
  "/admin/sandbox",
  "/admin/resources",
  "/admin/resources/units/:pu",
  "/admin/resources/offers/:po",
  "/partner",
  "/partner/needs",
  "/partner/offers/:po",
  "/resources/match",
  "/secretary/resources",
  "/admin/users/:u",
  "/admin/users/new",
  "/audit",
  "/clerk/:c/:s",
  "/j/:t",
  "/p/:slug/results",
  "/proposals/:p",
  "/secretary/needs",
  "/secretary/needs/:n",
  "/secretary/proposals",
  "/secretary/proposals/:P",
  "/secretary/proposals/:P/autosave",
  "/secretary/proposals/:P/deck",
  "/v",
  "/v/:t",
  "/vote/:slug",
  "/api/ballots/:t",
  "/admin/brands/:b",
  "/admin/competitions/:c/next-round",
  // Read-only pages: a POST is refused, never a server error.
  "/admin/dashboard",
  "/p/:slug/dashboard",
  "/admin/rounds",
  "/p/:slug/rounds",
];
const GETS = [
  "/api/competitions",
  "/api/competitions/:c/results",
  "/api/competitions/:c/ballots.pb",
  "/api/competitions/:c/results/allocation.csv",
  "/api/competitions/:c/results/evaluation.csv",
  "/api/competitions/:c/tally",
  "/files/:t",
  "/needs/export.csv",
  "/admin/competitions/:c/cards.csv",
  "/admin/competitions/:c/results",
  "/admin/competitions/:c/deliveries",
  "/admin/competitions/:c/deliveries/:d",
  "/secretary/deliveries",
  "/secretary/deliveries/:d",
  "/admin/competitions/:c/evaluations/new",
  "/admin/competitions/:c/evaluation",
  "/admin/competitions/:c/comments",
  "/secretary/proposals/:P",
  "/secretary/needs",
  "/proposals/:p",
  "/p/:slug/:p",
  "/p/:slug/results",
  "/p/:slug/receipt",
  "/audit",
  "/v/:t",
  "/admin/dashboard",
  "/admin/dashboard/dashboard.csv",
  "/admin/dashboard/dashboard.xlsx",
  "/secretary/dashboard",
  "/secretary/dashboard/dashboard.json",
  "/p/:slug/dashboard",
  "/p/:slug/dashboard/dashboard.json",
  "/admin/brands",
  "/admin/brands/:b",
  "/brands/:b",
  "/admin/competitions/:c/next-round",
  "/admin/rounds",
  "/p/:slug/rounds",
];

const FIELDS = [
  "intent",
  "theme",
  "maturedOn",
  "promotedTo",
  "honourId",
  "year",
  "fundId",
  "paidOn",
  "note",
  "flag",
  "milestoneId",
  "doneOn",
  "budgetLineId",
  "spentOn",
  "description",
  "happenedOn",
  "photos",
  "receipt",
  "items",
  "rule",
  "comment",
  "rating.1",
  "comment.1",
  "offerId",
  "needId",
  "claimId",
  "communityIds",
  "communityIds[0]",
  "value",
  "supportKind",
  "contactPhone",
  "title",
  "name",
  "username",
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "displayName",
  "role",
  "communityId",
  "competitionId",
  "proposalId",
  "runId",
  "objectionId",
  "batchId",
  "stationId",
  "fileId",
  "needIds",
  "judge",
  "panel[0].userId",
  "panel[0].recuse",
  "reason",
  "body",
  "answer",
  "choice",
  "pin",
  "code",
  "count",
  "quantity",
  "amount",
  "slug",
  "phase",
  "noticeStartsAt",
  "noticeEndsAt",
  "votingOpensAt",
  "votingClosesAt",
  "proposalDeadline",
  "redirectTo",
  "lang",
  "status",
  "source",
  "raisedCount",
  "summary",
  "budgetLines[0].item",
  "budgetLines[0].quantity",
  "budgetLines[99999].item",
  "requests[0].fundId",
  "requests[0].amount",
  "criteria[0].name",
  "criteria[0].weight",
  "funds[0].totalFen",
  "votes[0]",
  "items[0]",
  "rule",
  "seed",
  "idempotencyKey",
  "authorName",
  "authorContact",
  "revision",
  "version",
  "x[1e9]",
  "a\u0000b",
  "__intent__",
];
const INTENTS = [
  "profile",
  "mature",
  "growing",
  "honour",
  "removeHonour",
  "pay",
  "flag",
  "terminate",
  "done",
  "milestone",
  "spend",
  "unit",
  "offer",
  "claim",
  "match",
  "confirm",
  "link",
  "login",
  "save",
  "submit",
  "withdraw",
  "remove",
  "upload",
  "publish",
  "run",
  "answer",
  "phase",
  "settings",
  "reset",
  "deactivate",
  "activate",
  "issue",
  "void",
  "confirm",
  "count",
  "import",
  "return",
  "accept",
  "reject",
  "review",
  "create",
  "update",
];

describe("the fuzzer's findings, one by one", () => {
  it("lists every route that has an action (a new form is fuzzed too)", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const fullPath = (id: string): string => {
      const route = build.routes[id]!;
      const parent = route.parentId ? fullPath(route.parentId) : "";
      return route.path ? `${parent}/${route.path}` : parent;
    };
    const shape = (p: string) => p.replace(/:[A-Za-z]+/g, ":x").replace(/\/+/g, "/") || "/";
    const listed = new Set(POSTS.map(shape));
    const withAction = Object.keys(build.routes)
      .filter((id) => build.routes[id]!.module.action)
      .map((id) => shape(fullPath(id)));
    expect(withAction.length).toBeGreaterThan(30);
    expect(withAction.filter((p) => !listed.has(p))).toEqual([]);
  });

  it("reaches the delivery pages, so their forms are fuzzed past their 'not found'", async () => {
    const own = await browsers.get("sec-chunhe")!.fetch(`/secretary/deliveries/${ids.delivery}`);
    expect(own.status).toBe(200);
    const street = await browsers
      .get("admin")!
      .fetch(`/admin/competitions/${ids.competition}/deliveries/${ids.delivery}`);
    expect(street.status).toBe(200);
  });

  it("refuses what is not a form, broken multipart and list indexes past any form's with a 4xx", async () => {
    const admin = browsers.get("admin")!;
    const sec = browsers.get("sec-chunhe")!;
    // /admin/needs answered 500 to every POST that was not multipart.
    const plain = await admin.post("/admin/needs", { title: "x" });
    expect(plain.status).toBe(415);
    const text = await browsers.get("anon")!.fetch("/login", {
      method: "POST",
      body: "username=a&password=b",
      headers: { "Content-Type": "text/plain" },
    });
    expect(text.status).toBe(415);
    const broken = await sec.fetch(`/secretary/proposals/${ids.ownProposal}/deck`, {
      method: "POST",
      body: '--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF',
      headers: { "Content-Type": "multipart/form-data; boundary=xyz", Accept: "application/json" },
    });
    expect(broken.status).toBeLessThan(500); // a cut-off upload: "no file" or 400, never 500
    const deep = await sec.post("/secretary/needs", { "x[99999].y": "1", title: "x" });
    expect(deep.status).toBe(400);
    expect(await deep.text()).toContain("表单内容的格式不对");
  });

  it("answers the card-code page and odd token paths with a 4xx, never a 500", async () => {
    const anon = browsers.get("anon")!;
    // /v read its form with request.formData(): a JSON body threw.
    const json = await anon.fetch("/v", {
      method: "POST",
      body: JSON.stringify({ code: "x" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(json.status).toBe(415);
    // A confirm on a token with a line break redirected to an invalid Location header.
    for (const token of ["a%0Db", "%00", "a%20b"]) {
      const res = await anon.post(`/v/${token}`, { intent: "confirm", choice: "1" });
      expect(res.status, token).toBeLessThan(500);
    }
  });

  it("keeps text with NUL bytes, without the NULs", async () => {
    const sec = browsers.get("sec-chunhe")!;
    const res = await sec.post("/secretary/needs", {
      intent: "create",
      title: "楼道\u0000照明",
      source: "grid",
      raisedCount: "3",
      status: "open",
    });
    expect(res.status).toBe(302);
    const rows = await server.services.db.select().from(needs).where(eq(needs.title, "楼道照明"));
    expect(rows).toHaveLength(1);
  });

  it("answers ids and values past int4 with 404 or 400, not 500", async () => {
    const admin = browsers.get("admin")!;
    for (const path of [
      "/proposals/2147483648",
      "/admin/competitions/2147483648",
      "/api/competitions/2147483648/results",
    ]) {
      expect((await admin.fetch(path)).status, path).toBe(404);
    }
    const judges = await admin.post(`/admin/competitions/${ids.competition}/judges`, {
      "panel[0].userId": "2147483648",
      "panel[0].on": "on",
    });
    expect(judges.status).toBeGreaterThanOrEqual(400);
    expect(judges.status).toBeLessThan(500);
    // Whatever a route lets through, a value PostgreSQL refuses as data is a 400 with a message.
    const vote = await browsers.get("anon")!.post("/api/ballots/abc", { choice: "2147483648" });
    expect(vote.status).toBeLessThan(500);
  });

  it("serialises concurrent saves of a judge panel", async () => {
    const admin = browsers.get("admin")!;
    const judgeIds = (
      await server.services.db.select({ id: users.id }).from(users).where(eq(users.role, "judge"))
    ).map((u) => String(u.id));
    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const form = new URLSearchParams();
        judgeIds.slice(0, 3 + (i % 3)).forEach((id, k) => {
          form.set(`panel[${k}].userId`, id);
          form.set(`panel[${k}].on`, "on");
        });
        return admin.fetch(`/admin/competitions/${ids.competition}/judges`, {
          method: "POST",
          body: form,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
      }),
    );
    expect(saves.map((r) => r.status)).toEqual(saves.map(() => 302));
  });
});

describe("fuzz", () => {
  it(`answers ${REQUESTS} malformed requests from every role without a 5xx (seed ${SEED})`, async () => {
    const rnd = seedrandom(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const nasty = () =>
      pick([
        "",
        "\u0000",
        "a\u0000b",
        "2147483648",
        "2147483647",
        "-2147483649",
        "9".repeat(40),
        "-1",
        "0",
        "1e309",
        "NaN",
        "1.5",
        "0x10",
        "x".repeat(5000),
        "测试\u0000数据",
        "<script>alert(1)</script>",
        "2026-13-45",
        "0000-00-00T00:00",
        "99999-01-01T00:00",
        "\ud800",
        "%",
        "[object Object]",
        "true",
        " ",
        "\r\n",
        pick(INTENTS),
        String(ids.competition),
        String(ids.proposal),
        String(Math.floor(rnd() * 1e6)),
      ]);
    const idLike = (real: number | string) =>
      rnd() < 0.5
        ? String(real)
        : pick([
            "2147483648",
            "99999999999999999999",
            "-1",
            "0",
            "abc",
            "%00",
            "1e3",
            "01",
            "%2e%2e",
          ]);
    const path = (template: string) =>
      template
        .replace(":c", idLike(ids.competition))
        .replace(":slug", rnd() < 0.7 ? ids.slug : pick(["%00", "x".repeat(300), "不存在"]))
        .replace(":s", idLike(ids.station))
        .replace(":u", idLike(ids.user))
        .replace(":n", idLike(ids.need))
        .replace(":pu", idLike(ids.unit))
        .replace(":po", idLike(ids.offer))
        .replace(":d", idLike(ids.delivery))
        .replace(":b", idLike(ids.brand))
        .replace(":P", idLike(ids.ownProposal))
        .replace(":p", idLike(ids.proposal))
        .replace(":t", pick(["abc", "%00", "A".repeat(200), "2147483648", "x%20y"]));
    const formPairs = () => {
      const pairs: Array<[string, string]> = [];
      const n = 1 + Math.floor(rnd() * 8);
      if (rnd() < 0.7) pairs.push(["intent", pick(INTENTS)]);
      for (let i = 0; i < n; i++) pairs.push([pick(FIELDS), nasty()]);
      return pairs;
    };
    const body = (): { body?: BodyInit; headers: Record<string, string>; kind: string } => {
      const pairs = formPairs();
      const kind = pick([
        "urlencoded",
        "urlencoded",
        "urlencoded",
        "multipart",
        "multipart-broken",
        "text",
        "json",
        "none",
        "bad-urlencoded",
      ]);
      switch (kind) {
        case "urlencoded":
          return {
            kind,
            body: new URLSearchParams(pairs).toString(),
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          };
        case "bad-urlencoded":
          return {
            kind,
            body: "a=%E4%B8&%%%=1&b=%00%ZZ&" + "c[".repeat(50),
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          };
        case "multipart": {
          const form = new FormData();
          for (const [k, v] of pairs) form.append(k, v);
          if (rnd() < 0.5)
            form.append(
              pick(["file", "files", "deck", "photos", "receipt"]),
              new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2])], { type: "text/csv" }),
              "x.csv",
            );
          return { kind, body: form, headers: {} };
        }
        case "multipart-broken":
          return {
            kind,
            body: `--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--xyz\r\nContent-Disp`,
            headers: {
              "Content-Type": pick([
                "multipart/form-data; boundary=xyz",
                "multipart/form-data",
                "multipart/form-data; boundary=",
              ]),
            },
          };
        case "text":
          return { kind, body: "intent=save\u0000", headers: { "Content-Type": "text/plain" } };
        case "json":
          return {
            kind,
            body: JSON.stringify(Object.fromEntries(pairs)),
            headers: { "Content-Type": "application/json" },
          };
        default:
          return { kind, headers: {} };
      }
    };

    const failures: string[] = [];
    let sent = 0;
    const one = async () => {
      const role = pick(ROLES);
      const b = browsers.get(role)!;
      const get = rnd() < 0.2;
      const target = path(pick(get ? GETS : POSTS));
      const query =
        rnd() < 0.3
          ? `?${pick(["_data=routes%2Findex", "page=2147483648", "q=%00", "beforeId=99999999999", "receipt=%00", "draft=1", "competition=2147483648", "competition=%00"])}`
          : "";
      const init = get ? { kind: "get", headers: {} as Record<string, string> } : body();
      let status: number;
      try {
        const res = await b.fetch(target + query, {
          method: get ? "GET" : "POST",
          body: get ? undefined : init.body,
          headers: { ...init.headers, Accept: rnd() < 0.5 ? "text/html" : "application/json" },
          signal: AbortSignal.timeout(20_000),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch (error) {
        failures.push(
          `${role} ${get ? "GET" : "POST"} ${target}${query} (${init.kind}): ${String(error)}`,
        );
        return;
      }
      if (status >= 500)
        failures.push(
          `${role} ${get ? "GET" : "POST"} ${target}${query} (${init.kind}) → ${status}`,
        );
    };
    const deadline = Date.now() + BUDGET_MS;
    const worker = async () => {
      while (sent < REQUESTS && (sent < MIN_REQUESTS || Date.now() < deadline)) {
        sent++;
        await one();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // The accounts used are still there and the server still answers.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(failures, `seed ${SEED}`).toEqual([]);
  }, 240_000);

  it("answers malformed socket events from every role without a server error", async () => {
    const rnd = seedrandom(`${SEED}-socket`);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const big = [2147483648, 2 ** 53, -1, 0, 1.5, Number.MAX_VALUE, ids.competition];
    const value = (): unknown =>
      pick([
        null,
        undefined,
        "x\u0000",
        "2147483648",
        pick(big),
        [],
        {},
        { a: 1 },
        true,
        "x".repeat(3000),
      ]);
    const payload = (): unknown => {
      if (rnd() < 0.2) return value();
      return {
        competitionId: rnd() < 0.5 ? ids.competition : pick(big),
        proposalId: rnd() < 0.5 ? ids.proposal : pick(big),
        audience: pick(["screen", "host", "judge", "x", null]),
        command: pick([
          { type: "start" },
          { type: "extend", seconds: pick(big) },
          { type: "x" },
          value(),
        ]),
        expectedVersion: pick(big),
        revision: pick(big),
        items: pick([{ "1": 10 }, { "2147483648": 1 }, { "99999999999": 2 }, value()]),
        comment: pick(["", "a\u0000b", "x".repeat(2000)]),
        key: pick(["k-0123456789", "", "\u0000".repeat(10)]),
        seed: pick(["", "\u0000", "x".repeat(100)]),
        order: pick([[ids.proposal], [2147483648], value()]),
        show: pick([true, "yes", null]),
      };
    };
    const events = [
      "live:join",
      "host:command",
      "host:draw",
      "host:order",
      "host:final",
      "score:submit",
    ];
    const failures: string[] = [];
    for (const role of ROLES) {
      const cookie = browsers.get(role)!.cookieHeader;
      const socket = connect(server.url, {
        transports: ["websocket"],
        extraHeaders: cookie ? { Cookie: cookie } : {},
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      for (let i = 0; i < 60; i++) {
        const event = pick(events);
        const sent = payload();
        const ack = (await socket
          .timeout(10_000)
          .emitWithAck(event as "live:join", sent as never)
          .catch((e: unknown) => ({ timeout: String(e) }))) as { ok?: boolean; error?: string };
        if (ack && (ack.error === "server" || "timeout" in ack))
          failures.push(`${role} ${event} ${JSON.stringify(sent)} → ${JSON.stringify(ack)}`);
      }
      socket.close();
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
