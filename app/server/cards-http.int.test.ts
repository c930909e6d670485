/**
 * Issue 10 (voting) over HTTP against the real server: the print shop's CSV is a real download,
 * a batch that never reached residents is voided whole and issued again, the QR address warning,
 * GB18030 imports (needs and registry) that do not duplicate, and paper counts (full-width
 * digits, a resolution that starts from what the clerks agree on, the tally after a new station).
 */
import fs from "node:fs";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, Tally } from "../../realtime/events";
import { Browser, openDemoVoting, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let projectIds: number[];
const sockets: Socket[] = [];

const fixture = (name: string) => fs.readFileSync(path.resolve("app/testing/fixtures", name));

async function as(username: string, on = server) {
  const b = new Browser(on.url);
  await b.login(username);
  return b;
}

function upload(b: Browser, route: string, file: string, intent?: string) {
  const body = new FormData();
  if (intent) body.append("intent", intent);
  body.append("file", new Blob([fixture(file)], { type: "text/csv" }), file);
  return b.fetch(route, { method: "POST", body });
}

/** The page after a redirect (where the toast is shown). */
async function follow(b: Browser, res: Response) {
  expect(res.status).toBe(302);
  return (await b.fetch(res.headers.get("Location")!)).text();
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  ({ competitionId, projectIds } = await openDemoVoting(db));
});
afterAll(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

describe("ballot cards", () => {
  it("downloads the print shop's CSV as a file: attachment, UTF-8 BOM, formulae escaped, cards that vote", async () => {
    const admin = await as("admin");
    const res = await admin.post(`/admin/competitions/${competitionId}/cards.csv`, {
      name: '=HYPERLINK("http://evil.example","春和")',
      communityId: "",
      count: "3",
      format: "csv",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const batchId = Number(res.headers.get("X-Batch-Id"));
    expect(res.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="ballot-cards-${batchId}\\.csv"; filename\\*=UTF-8''`),
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]).toBe("url,check_code,batch,typed_code");
    expect(lines).toHaveLength(4);
    const [url, checkCode, batch, typedCode] = lines[1]!.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(typedCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(url).toMatch(new RegExp(`^${server.url}/v/${competitionId}\\.[A-Za-z0-9_-]{20,}$`));
    expect(checkCode).toMatch(/^[2-9A-Z]{6}$/);
    // A spreadsheet must not run the batch name as a formula.
    expect(batch).toBe(`"'=HYPERLINK(""http://evil.example"",""春和"")"`);
    // The cards in the file vote.
    const token = url!.split("/v/")[1]!;
    const cast = await fetch(`${server.url}/api/ballots/${token}`, {
      method: "POST",
      body: new URLSearchParams({ choice: String(projectIds[0]) }),
    });
    expect(await cast.json()).toMatchObject({ ok: true, status: "cast" });
    // The batch is listed on the voting tab.
    const page = await (await admin.fetch(`/admin/competitions/${competitionId}/voting`)).text();
    expect(page).toContain(`data-batch="${batchId}"`);
  });

  it("refuses a bad batch in words, and only the street may issue cards", async () => {
    const admin = await as("admin");
    const bad = await admin.post(`/admin/competitions/${competitionId}/cards.csv`, {
      name: "x",
      communityId: "",
      count: "50000",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("请填写批次名称(不超过 60 字)和 1–5000 之间的张数");
    const badPrint = await admin.post(`/admin/competitions/${competitionId}/cards`, {
      name: "",
      communityId: "",
      count: "3",
    });
    expect(badPrint.status).toBe(400);
    // The form again, the message beside the name, the count as typed.
    const refusedPrint = await badPrint.text();
    expect(refusedPrint).toContain("请填写此项");
    expect(refusedPrint).toMatch(/name="count"[^>]*value="3"/);
    for (const u of ["observer", "clerk1", "sec-chunhe"]) {
      const b = await as(u);
      const res = await b.post(`/admin/competitions/${competitionId}/cards.csv`, {
        name: "x",
        communityId: "",
        count: "1",
      });
      expect(res.status, u).toBe(403);
    }
    const visitor = await fetch(`${server.url}/admin/competitions/${competitionId}/cards.csv`, {
      method: "POST",
      body: new URLSearchParams({ name: "x", communityId: "", count: "1" }),
      redirect: "manual",
    });
    expect(visitor.status).toBe(302);
  });

  it("prints 9 cards per A4 sheet, with the QR address warning when PUBLIC_URL is unset", async () => {
    const admin = await as("admin");
    const res = await admin.post(`/admin/competitions/${competitionId}/cards`, {
      name: "兰园社区 第一批",
      communityId: "",
      count: "10",
      format: "print",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/data-testid="card-sheet"/g)).toHaveLength(2);
    expect(html.match(/data-testid="check-code"/g)).toHaveLength(10);
    expect(html.match(/data-testid="typed-code"/g)).toHaveLength(10);
    expect(html).toContain("服务器没有设置 PUBLIC_URL");
    for (const page of ["voting", "cards", "judge-cards"]) {
      const text = await (await admin.fetch(`/admin/competitions/${competitionId}/${page}`)).text();
      expect(text, page).toContain('data-testid="qr-address-warning"');
      expect(text, page).toContain("服务器没有设置 PUBLIC_URL");
    }
  });

  it("voids a batch that never reached residents, with a reason, and fills the form to issue it again", async () => {
    const admin = await as("admin");
    const [community] = await server.services.db.query.communities.findMany({ limit: 1 });
    const res = await admin.post(`/admin/competitions/${competitionId}/cards.csv`, {
      name: "春和社区 丢失批",
      communityId: String(community!.id),
      count: "7",
    });
    const batchId = res.headers.get("X-Batch-Id")!;
    const noReason = await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "voidBatch",
      batchId,
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("请填写作废原因");
    const observer = await as("observer");
    expect(
      (
        await observer.post(`/admin/competitions/${competitionId}/voting`, {
          intent: "voidBatch",
          batchId,
          reason: "x",
        })
      ).status,
    ).toBe(403);

    const voided = await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "voidBatch",
      batchId,
      reason: "CSV 下载失败",
    });
    expect(voided.headers.get("Location")).toBe(
      `/admin/competitions/${competitionId}/voting?reissue=${batchId}#generate`,
    );
    const page = await follow(admin, voided);
    expect(page).toContain("已作废“春和社区 丢失批”中未使用的 7 张卡");
    expect(page).toContain('value="春和社区 丢失批(重发)"');
    expect(page).toMatch(/name="count"[^>]*value="7"/);
    expect(page).toMatch(
      new RegExp(`<option value="${community!.id}" selected="">${community!.name}</option>`),
    );
    const again = await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "voidBatch",
      batchId,
      reason: "again",
    });
    expect(await follow(admin, again)).toContain("该批次没有未使用的卡可作废");
  });

  it("warns about a private PUBLIC_URL, and not about a public one (which the cards then carry)", async () => {
    // The server's own configuration, as PUBLIC_URL would set it at boot (starting a server per
    // value costs a fresh embedded database each on PGlite).
    const config = server.services.config;
    const unset = config.publicUrl;
    const admin = await as("admin");
    try {
      for (const [publicUrl, warning] of [
        ["http://192.168.1.20:3000", "是内网地址"],
        ["http://localhost:3000", "是服务器本机地址"],
        ["https://roadshow.example.cn/", null],
      ] as const) {
        config.publicUrl = publicUrl;
        for (const page of ["voting", "cards", "judge-cards"]) {
          const html = await (
            await admin.fetch(`/admin/competitions/${competitionId}/${page}`)
          ).text();
          if (warning) expect(html, page).toContain(warning);
          else expect(html, page).not.toContain('data-testid="qr-address-warning"');
        }
        const csv = await (
          await admin.post(`/admin/competitions/${competitionId}/cards.csv`, {
            name: "x",
            communityId: "",
            count: "1",
          })
        ).text();
        expect(csv.split("\r\n")[1]).toMatch(
          new RegExp(`^${publicUrl.replace(/\/$/, "").replace(/\./g, "\\.")}/v/`),
        );
      }
    } finally {
      config.publicUrl = unset;
    }
  });
});

describe("GB18030 imports over HTTP", () => {
  it("imports needs from a GB18030 file (street and secretary) and skips them on re-import", async () => {
    const admin = await as("admin");
    const first = await follow(admin, await upload(admin, "/admin/needs", "needs-gb18030.csv"));
    expect(first).toContain("已导入 3 条需求;跳过 1 条重复");
    expect(first).toContain("楼道声控灯常坏(GB18030 导入)");
    const second = await follow(admin, await upload(admin, "/admin/needs", "needs-gb18030.csv"));
    expect(second).toContain("已导入 0 条需求;跳过 4 条重复");
    const stored = await server.services.db.query.needs.findMany({
      where: (n, { eq: is }) => is(n.title, "楼道声控灯常坏(GB18030 导入)"),
    });
    expect(stored).toHaveLength(1);

    // A secretary imports into their own community (春和): its two needs are there already.
    const secretary = await as("sec-chunhe");
    const mine = await follow(
      secretary,
      await upload(secretary, "/secretary/needs", "needs-gb18030.csv", "import"),
    );
    expect(mine).toContain("已导入 1 条需求;跳过 3 条重复");
  });

  it("imports a GB18030 resident registry, once, and the residents can vote", async () => {
    const admin = await as("admin");
    const route = `/admin/competitions/${competitionId}/voting`;
    const first = await follow(admin, await upload(admin, route, "registry-gb18030.csv"));
    expect(first).toContain("名册已导入,新增 2 人;跳过 1 人");
    const second = await follow(admin, await upload(admin, route, "registry-gb18030.csv"));
    expect(second).toContain("名册已导入,新增 0 人;跳过 3 人");
    const resident = new Browser(server.url);
    const ok = await resident.post("/vote/huashan-2026", {
      name: "龚德华",
      phone: "13900002222",
      document: "420102195001011234",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toMatch(/^\/v\//);
  });
});

describe("paper counts over HTTP", () => {
  async function addStation(name: string) {
    const admin = await as("admin");
    const [community] = await server.services.db.query.communities.findMany({ limit: 1 });
    const res = await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "station",
      communityId: String(community!.id),
      name,
    });
    expect(res.status).toBe(302);
    const [station] = await server.services.db.query.pollingStations.findMany({
      where: (s, { eq: is }) => is(s.name, name),
    });
    return station!;
  }

  it("takes full-width digits, and the clerk's form no longer blocks them", async () => {
    const station = await addStation("春和全角站");
    const clerk = await as("clerk1");
    const form = await (await clerk.fetch(`/clerk/${competitionId}/${station.id}`)).text();
    expect(form).toContain('inputMode="numeric"');
    expect(form).not.toContain("pattern=");
    const res = await clerk.post(`/clerk/${competitionId}/${station.id}`, {
      ballotsCast: "４０",
      invalid: "１",
      ...Object.fromEntries(projectIds.map((id, i) => [`votes-${id}`, i === 0 ? "２５" : "0"])),
    });
    expect(res.status).toBe(302);
    const again = await (await clerk.fetch(`/clerk/${competitionId}/${station.id}`)).text();
    expect(again).toMatch(/name="ballotsCast"[^>]*value="40"/);
    expect(again).toMatch(new RegExp(`name="votes-${projectIds[0]}"[^>]*value="25"`));
  });

  it("starts a resolution from the lines both clerks agree on and adopts entry 1 or 2 per line", async () => {
    const station = await addStation("春和裁定站");
    const [p1, p2] = projectIds;
    const count = (invalid: number, v2: number) => ({
      ballotsCast: "50",
      invalid: String(invalid),
      ...Object.fromEntries(
        projectIds.map((id) => [`votes-${id}`, id === p1 ? "30" : id === p2 ? String(v2) : "0"]),
      ),
    });
    await (await as("clerk1")).post(`/clerk/${competitionId}/${station.id}`, count(1, 12));
    await (await as("clerk2")).post(`/clerk/${competitionId}/${station.id}`, count(2, 13));

    const admin = await as("admin");
    const route = `/admin/competitions/${competitionId}/stations/${station.id}`;
    const page = await (await admin.fetch(route)).text();
    expect(page).toMatch(/name="ballotsCast"[^>]*value="50"/);
    expect(page).toMatch(new RegExp(`name="votes-${p1}"[^>]*value="30"`));
    expect(page).toMatch(/name="invalid"[^>]*value=""/);
    expect(page).toMatch(new RegExp(`name="votes-${p2}"[^>]*value=""`));
    expect(page).toContain("采用第 1 份(12)");
    expect(page).toContain("采用第 2 份(13)");
    expect(page).toContain('data-line="invalid" data-value="2"');

    // Without JavaScript, 采用 posts the form back filled in (Conform's update intent), keeping
    // what was typed.
    const typed = {
      ...count(1, 12),
      invalid: "",
      [`votes-${p2}`]: "",
      reason: "复核原始选票",
    };
    const adopted = await admin.post(route, {
      ...typed,
      __intent__: JSON.stringify({ type: "update", payload: { name: `votes-${p2}`, value: "13" } }),
    });
    expect(adopted.status).toBe(200);
    const filled = await adopted.text();
    expect(filled).toMatch(new RegExp(`name="votes-${p2}"[^>]*value="13"`));
    expect(filled).toContain("复核原始选票");

    const resolved = await admin.post(route, {
      ...typed,
      invalid: "2",
      [`votes-${p2}`]: "13",
    });
    expect(resolved.status).toBe(302);
    const tally = (await (
      await fetch(`${server.url}/api/competitions/${competitionId}/tally`)
    ).json()) as { projects: Array<{ id: number; votes: { offline: number } }> };
    expect(tally.projects.find((p) => p.id === p2)!.votes.offline).toBeGreaterThanOrEqual(13);
  });

  it("sends the host's tally the new station count when a station is added", async () => {
    const admin = await as("admin");
    const host = connect(server.url, {
      transports: ["websocket"],
      extraHeaders: { Cookie: admin.cookieHeader },
    });
    sockets.push(host);
    await new Promise<void>((resolve, reject) => {
      host.once("connect", () => resolve());
      host.once("connect_error", reject);
    });
    const joined = (await host
      .timeout(10_000)
      .emitWithAck("live:join", { competitionId, audience: "host" })) as Ack;
    expect(joined.ok).toBe(true);
    const stations = (await server.services.db.query.pollingStations.findMany()).length;
    // (An update from an earlier test may still be on its way: wait for the one with the station.)
    const update = new Promise<Tally>((resolve) => {
      const onTally = (tally: Tally) => {
        if (tally.stationsTotal !== stations + 1) return;
        host.off("tally:update", onTally);
        resolve(tally);
      };
      host.on("tally:update", onTally);
    });
    await addStation("春和新增站");
    expect((await update).stationsTotal).toBe(stations + 1);
  });
});
