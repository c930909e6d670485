/**
 * The one action pattern over HTTP, for the proposal and needs forms (issue 12): every action
 * dispatches on its `intent`. An unknown intent (or none) and a bad value each come back as an
 * error with a message and what was typed, and store nothing: no content, no draft, no audit
 * entry. A body no form of ours can send is a 400, never a 500.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  competitions,
  needs,
  proposalBudgetLines,
  proposalCofunding,
  proposalDeckFiles,
  proposalFundRequests,
  proposalMilestones,
  proposalNeeds,
  proposals,
} from "../../db/schema";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let sec: Browser;
let admin: Browser;
let competitionId: number;
let needId: number;
let draftId: number;
let submittedId: number;

const UNKNOWN = "无法识别的操作,请刷新页面后重试";
const PDF = fs.readFileSync("e2e/fixtures/deck.pdf");

/** Every row these forms could write, each table in id order. */
async function stored() {
  const db = server.services.db;
  const tables = {
    proposals,
    proposalNeeds,
    proposalMilestones,
    proposalBudgetLines,
    proposalFundRequests,
    proposalCofunding,
    proposalDeckFiles,
    needs,
    auditLog,
  };
  const out: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(tables)) {
    const rows = (await db.select().from(table)) as Array<{ id?: number }>;
    out[name] = rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }
  return out;
}

/** A refusal beside the form: the status, then the page's text (messages and what was typed). */
async function refused(res: Response, status = 400) {
  expect(res.status).toBe(status);
  return res.text();
}

/** The page a redirect leads to (where its toast is shown). */
async function follow(b: Browser, res: Response) {
  expect(res.status).toBe(302);
  return (await b.fetch(res.headers.get("Location")!)).text();
}

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file)
    body.append(
      "files",
      new Blob([new Uint8Array(file.bytes)], { type: "application/pdf" }),
      file.name,
    );
  return body;
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const [c] = await db.select().from(competitions);
  competitionId = c!.id;
  sec = new Browser(server.url);
  await sec.login("sec-chunhe");
  admin = new Browser(server.url);
  await admin.login("admin");

  const need = await sec.post("/secretary/needs", {
    intent: "create",
    title: "单元门禁损坏",
    source: "grid",
    raisedCount: "7",
    status: "open",
  });
  expect(need.status).toBe(302);
  needId = (await db.select().from(needs).where(eq(needs.title, "单元门禁损坏")))[0]!.id;

  const draft = async (title: string) => {
    const res = await sec.post("/secretary/proposals", {
      intent: "create",
      competitionId: String(competitionId),
      title,
    });
    expect(res.status).toBe(302);
    return Number(res.headers.get("Location")!.split("/").pop());
  };
  draftId = await draft("门禁修缮");
  submittedId = await draft("门禁修缮(已提交)");
  const fundIds = (
    await db.query.funds.findMany({
      where: (f, { eq: is }) => is(f.competitionId, competitionId),
      orderBy: (f, { asc }) => asc(f.kind),
    })
  ).map((f) => f.id);
  const upload = await sec.fetch(`/secretary/proposals/${submittedId}/deck`, {
    method: "POST",
    body: multipart({ intent: "upload" }, { name: "路演.pdf", bytes: PDF }),
  });
  expect(upload.status).toBe(302);
  expect(await follow(sec, upload)).toContain("已上传 1 个文件");
  const submit = await sec.post(`/secretary/proposals/${submittedId}`, {
    intent: "submit",
    title: "门禁修缮(已提交)",
    summary: "门禁修好,单元安心",
    problem: "单元门禁损坏三个月",
    beneficiaries: "五单元居民",
    beneficiaryCount: "60",
    plan: "更换门禁主机",
    team: "楼栋长",
    needIds: String(needId),
    "milestones[0].title": "主机安装",
    "budgetLines[0].item": "门禁主机",
    "budgetLines[0].quantity": "1",
    "budgetLines[0].unitPrice": "3,000",
    "requests[0].fundId": String(fundIds[0]),
    "requests[0].amount": "2,000",
  });
  expect(submit.status).toBe(302);
  expect(submit.headers.get("Location")).toBe(`/proposals/${submittedId}`);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("the proposal editor", () => {
  const editor = () => `/secretary/proposals/${draftId}`;
  const typed = {
    title: "门禁修缮改名",
    summary: "只是打了几个字",
    "budgetLines[0].item": "门禁主机",
    "budgetLines[0].quantity": "1",
    "budgetLines[0].unitPrice": "3,000",
  };

  it("answers an unknown or missing intent with a message and the form as typed, storing nothing", async () => {
    for (const intent of ["explode", "", null]) {
      const before = await stored();
      const form = intent === null ? typed : { intent, ...typed };
      const html = await refused(await sec.post(editor(), form));
      expect(html, String(intent)).toContain(UNKNOWN);
      expect(html).toContain('value="门禁修缮改名"');
      expect(html).toContain('value="3,000"');
      expect(await stored()).toEqual(before);
    }
  });

  it("refuses a bad value beside its field and leaves the content as it was", async () => {
    const before = await stored();
    const html = await refused(
      await sec.post(editor(), { intent: "save", ...typed, "budgetLines[0].unitPrice": "三千" }),
    );
    expect(html).toContain("金额格式不正确");
    expect(html).toContain('value="三千"');
    const after = await stored();
    // What was typed is kept as the proposal's draft (a reload shows it); nothing else changes.
    const withoutDraft = (rows: unknown[]) =>
      (rows as Array<Record<string, unknown>>).map(
        ({ formState: _s, formStateSavedAt: _t, ...row }) => row,
      );
    expect(withoutDraft(after.proposals!)).toEqual(withoutDraft(before.proposals!));
    expect({ ...after, proposals: [] }).toEqual({ ...before, proposals: [] });
    const [row] = await server.services.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, draftId));
    expect(JSON.stringify(row!.formState)).toContain("三千");
  });

  it("refuses a Conform list control it cannot apply with a 400, not a 500", async () => {
    const before = await stored();
    for (const control of [
      "not json",
      JSON.stringify({ type: "insert", payload: { name: "title" } }),
      JSON.stringify({ nonsense: true }),
    ]) {
      const res = await sec.post(editor(), { intent: "save", ...typed, __intent__: control });
      expect(res.status, control).toBe(400);
    }
    expect(await stored()).toEqual(before);
  });
});

