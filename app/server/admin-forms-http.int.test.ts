/**
 * The one action pattern on the street's and the clerks' forms (issue 12), over HTTP against the
 * real server as a browser without JavaScript sends them: for every action, an unknown intent
 * and a bad value are answered 400 with the message in the form, what was typed is kept, and
 * nothing is saved; a good submission still saves.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ballotBatches,
  ballotTokens,
  competitionJudges,
  criteria,
  judgeLoginCodes,
  judgeRecusals,
  paperCounts,
  pollingStations,
  registryEntries,
  stationResults,
} from "../../db/schema";
import { type Browser, loggedIn, openDemoVoting, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let admin: Browser;

const UNKNOWN = "无法识别的操作";
const db = () => server.services.db;
const c = (path = "") => `/admin/competitions/${competitionId}${path}`;

const as = (username: string) => loggedIn(server.url, username);

/** A 400 whose page says `message` (and is the page, not an error boundary). */
async function refused(res: Response, ...messages: string[]) {
  expect(res.status).toBe(400);
  const html = await res.text();
  for (const m of messages) expect(html).toContain(m);
  expect(html).not.toContain("请求无效"); // the 400 error page's title
  return html;
}

beforeAll(async () => {
  server = await startTestServer();
  const [first] = await db().query.competitions.findMany({ limit: 1 });
  competitionId = first!.id;
  admin = await as("admin");
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe("criteria", () => {
  const stored = () =>
    db()
      .select()
      .from(criteria)
      .where(eq(criteria.competitionId, competitionId))
      .orderBy(asc(criteria.position));
  const form = async (over: Record<string, string> = {}) => {
    const body: Record<string, string> = { intent: "save" };
    (await stored()).forEach((row, i) => {
      body[`criteria[${i}].name`] = row.name;
      body[`criteria[${i}].description`] = row.description;
      body[`criteria[${i}].maxPoints`] = String(row.maxPoints);
    });
    return { ...body, ...over };
  };

  it("refuses an unknown intent and a bad value in the form, saving nothing", async () => {
    const before = await stored();
    const html = await refused(
      await admin.post(c("/criteria"), await form({ intent: "explode", "criteria[0].name": "新" })),
      UNKNOWN,
    );
    expect(html).toContain('value="新"');
    const bad = await refused(
      await admin.post(c("/criteria"), await form({ "criteria[0].maxPoints": "150" })),
      "请输入 1–100 之间的整数",
    );
    expect(bad).toContain('value="150"');
    expect(await stored()).toEqual(before);
  });

  it("answers a Conform control it cannot read with a 400, not a crash", async () => {
    const res = await admin.post(c("/criteria"), await form({ __intent__: "not json" }));
    expect(res.status).toBe(400);
    const list = await admin.post(
      c("/criteria"),
      await form({
        __intent__: JSON.stringify({ type: "remove", payload: { name: "intent", index: 0 } }),
      }),
    );
    expect(list.status).toBe(400);
  });

  it("saves a good form", async () => {
    const res = await admin.post(c("/criteria"), await form({ "criteria[0].name": "需求契合度" }));
    expect(res.status).toBe(302);
    expect((await stored())[0]!.name).toBe("需求契合度");
  });
});

describe("judges", () => {
  const panel = () =>
    db().select().from(competitionJudges).where(eq(competitionJudges.competitionId, competitionId));
  const recusals = () =>
    db().select().from(judgeRecusals).where(eq(judgeRecusals.competitionId, competitionId));
  /** The form as the page sends it: every judge on the panel, the seeded recusals. */
  const form = async (over: Record<string, string> = {}) => {
    const body = new URLSearchParams({ intent: "save" });
    const rs = await recusals();
    (await panel()).forEach((j, i) => {
      body.set(`panel[${i}].userId`, String(j.userId));
      body.set(`panel[${i}].on`, "on");
      for (const r of rs.filter((r) => r.judgeUserId === j.userId)) {
        body.append(`panel[${i}].recuse`, String(r.communityId));
        body.set(`panel[${i}].reason`, r.reason);
      }
    });
    for (const [k, v] of Object.entries(over)) body.set(k, v);
    return body;
  };

  it("refuses an unknown intent and a bad value in the form, saving nothing", async () => {
    const before = { panel: await panel(), recusals: await recusals() };
    await refused(await admin.post(c("/judges"), await form({ intent: "explode" })), UNKNOWN);
    const long = "很长的原因".repeat(50);
    const html = await refused(
      await admin.post(c("/judges"), await form({ "panel[0].reason": long })),
      "内容过长(最多 200 个字)",
    );
    expect(html).toContain(long);
    await refused(
      await admin.post(c("/judges"), await form({ "panel[1].userId": "abc" })),
      "请选择有效的选项",
    );
    // No rows at all (the page always sends one per judge) is not an empty panel.
    await refused(await admin.post(c("/judges"), { intent: "save" }), "评委名单没有随表单提交");
    expect({ panel: await panel(), recusals: await recusals() }).toEqual(before);
  });

  it("saves a good form", async () => {
    const [first] = await panel();
    const res = await admin.post(
      c("/judges"),
      await form({ "panel[0].recuse": "1", "panel[0].reason": "曾在该社区任职" }),
    );
    expect(res.status).toBe(302);
    expect(
      (await recusals()).filter((r) => r.judgeUserId === first!.userId).map((r) => r.reason),
    ).toEqual(["曾在该社区任职"]);
  });
});

describe("judge cards", () => {
  const codes = async () => (await db().select().from(judgeLoginCodes)).length;

  it("refuses an unknown intent in the form, issuing nothing", async () => {
    const before = await codes();
    await refused(await admin.post(c("/judge-cards"), { intent: "explode" }), UNKNOWN);
    expect(await codes()).toBe(before);
  });

  it("issues the cards", async () => {
    const res = await admin.post(c("/judge-cards"), { intent: "issue" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-testid="judge-pin"');
    expect(await codes()).toBeGreaterThan(0);
  });
});

describe("the voting tab", () => {
  let communityId: number;
  const batches = async () => (await db().select().from(ballotBatches)).length;
  const tokens = () =>
    db().select({ id: ballotTokens.id, status: ballotTokens.status }).from(ballotTokens);
  const stations = async () => (await db().select().from(pollingStations)).length;

  beforeAll(async () => {
    ({ competitionId } = await openDemoVoting(db()));
    const [community] = await db().query.communities.findMany({ limit: 1 });
    communityId = community!.id;
  });

  describe("issuing cards (A4 sheets and the print shop's CSV)", () => {
    const batch = (over: Record<string, string> = {}) => ({
      intent: "issue",
      name: "春和社区 第二批",
      communityId: String(communityId),
      count: "3",
      format: "print",
      ...over,
    });

    it("refuses an unknown intent and bad values in the form again, issuing nothing", async () => {
      const before = await batches();
      const unknown = await refused(
        await admin.post(c("/cards"), batch({ intent: "explode" })),
        UNKNOWN,
      );
      expect(unknown).toContain('value="春和社区 第二批"');
      const bad = await refused(
        await admin.post(c("/cards"), batch({ count: "0" })),
        "请输入 1–5000 之间的整数",
      );
      expect(bad).toContain('value="春和社区 第二批"');
      expect(bad).toMatch(/name="count"[^>]*value="0"/);
      await refused(
        await admin.post(c("/cards"), batch({ communityId: "999999" })),
        "请选择有效的选项",
      );
      const csv = await admin.post(c("/cards.csv"), batch({ intent: "explode", format: "csv" }));
      expect(csv.status).toBe(400);
      expect(await csv.text()).toContain(UNKNOWN);
      expect(await batches()).toBe(before);
    });

    it("issues a good batch", async () => {
      const res = await admin.post(c("/cards"), batch());
      expect(res.status).toBe(200);
      expect((await res.text()).match(/data-testid="check-code"/g)).toHaveLength(3);
    });
  });

  it("refuses an unknown intent on the tab, saving nothing", async () => {
    const before = { batches: await batches(), stations: await stations(), tokens: await tokens() };
    await refused(
      await admin.post(c("/voting"), { intent: "explode", name: "x", communityId: "1" }),
      UNKNOWN,
    );
    expect({
      batches: await batches(),
      stations: await stations(),
      tokens: await tokens(),
    }).toEqual(before);
  });

  describe("voiding one card", () => {
    async function issue() {
      const res = await admin.post(c("/cards.csv"), {
        intent: "issue",
        name: "作废测试批",
        communityId: "",
        count: "2",
      });
      const line = (await res.text()).split("\r\n")[1]!;
      return { batchId: res.headers.get("X-Batch-Id")!, checkCode: line.split(",")[1]! };
    }

    it("refuses a bad code and a code of no card beside the field, keeping it, voiding nothing", async () => {
      const { batchId } = await issue();
      const before = await tokens();
      const short = await refused(
        await admin.post(c("/voting"), {
          intent: "void",
          batchId,
          checkCode: "AB",
          reason: "丢失",
        }),
        "请输入卡片上印的校验码",
      );
      expect(short).toContain('value="AB"');
      expect(short).toContain('value="丢失"');
      const none = await refused(
        await admin.post(c("/voting"), { intent: "void", batchId, checkCode: "ZZZZZZ" }),
        "没有找到该校验码",
      );
      expect(none).toContain('value="ZZZZZZ"');
      await refused(
        await admin.post(c("/voting"), { intent: "void", batchId: "x", checkCode: "ZZZZZZ" }),
        "请选择有效的选项",
      );
      expect(await tokens()).toEqual(before);
    });

    it("voids a card by its code", async () => {
      const { batchId, checkCode } = await issue();
      const res = await admin.post(c("/voting"), { intent: "void", batchId, checkCode });
      expect(res.status).toBe(302);
      const [row] = await db()
        .select({ status: ballotTokens.status })
        .from(ballotTokens)
        .where(eq(ballotTokens.checkCode, checkCode));
      expect(row!.status).toBe("void");
    });
  });

  describe("voiding a whole batch", () => {
    it("refuses a missing reason beside the field, voiding nothing; voids with one", async () => {
      const res = await admin.post(c("/cards.csv"), {
        intent: "issue",
        name: "整批作废测试",
        communityId: "",
        count: "2",
      });
      const batchId = res.headers.get("X-Batch-Id")!;
      const before = await tokens();
      await refused(
        await admin.post(c("/voting"), { intent: "voidBatch", batchId, reason: "" }),
        "请填写作废原因",
      );
      expect(await tokens()).toEqual(before);
      const ok = await admin.post(c("/voting"), { intent: "voidBatch", batchId, reason: "丢失" });
      expect(ok.status).toBe(302);
    });
  });

  describe("the registry proof", () => {
    it("refuses nonsense in the form and saves a good choice", async () => {
      await refused(
        await admin.post(c("/voting"), { intent: "registryProof", registryProof: "pigeon" }),
        "请选择有效的选项",
      );
      const ok = await admin.post(c("/voting"), {
        intent: "registryProof",
        registryProof: "sms_code",
      });
      expect(ok.status).toBe(302);
      const [row] = await db().query.competitions.findMany({
        where: (t, { eq: is }) => is(t.id, competitionId),
      });
      expect(row!.registryProof).toBe("sms_code");
      await admin.post(c("/voting"), { intent: "registryProof", registryProof: "id_number" });
    });
  });

  describe("adding a station", () => {
    it("refuses an empty name, a duplicate and a community not offered, saving nothing", async () => {
      await admin.post(c("/voting"), {
        intent: "station",
        communityId: String(communityId),
        name: "重名站",
      });
      const before = await stations();
      await refused(
        await admin.post(c("/voting"), { intent: "station", communityId: "1", name: " " }),
        "请填写此项",
      );
      const dup = await refused(
        await admin.post(c("/voting"), {
          intent: "station",
          communityId: String(communityId),
          name: "重名站",
        }),
        "本次路演已有同名投票点",
      );
      expect(dup).toContain('value="重名站"');
      await refused(
        await admin.post(c("/voting"), { intent: "station", communityId: "999999", name: "新站" }),
        "请选择有效的选项",
      );
      expect(await stations()).toBe(before);
    });

    it("adds a good one", async () => {
      const before = await stations();
      const res = await admin.post(c("/voting"), {
        intent: "station",
        communityId: String(communityId),
        name: "新添加的站",
      });
      expect(res.status).toBe(302);
      expect(await stations()).toBe(before + 1);
    });
  });

  describe("importing the registry", () => {
    const entries = async () => (await db().select().from(registryEntries)).length;
    const upload = (csv: string | null, intent = "registryImport") => {
      const body = new FormData();
      body.append("intent", intent);
      if (csv !== null) body.append("file", new Blob([csv], { type: "text/csv" }), "r.csv");
      return admin.fetch(c("/voting"), { method: "POST", body });
    };

    it("refuses an unknown intent, no file and bad lines in the form, importing nothing", async () => {
      const before = await entries();
      await refused(await upload("姓名,手机,社区\n甲,13900009999,春和社区\n", "explode"), UNKNOWN);
      await refused(await upload(null), "请选择文件");
      await refused(await upload("姓名,手机,社区\n甲,12345,春和社区\n"), "名册导入失败", "第 2 行");
      expect(await entries()).toBe(before);
    });

    it("imports a good file", async () => {
      const before = await entries();
      const res = await upload("姓名,手机,社区\n表单测试,13900009999,春和社区\n");
      expect(res.status).toBe(302);
      expect(await entries()).toBe(before + 1);
    });
  });
});

describe("paper counts", () => {
  let stationId: number;
  let projectIds: number[];
  const counts = () => db().select().from(paperCounts).where(eq(paperCounts.stationId, stationId));
  const count = (over: Record<string, string> = {}) => ({
    intent: "count",
    ballotsCast: "20",
    invalid: "1",
    ...Object.fromEntries(projectIds.map((id, i) => [`votes-${id}`, i === 0 ? "10" : "0"])),
    ...over,
  });

  beforeAll(async () => {
    ({ projectIds } = await openDemoVoting(db()));
    const [community] = await db().query.communities.findMany({ limit: 1 });
    const [station] = await db()
      .insert(pollingStations)
      .values({ competitionId, communityId: community!.id, name: "表单测试站" })
      .returning();
    stationId = station!.id;
  });

  it("refuses a clerk's unknown intent and bad lines beside them, keeping them, saving nothing", async () => {
    const clerk = await as("clerk1");
    const route = `/clerk/${competitionId}/${stationId}`;
    await refused(await clerk.post(route, count({ intent: "explode" })), UNKNOWN);
    const html = await refused(
      await clerk.post(route, count({ ballotsCast: "二十", [`votes-${projectIds[1]}`]: "-3" })),
      "请输入非负整数",
    );
    expect(html).toMatch(/name="ballotsCast"[^>]*value="二十"/);
    expect(html).toMatch(new RegExp(`name="votes-${projectIds[1]}"[^>]*value="-3"`));
    expect(html).toMatch(
      /aria-invalid="true"[^>]*name="ballotsCast"|name="ballotsCast"[^>]*aria-invalid="true"/,
    );
    await refused(await clerk.post(route, count({ invalid: "30" })), "无效票不能多于选票总数");
    expect(await counts()).toEqual([]);
  });

  it("takes a clerk's good count, and the street resolves a mismatch only with good input", async () => {
    const route = `/clerk/${competitionId}/${stationId}`;
    expect((await (await as("clerk1")).post(route, count())).status).toBe(302);
    expect((await (await as("clerk2")).post(route, count({ invalid: "2" }))).status).toBe(302);
    expect(await counts()).toHaveLength(2);

    const resolve = c(`/stations/${stationId}`);
    await refused(await admin.post(resolve, count({ intent: "explode", reason: "复核" })), UNKNOWN);
    const html = await refused(
      await admin.post(resolve, { ...count({ invalid: "x" }), intent: "resolve", reason: "" }),
      "请输入非负整数",
      "请填写裁定原因",
    );
    expect(html).toMatch(/name="invalid"[^>]*value="x"/);
    const noResult = await db()
      .select()
      .from(stationResults)
      .where(eq(stationResults.stationId, stationId));
    expect(noResult).toEqual([]);

    const ok = await admin.post(resolve, {
      ...count({ invalid: "2" }),
      intent: "resolve",
      reason: "复核原始选票",
    });
    expect(ok.status).toBe(302);
    const [result] = await db()
      .select()
      .from(stationResults)
      .where(eq(stationResults.stationId, stationId));
    expect(result).toMatchObject({ source: "resolution", invalid: 2 });
  });
});
