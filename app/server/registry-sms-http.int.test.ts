/**
 * The registry path with SMS codes, over HTTP against the real server: the street chooses the
 * proof, name + phone only ask for a code (one answer for everyone), and only the code sent to
 * the phone on file opens the resident's card. SMS go through the in-memory driver
 * (SMS_DRIVER=memory), our own pluggable boundary; the database is real.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { competitions, registryCodes } from "../../db/schema";
import type { MemorySmsSender } from "../services/sms.server";
import { Browser, openDemoVoting, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let slug: string;
let projectIds: number[];
let sms: MemorySmsSender;

const SENT = "如果信息与名册一致,验证码已发送到登记的手机";
const REFUSED = "验证码不正确或已失效";

function codeFor(phone: string) {
  const text = sms.lastTo(phone)?.text;
  return text ? /验证码是 (\d{6})/.exec(text)![1]! : undefined;
}

const PHONES = ["01", "02", "03", "04", "05", "98", "99"].map((n) => `139000000${n}`);

/** A fresh start per test, so one test's tries do not block another's. */
async function resetLimits() {
  const l = server.services.limiters;
  for (const phone of PHONES) {
    await l.registryByPhone.delete(`${competitionId}|${phone}`);
    await l.smsByPhoneMinute.delete(phone);
    await l.smsByPhoneHour.delete(phone);
  }
  for (const ip of ["127.0.0.1", "::ffff:127.0.0.1"]) await l.registryByIp.delete(ip);
}

beforeAll(async () => {
  server = await startTestServer({ env: { SMS_DRIVER: "memory" } });
  sms = server.services.sms as MemorySmsSender;
  expect(sms.driver).toBe("memory");
  const db = server.services.db;
  ({ competitionId, slug, projectIds } = await openDemoVoting(db));

  const admin = new Browser(server.url);
  await admin.login("admin");
  const csv = [
    "姓名,手机,社区,证件号",
    "孙一,13900000001,春和社区,",
    "孙二,13900000002,春和社区,110101199003070002",
    "孙三,13900000003,春和社区,",
    "孙四,13900000004,春和社区,",
    "孙五,13900000005,春和社区,",
  ].join("\n");
  const body = new FormData();
  body.append("file", new Blob([csv], { type: "text/csv" }), "registry.csv");
  expect(
    (await admin.fetch(`/admin/competitions/${competitionId}/voting`, { method: "POST", body }))
      .status,
  ).toBe(302);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(resetLimits);

describe("the street chooses the registry proof", () => {
  it("defaults to the 证件号, is switched to SMS codes on the voting page, and refuses nonsense in words", async () => {
    const [before] = await server.services.db
      .select({ proof: competitions.registryProof })
      .from(competitions)
      .where(eq(competitions.id, competitionId));
    expect(before!.proof).toBe("id_number");
    const admin = new Browser(server.url);
    await admin.login("admin");
    const page = await (await admin.fetch(`/admin/competitions/${competitionId}/voting`)).text();
    expect(page).toContain("名册核验方式");
    expect(page).toContain("两种方式都防不住拿着居民手机的家人");
    const bad = await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "registryProof",
      registryProof: "carrier_pigeon",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请选择有效的选项");
    const ok = await admin.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "registryProof",
      registryProof: "sms_code",
    });
    expect(ok.status).toBe(302);
    const [after] = await server.services.db
      .select({ proof: competitions.registryProof })
      .from(competitions)
      .where(eq(competitions.id, competitionId));
    expect(after!.proof).toBe("sms_code");
    // A judge or the public cannot change it.
    const anon = new Browser(server.url);
    const refused = await anon.post(`/admin/competitions/${competitionId}/voting`, {
      intent: "registryProof",
      registryProof: "id_number",
    });
    expect([302, 401, 403]).toContain(refused.status);
  });
});