describe("a new proposal", () => {
  it("answers an unknown intent with a message and the typed title, creating nothing", async () => {
    const before = await stored();
    const html = await refused(
      await sec.post("/secretary/proposals", {
        intent: "explode",
        competitionId: String(competitionId),
        title: "想建的项目",
      }),
    );
    expect(html).toContain(UNKNOWN);
    expect(html).toContain('value="想建的项目"');
    expect(await stored()).toEqual(before);
  });

  it("refuses a bad title or competition, creating nothing", async () => {
    const before = await stored();
    const long = "长".repeat(61);
    const tooLong = await refused(
      await sec.post("/secretary/proposals", {
        intent: "create",
        competitionId: String(competitionId),
        title: long,
      }),
    );
    expect(tooLong).toContain("内容过长(最多 60 个字)");
    expect(tooLong).toContain(`value="${long}"`);
    const empty = await refused(
      await sec.post("/secretary/proposals", {
        intent: "create",
        competitionId: String(competitionId),
        title: "",
      }),
    );
    expect(empty).toContain("请填写此项");
    const noCompetition = await refused(
      await sec.post("/secretary/proposals", {
        intent: "create",
        competitionId: "2147483648",
        title: "想建的项目",
      }),
    );
    expect(noCompetition).toContain("请选择有效的选项");
    expect(await stored()).toEqual(before);
  });
});

describe("the pitch deck", () => {
  const deck = () => `/secretary/proposals/${draftId}/deck`;

  it("answers an unknown intent with a message on the editor, storing nothing", async () => {
    const before = await stored();
    const plain = await sec.post(deck(), { intent: "explode", fileId: "1" });
    expect(await follow(sec, plain)).toContain(UNKNOWN);
    const upload = await sec.fetch(deck(), {
      method: "POST",
      body: multipart({ intent: "explode" }, { name: "路演.pdf", bytes: PDF }),
    });
    expect(await follow(sec, upload)).toContain(UNKNOWN);
    expect(await stored()).toEqual(before);
  });

  it("refuses a file id no page writes with a 400, and an upload without files with a message", async () => {
    const before = await stored();
    expect((await sec.post(deck(), { intent: "remove", fileId: "abc" })).status).toBe(400);
    expect((await sec.post(deck(), { intent: "remove" })).status).toBe(400);
    const empty = await sec.fetch(deck(), {
      method: "POST",
      body: multipart({ intent: "upload" }),
    });
    expect(await follow(sec, empty)).toContain("请选择文件");
    expect(await stored()).toEqual(before);
  });
});

