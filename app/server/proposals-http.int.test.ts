/**
 * Issue 3 over HTTP against the real server: the proposal flow as the browser drives it, deck
 * uploads, needs CSV, setup validation, and the permission matrix (role × route).
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brands, competitions, needs, proposals } from "../../db/schema";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const PDF = fs.readFileSync("e2e/fixtures/deck.pdf");
// A PNG signature with a PDF name and type: must be refused.
const FAKE_PDF = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

let competitionId: number;
let chunheNeedId: number;
let draftId: number;
let submittedId: number;
let acceptedId: number;
let deckSha: string;

function proposalForm(needId: number, fundIds: number[], over: Record<string, string> = {}) {
  return {
    title: "三栋楼道微更新",
    brand: "春和万事兴",
    summary: "楼道清爽,居民共治",
    problem: "三栋楼道堆物严重",
    beneficiaries: "三栋居民",
    beneficiaryCount: "120",
    plan: "清理、议事、立约",
    team: "楼栋长与志愿者",
    needIds: String(needId),
    "milestones[0].title": "清理完成",
    "milestones[0].dueOn": "2027-03-01",
    "budgetLines[0].item": "清运",
    "budgetLines[0].quantity": "3",
    "budgetLines[0].unit": "车",
    "budgetLines[0].unitPrice": "500",
    "budgetLines[1].item": "标识牌",
    "budgetLines[1].quantity": "12.5",
    "budgetLines[1].unit": "块",
    "budgetLines[1].unitPrice": "80",
    "budgetLines[2].item": "议事会茶歇",
    "budgetLines[2].quantity": "4",
    "budgetLines[2].unit": "次",
    "budgetLines[2].unitPrice": "200.50",
    "requests[0].fundId": String(fundIds[0]),
    "requests[0].amount": "2,000",
    "requests[1].fundId": String(fundIds[1]),
    "requests[1].amount": "600",
    ...over,
  };
}

async function uploadDeck(b: Browser, id: number, bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("files", new Blob([new Uint8Array(bytes)], { type }), name);
  return b.fetch(`/secretary/proposals/${id}/deck`, { method: "POST", body: form });
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const [competition] = await db.select().from(competitions);
  competitionId = competition!.id;
  const sec = new Browser(server.url);
  await sec.login("sec-chunhe");
  const created = await sec.post("/secretary/needs", {
    intent: "create",
    title: "三栋楼道堆物",
    source: "grid",
    raisedCount: "12",
    status: "open",
  });
  expect(created.status).toBe(302);
  const [need] = await db.select().from(needs).where(eq(needs.title, "三栋楼道堆物"));
  chunheNeedId = need!.id;
  const fundIds = (
    await db.query.funds.findMany({
      where: (f, { eq }) => eq(f.competitionId, competitionId),
      orderBy: (f, { asc }) => asc(f.kind),
    })
  ).map((f) => f.id);

  const newDraft = async (title: string) => {
    const res = await sec.post("/secretary/proposals", {
      intent: "create",
      competitionId: String(competitionId),
      title,
    });
    expect(res.status).toBe(302);
    return Number(res.headers.get("Location")!.split("/").pop());
  };
  draftId = await newDraft("草稿项目");
  submittedId = await newDraft("三栋楼道微更新");
  expect((await uploadDeck(sec, submittedId, PDF, "路演.pdf", "application/pdf")).status).toBe(302);
  const submit = await sec.post(`/secretary/proposals/${submittedId}`, {
    intent: "submit",
    ...proposalForm(chunheNeedId, fundIds),
  });
  expect(submit.status).toBe(302);
  expect(submit.headers.get("Location")).toBe(`/proposals/${submittedId}`);
  const [deck] = await db.query.proposalDeckFiles.findMany({
    where: (d, { eq }) => eq(d.proposalId, submittedId),
  });
  deckSha = deck!.sha256;
  const [accepted] = await db
    .select()
    .from(proposals)
    .where(eq(proposals.status, "accepted"))
    .limit(1);
  acceptedId = accepted!.id;
});

afterAll(async () => {
  await server?.close();
});

describe("proposals over HTTP", () => {
  it("stored the submitted proposal exactly, money in 分", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const res = await admin.fetch(`/proposals/${submittedId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    // 3 × 500 + 12.5 × 80 + 4 × 200.50 = 1,500 + 1,000 + 802 = 3,302.00
    expect(html).toContain("3,302.00");
    expect(html).toContain("三栋楼道堆物");
    const [row] = await server.services.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, submittedId));
    expect(row!.status).toBe("submitted");
  });

  it("keeps what was typed when a save fails validation, and shows the errors in Chinese", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const fundIds = ["1", "2"];
    const res = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "save",
      ...proposalForm(chunheNeedId, fundIds.map(Number), {
        "budgetLines[0].unitPrice": "5百元",
        "requests[0].amount": "99,000",
      }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("金额格式不正确");
    expect(html).toContain("5百元");
    // The typed form was kept on the server too (a reload shows it).
    const [row] = await server.services.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, draftId));
    expect(JSON.stringify(row!.formState)).toContain("5百元");
    const again = await sec.fetch(`/secretary/proposals/${draftId}`);
    expect(await again.text()).toContain("5百元");
  });

  it("offers the community's brands in a select and refuses another community's brand beside the field", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const page = await (await sec.fetch(`/secretary/proposals/${draftId}`)).text();
    // A select of the community's brands (the draft was created with its brand), not a text box.
    expect(page).toMatch(/<select[^>]*name="brand"/);
    expect(page).toContain('<option value="春和万事兴" selected="">春和万事兴</option>');
    const foreign = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "save",
      ...proposalForm(chunheNeedId, [1, 2], { brand: "兰园老年友好型社区" }),
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("请选择本社区的品牌");
    const saved = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "save",
      ...proposalForm(chunheNeedId, [1, 2]),
    });
    expect(saved.status).toBe(302);
    const [row] = await server.services.db
      .select({ brand: proposals.brand, brandId: proposals.brandId, name: brands.name })
      .from(proposals)
      .innerJoin(brands, eq(brands.id, proposals.brandId))
      .where(eq(proposals.id, draftId));
    expect(row).toMatchObject({ brand: "春和万事兴", name: "春和万事兴" });
    // No brand at all is a choice too.
    const none = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "save",
      ...proposalForm(chunheNeedId, [1, 2], { brand: "" }),
    });
    expect(none.status).toBe(302);
    const [after] = await server.services.db
      .select({ brandId: proposals.brandId })
      .from(proposals)
      .where(eq(proposals.id, draftId));
    expect(after!.brandId).toBeNull();
  });

  it("refuses an over-cap request and a submission with parts missing, saying which", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const over = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "save",
      ...proposalForm(chunheNeedId, [1, 2], { "requests[0].amount": "90,000" }),
    });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain("超过该资金单个项目上限 80,000.00 元");
    const missing = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "submit",
      title: "草稿项目",
    });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain("还有内容需要补充");
    expect(html).toContain("请上传路演材料");
    expect(html).toContain("请至少添加一行预算");
  });

  it("autosaves anything typed, for the owner only", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const body = new URLSearchParams({ title: "半句话的标题", "budgetLines[0].quantity": "三" });
    const ok = await sec.fetch(`/secretary/proposals/${draftId}/autosave`, {
      method: "POST",
      body,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveProperty("savedAt");
    const other = new Browser(server.url);
    await other.login("sec-lanyuan");
    const denied = await other.fetch(`/secretary/proposals/${draftId}/autosave`, {
      method: "POST",
      body,
    });
    expect(denied.status).toBe(403);
    const submitted = await sec.fetch(`/secretary/proposals/${submittedId}/autosave`, {
      method: "POST",
      body,
    });
    expect(submitted.status).toBe(409);
  });

  it("refuses a draft not in the form's shape, and the editor stays quick and 200 (issue 11)", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const db = server.services.db;
    const autosave = (body: string) =>
      sec.fetch(`/secretary/proposals/${draftId}/autosave`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const stateNow = async () =>
      (await db.select().from(proposals).where(eq(proposals.id, draftId)))[0]!.formState;
    const editor = async () => {
      const started = Date.now();
      const res = await sec.fetch(`/secretary/proposals/${draftId}`, {
        signal: AbortSignal.timeout(10_000),
      });
      return { res, html: await res.text(), ms: Date.now() - started };
    };

    // A good draft with a hole in a list is kept (holes become empty rows).
    const good = await autosave(
      "title=%E5%8D%8A%E5%8F%A5&budgetLines%5B2%5D.item=%E6%B8%85%E8%BF%90",
    );
    expect(good.status).toBe(200);
    const kept = await stateNow();
    expect(kept).toMatchObject({ title: "半句", budgetLines: [{}, {}, { item: "清运" }] });

    // The 24 bytes that froze the server, and the shape that made the editor 500.
    for (const payload of ["budgetLines[99999].item=x", "requests=abc&milestones=xyz"]) {
      const res = await autosave(payload);
      expect(res.status, payload).toBe(400);
      expect(await res.text()).toContain("badShape");
      expect(await stateNow()).toEqual(kept);
      const page = await editor();
      expect(page.res.status).toBe(200);
      expect(page.ms).toBeLessThan(5_000);
    }
    // The same through the editor's own save: refused, the stored draft untouched.
    const save = await sec.post(`/secretary/proposals/${draftId}`, {
      intent: "save",
      "budgetLines[99999].item": "x",
    });
    expect(save.status).toBe(400);
    expect(await stateNow()).toEqual(kept);

    // A bad draft already in the database (stored before this check) is dropped with a notice.
    const huge: unknown[] = [];
    huge[99_999] = { item: "x" };
    for (const bad of [{ budgetLines: huge }, { requests: "abc", milestones: "xyz" }]) {
      await db.update(proposals).set({ formState: bad }).where(eq(proposals.id, draftId));
      const page = await editor();
      expect(page.res.status).toBe(200);
      expect(page.ms).toBeLessThan(5_000);
      expect(page.html).toContain("自动保存的内容格式不对,已丢弃");
      expect(page.html.match(/data-testid="budget-line"/g) ?? []).toHaveLength(0);
    }
    await db.update(proposals).set({ formState: null }).where(eq(proposals.id, draftId));
  });

  it("checks deck files by content, not by name", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-chunhe");
    const fake = await uploadDeck(sec, draftId, FAKE_PDF, "deck.pdf", "application/pdf");
    expect(fake.status).toBe(302);
    const page = await sec.fetch(`/secretary/proposals/${draftId}`);
    expect(await page.text()).toContain("的文件类型与内容不符");
    const html = await uploadDeck(
      sec,
      draftId,
      Buffer.from("<html><script>alert(1)</script></html>"),
      "x.png",
      "image/png",
    );
    expect(html.status).toBe(302);
    expect(
      await server.services.db.query.proposalDeckFiles.findMany({
        where: (d, { eq }) => eq(d.proposalId, draftId),
      }),
    ).toHaveLength(0);
  });

  it("serves deck files with safe headers to those who may read the proposal", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const res = await admin.fetch(`/files/${deckSha}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${server.url}/files/${deckSha}`)).status).toBe(404);
    const judge = new Browser(server.url);
    await judge.login("judge1");
    expect((await judge.fetch(`/files/${deckSha}`)).status).toBe(404);
  });

  it("lets the street return with reasons, and refuses a return without one", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const bad = await admin.post(`/proposals/${draftId}`, { intent: "accept", reason: "" });
    expect(bad.status).toBe(302); // a draft cannot be reviewed: a toast says so, nothing changes
    const noReason = await admin.post(`/proposals/${submittedId}`, {
      intent: "return",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("请填写原因");
  });
});

describe("needs CSV", () => {
  it("imports all-or-nothing with line numbers, and exports with a BOM", async () => {
    const sec = new Browser(server.url);
    await sec.login("sec-lanyuan");
    const upload = (text: string) => {
      const form = new FormData();
      form.append("intent", "import");
      form.append("file", new Blob([text], { type: "text/csv" }), "needs.csv");
      return sec.fetch("/secretary/needs", { method: "POST", body: form });
    };
    const bad = await upload("标题,来源,提出人数\n加装电梯,走访,8\n,走访,3\n");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("第 3 行");
    const ok = await upload(
      "\uFEFF标题,描述,来源,提出人数,状态\n加装电梯,多层住宅,走访,8,待解决\n楼下无障碍坡道,,议事会,5,\n",
    );
    expect(ok.status).toBe(302);
    const csv = await sec.fetch("/needs/export.csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("加装电梯");
    expect(text).not.toContain("春和社区");
  });
});

describe("competition setup", () => {
  it("checks that criteria sum to 100 and that moving back needs a reason", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const res = await admin.post(`/admin/competitions/${competitionId}/criteria`, {
      "criteria[0].name": "需求",
      "criteria[0].maxPoints": "60",
      "criteria[1].name": "方案",
      "criteria[1].maxPoints": "30",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("合计必须为 100 分(当前 90 分)");
    const back = await admin.post(`/admin/competitions/${competitionId}?index`, {
      intent: "phase",
      phase: "draft",
      reason: "",
    });
    expect(back.status).toBe(400);
    expect(await back.text()).toContain("请填写原因");
    const money = await admin.post(`/admin/competitions/${competitionId}/funds`, {
      "street.name": "街道惠民资金",
      "street.total": "600,000.005",
      "foundation.name": "基金会",
      "foundation.total": "200000",
      "foundation.match": "30",
    });
    expect(money.status).toBe(400);
    expect(await money.text()).toContain("金额最多两位小数");
  });
});

describe("permission matrix (role × route)", () => {
  type Expect = Record<string, number>;
  const USERS = [
    "visitor",
    "admin",
    "sec-chunhe",
    "sec-lanyuan",
    "judge1",
    "clerk1",
    "observer",
  ] as const;

  function matrix(): Array<[string, Expect]> {
    const staff = { admin: 200, observer: 200 };
    return [
      ["/admin/competitions", { ...staff }],
      ["/admin/competitions/new", { admin: 200 }],
      [`/admin/competitions/${competitionId}`, { ...staff }],
      [`/admin/competitions/${competitionId}/criteria`, { ...staff }],
      [`/admin/competitions/${competitionId}/funds`, { ...staff }],
      [`/admin/competitions/${competitionId}/judges`, { ...staff }],
      [`/admin/competitions/${competitionId}/proposals`, { ...staff }],
      ["/admin/needs", { ...staff }],
      ["/needs/export.csv", { ...staff, "sec-chunhe": 200, "sec-lanyuan": 200 }],
      ["/secretary/needs", { "sec-chunhe": 200, "sec-lanyuan": 200 }],
      [`/secretary/needs/${chunheNeedId}`, { "sec-chunhe": 200 }],
      ["/secretary/proposals", { "sec-chunhe": 200, "sec-lanyuan": 200 }],
      [`/secretary/proposals/${draftId}`, { "sec-chunhe": 200 }],
      [`/proposals/${draftId}`, { "sec-chunhe": 200 }],
      [`/proposals/${submittedId}`, { "sec-chunhe": 200, admin: 200, observer: 200 }],
      [
        `/proposals/${acceptedId}`,
        {
          admin: 200,
          observer: 200,
          "sec-chunhe": 200,
          "sec-lanyuan": 200,
          judge1: 200,
          clerk1: 200,
        },
      ],
    ];
  }

  it("GET: each role gets exactly what it may see", async () => {
    const browsers = new Map<string, Browser>();
    for (const u of USERS) {
      const b = new Browser(server.url);
      if (u !== "visitor") await b.login(u);
      browsers.set(u, b);
    }
    const failures: string[] = [];
    for (const [route, allowed] of matrix()) {
      for (const u of USERS) {
        const res = await browsers.get(u)!.fetch(route);
        const expected = allowed[u] ?? (u === "visitor" ? 302 : 403);
        if (res.status !== expected)
          failures.push(`${u} GET ${route}: ${res.status}, expected ${expected}`);
        if (u === "visitor" && res.status === 302) {
          const to = res.headers.get("Location") ?? "";
          const ok =
            route === `/proposals/${acceptedId}`
              ? to.startsWith("/p/")
              : to.startsWith("/login?redirectTo=");
          if (!ok) failures.push(`visitor GET ${route} went to ${to}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("public pages: accepted proposals only, no login", async () => {
    expect((await fetch(`${server.url}/p/huashan-2026`)).status).toBe(200);
    expect((await fetch(`${server.url}/p/huashan-2026/${acceptedId}`)).status).toBe(200);
    expect((await fetch(`${server.url}/p/huashan-2026/${submittedId}`)).status).toBe(404);
    expect((await fetch(`${server.url}/p/huashan-2026/${draftId}`)).status).toBe(404);
    expect((await fetch(`${server.url}/p/no-such-competition`)).status).toBe(404);
    expect((await fetch(`${server.url}/screen/huashan-2026`)).status).toBe(200);
    expect((await fetch(`${server.url}/screen/no-such-competition`)).status).toBe(404);
  });

  it("POST: actions refuse everyone but their owner", async () => {
    const post = async (u: string, route: string, form: Record<string, string>) => {
      const b = new Browser(server.url);
      await b.login(u);
      return (await b.post(route, form)).status;
    };
    const failures: string[] = [];
    const cases: Array<[string, string, Record<string, string>]> = [
      [
        "observer",
        `/admin/competitions/${competitionId}?index`,
        { intent: "phase", phase: "review", reason: "x" },
      ],
      [
        "sec-chunhe",
        `/admin/competitions/${competitionId}/funds`,
        { "street.name": "x", "street.total": "1" },
      ],
      ["observer", `/proposals/${submittedId}`, { intent: "accept" }],
      ["judge1", `/proposals/${submittedId}`, { intent: "accept" }],
      ["sec-chunhe", `/proposals/${submittedId}`, { intent: "accept" }],
      ["sec-lanyuan", `/secretary/proposals/${draftId}`, { intent: "save", title: "劫持" }],
      ["sec-lanyuan", `/secretary/proposals/${draftId}/deck`, { intent: "remove", fileId: "1" }],
      [
        "sec-lanyuan",
        `/secretary/needs/${chunheNeedId}`,
        { intent: "update", title: "劫持", source: "other", raisedCount: "1", status: "open" },
      ],
      [
        "judge1",
        "/secretary/needs",
        { intent: "create", title: "x", source: "other", raisedCount: "1", status: "open" },
      ],
      ["observer", "/admin/needs", { intent: "import" }],
    ];
    for (const [u, route, form] of cases) {
      const status = await post(u, route, form);
      if (status !== 403) failures.push(`${u} POST ${route}: ${status}, expected 403`);
    }
    expect(failures).toEqual([]);
    const [row] = await server.services.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, submittedId));
    expect(row!.status).toBe("submitted");
  });
});