describe("voting with an SMS code", () => {
  beforeAll(async () => {
    await server.services.db
      .update(competitions)
      .set({ registryProof: "sms_code" })
      .where(eq(competitions.id, competitionId));
  });

  it("name + phone send a code; the code opens the card, which votes; a second visit shows the receipt", async () => {
    const resident = new Browser(server.url);
    const landing = await (await resident.fetch(`/vote/${slug}`)).text();
    expect(landing).toContain("获取短信验证码");
    expect(landing).not.toContain('name="document"');
    const ask = await resident.post(`/vote/${slug}`, {
      name: "孙一",
      phone: "139 0000 0001",
      intent: "send",
    });
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain(SENT);
    expect(html).toContain('name="code"');
    const code = codeFor("13900000001");
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.lastTo("13900000001")!.text).not.toContain("孙一");
    const ok = await resident.post(`/vote/${slug}`, {
      name: "孙一",
      phone: "13900000001",
      code: code!,
      intent: "code",
    });
    expect(ok.status).toBe(302);
    const voteUrl = ok.headers.get("Location")!;
    expect(voteUrl).toMatch(/^\/v\/\d+\.[A-Za-z0-9_-]{20,}$/);
    const cast = await resident.post(voteUrl, { choice: String(projectIds[0]), intent: "confirm" });
    expect(cast.status).toBe(302);
    // The code was used up: it opens nothing again.
    const reused = await resident.post(`/vote/${slug}`, {
      name: "孙一",
      phone: "13900000001",
      code: code!,
      intent: "code",
    });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain(REFUSED);
    // A new code leads to the same card, showing its receipt; nothing was voided.
    await resetLimits();
    await resident.post(`/vote/${slug}`, { name: "孙一", phone: "13900000001", intent: "send" });
    const again = await resident.post(`/vote/${slug}`, {
      name: "孙一",
      phone: "13900000001",
      code: codeFor("13900000001")!,
      intent: "code",
    });
    expect(again.headers.get("Location")).toBe(voteUrl);
    expect(await (await resident.fetch(voteUrl)).text()).toContain("这张选票已经投过了");
  });

  it("name + phone (and even the 证件号) alone never give a card", async () => {
    const resident = new Browser(server.url);
    const tries: Array<Record<string, string>> = [
      { name: "孙二", phone: "13900000002" },
      { name: "孙二", phone: "13900000002", document: "110101199003070002" },
      { name: "孙二", phone: "13900000002", intent: "verify" },
    ];
    for (const fields of tries) {
      await resetLimits();
      const r = await resident.post(`/vote/${slug}`, fields);
      expect(r.status).toBe(200);
      expect(r.headers.get("Location")).toBeNull();
      expect(await r.text()).toContain(SENT);
    }
    const noCode = await resident.post(`/vote/${slug}`, {
      name: "孙二",
      phone: "13900000002",
      intent: "code",
    });
    expect(noCode.status).toBe(400);
    expect(await noCode.text()).toContain("请输入短信中的 6 位数字验证码");
  });

  it("answers alike whether or not name and phone are in the registry, and sends only to residents", async () => {
    const resident = new Browser(server.url);
    const before = sms.sent.length;
    const member = await resident.post(`/vote/${slug}`, {
      name: "孙三",
      phone: "13900000003",
      intent: "send",
    });
    const stranger = await resident.post(`/vote/${slug}`, {
      name: "不在名册",
      phone: "13900000099",
      intent: "send",
    });
    expect(member.status).toBe(stranger.status);
    const strip = (html: string) =>
      html.replace(/value="[^"]*"/g, "").replace(/<script[\s\S]*?<\/script>/g, "");
    expect(strip(await member.text())).toBe(strip(await stranger.text()));
    expect(sms.sent.length).toBe(before + 1);
    expect(sms.lastTo("13900000099")).toBeUndefined();
    // A guessed code for the stranger is refused in the same words as a wrong one for a resident.
    const strangerCode = await resident.post(`/vote/${slug}`, {
      name: "不在名册",
      phone: "13900000099",
      code: "123456",
      intent: "code",
    });
    const right = codeFor("13900000003")!;
    const wrongCode = await resident.post(`/vote/${slug}`, {
      name: "孙三",
      phone: "13900000003",
      code: right === "000000" ? "000001" : "000000",
      intent: "code",
    });
    expect(strangerCode.status).toBe(400);
    expect(wrongCode.status).toBe(400);
    expect(strip(await strangerCode.text())).toBe(strip(await wrongCode.text()));
    // A resident who voted already gets the same answer as one who has not (孙一 voted above).
    await resetLimits();
    const voted = await resident.post(`/vote/${slug}`, {
      name: "孙一",
      phone: "13900000001",
      intent: "send",
    });
    expect(voted.status).toBe(200);
    expect(await voted.text()).toContain(SENT);
  });

  it("a wrong code is refused in words, keeping what was typed; five wrong tries kill the code", async () => {
    const resident = new Browser(server.url);
    await resident.post(`/vote/${slug}`, { name: "孙四", phone: "13900000004", intent: "send" });
    const right = codeFor("13900000004")!;
    const wrong = right === "999999" ? "999998" : "999999";
    const first = await resident.post(`/vote/${slug}`, {
      name: "孙四",
      phone: "13900000004",
      code: wrong,
      intent: "code",
    });
    expect(first.status).toBe(400);
    const html = await first.text();
    expect(html).toContain(REFUSED);
    expect(html).toContain(`value="${wrong}"`);
    expect(html).toContain('value="13900000004"');
    for (let i = 0; i < 4; i++)
      await resident.post(`/vote/${slug}`, {
        name: "孙四",
        phone: "13900000004",
        code: wrong,
        intent: "code",
      });
    const late = await resident.post(`/vote/${slug}`, {
      name: "孙四",
      phone: "13900000004",
      code: right,
      intent: "code",
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain(REFUSED);
    // More wrong tries on the phone stop it for a while.
    const blocked = await resident.post(`/vote/${slug}`, {
      name: "孙四",
      phone: "13900000004",
      code: right,
      intent: "code",
    });
    expect([400, 429]).toContain(blocked.status);
    for (let i = 0; i < 3; i++)
      await resident.post(`/vote/${slug}`, {
        name: "孙四",
        phone: "13900000004",
        code: wrong,
        intent: "code",
      });
    const locked = await resident.post(`/vote/${slug}`, {
      name: "孙四",
      phone: "13900000004",
      code: right,
      intent: "code",
    });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("尝试次数过多");
  });

  it("an expired code is refused", async () => {
    const resident = new Browser(server.url);
    await resident.post(`/vote/${slug}`, { name: "孙五", phone: "13900000005", intent: "send" });
    const code = codeFor("13900000005")!;
    await server.services.db
      .update(registryCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` });
    const late = await resident.post(`/vote/${slug}`, {
      name: "孙五",
      phone: "13900000005",
      code,
      intent: "code",
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain(REFUSED);
  });

  it("codes are sent at most once a minute and five times an hour per phone, for residents and strangers alike", async () => {
    const resident = new Browser(server.url);
    for (const [name, phone] of [
      ["孙五", "13900000005"],
      ["不在名册", "13900000098"],
    ] as const) {
      const first = await resident.post(`/vote/${slug}`, { name, phone, intent: "send" });
      expect(first.status).toBe(200);
      const second = await resident.post(`/vote/${slug}`, { name, phone, intent: "send" });
      expect(second.status).toBe(429);
      expect(await second.text()).toMatch(/验证码发送太频繁,请 \d+ 秒后再试/);
    }
    const hour = server.services.limiters.smsByPhoneHour;
    await server.services.limiters.smsByPhoneMinute.delete("13900000005");
    await hour.set("13900000005", 5, 3600);
    const sixth = await resident.post(`/vote/${slug}`, {
      name: "孙五",
      phone: "13900000005",
      intent: "send",
    });
    expect(sixth.status).toBe(429);
  });
});