describe("the needs page", () => {
  const need = {
    title: "楼顶漏水",
    description: "顶楼三户",
    source: "grid",
    raisedCount: "3",
    status: "open",
  };

  it("answers an unknown or missing intent with a message and the form as typed, storing nothing", async () => {
    const before = await stored();
    for (const form of [{ intent: "explode", ...need }, need]) {
      const html = await refused(await sec.post("/secretary/needs", form));
      expect(html).toContain(UNKNOWN);
      expect(html).toContain('value="楼顶漏水"');
    }
    const csv = new FormData();
    csv.append("intent", "explode");
    csv.append("file", new Blob(["标题,来源,提出人数\n楼顶漏水,走访,3\n"]), "needs.csv");
    const html = await refused(await sec.fetch("/secretary/needs", { method: "POST", body: csv }));
    expect(html).toContain(UNKNOWN);
    expect(await stored()).toEqual(before);
  });

  it("refuses a bad value beside its field, storing nothing", async () => {
    const before = await stored();
    const html = await refused(
      await sec.post("/secretary/needs", { intent: "create", ...need, raisedCount: "三" }),
    );
    expect(html).toContain("请输入整数");
    expect(html).toContain('value="楼顶漏水"');
    expect(await stored()).toEqual(before);
  });
});

describe("a need's page", () => {
  const path = () => `/secretary/needs/${needId}`;
  const need = { title: "单元门禁坏了", source: "grid", raisedCount: "7", status: "open" };

  it("answers an unknown intent with a message and the form as typed, storing nothing", async () => {
    const before = await stored();
    const html = await refused(await sec.post(path(), { intent: "explode", ...need }));
    expect(html).toContain(UNKNOWN);
    expect(html).toContain('value="单元门禁坏了"');
    expect(await stored()).toEqual(before);
  });

  it("refuses a bad value beside its field, storing nothing", async () => {
    const before = await stored();
    const html = await refused(
      await sec.post(path(), { intent: "update", ...need, title: "", status: "gone" }),
    );
    expect(html).toContain("请填写此项");
    expect(html).toContain("请选择有效的选项");
    expect(await stored()).toEqual(before);
  });
});

describe("the street's review", () => {
  const path = () => `/proposals/${submittedId}`;

  it("answers an unknown intent with a message and the reason as typed, storing nothing", async () => {
    const before = await stored();
    const html = await refused(
      await admin.post(path(), { intent: "explode", reason: "请补充报价" }),
    );
    expect(html).toContain(UNKNOWN);
    expect(html).toContain("请补充报价");
    expect(await stored()).toEqual(before);
  });

  it("refuses a return without a reason, or with a note too long, keeping the notes", async () => {
    const before = await stored();
    const noReason = await refused(
      await admin.post(path(), { intent: "return", reason: "", "notes.budgetLines": "附报价" }),
    );
    expect(noReason).toContain("请填写原因");
    expect(noReason).toContain('value="附报价"');
    const longNote = await refused(
      await admin.post(path(), {
        intent: "reject",
        reason: "不符合要求",
        "notes.plan": "长".repeat(1001),
      }),
    );
    expect(longNote).toContain("内容过长(最多 1000 个字)");
    expect(await stored()).toEqual(before);

    // The same form, filled in, returns it with the note for the secretary.
    const ok = await admin.post(path(), {
      intent: "return",
      reason: "请补充报价",
      "notes.budgetLines": "附两家报价",
    });
    expect(ok.status).toBe(302);
    const [row] = await server.services.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, submittedId));
    expect(row!.status).toBe("returned");
    expect(row!.reviewNotes).toEqual({
      reason: "请补充报价",
      fields: { budgetLines: "附两家报价" },
    });
  });
});
