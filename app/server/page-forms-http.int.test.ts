/**
 * The one action pattern over HTTP, as a browser without JavaScript sends the forms: for every
 * action of the sign-in, user, needs, audit and residents' voting pages, an intent no form has
 * is answered 400 with "无法识别的操作" and saves nothing, a bad value is answered 400 with its
 * message beside the field and what was typed (never a secret), and a good submission works.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, competitions, users } from "../../db/schema";
import { issueJudgeCodes } from "../models/judge-login.server";
import { checkPassword } from "../models/user.server";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let admin: Browser;

const UNKNOWN = "无法识别的操作";

beforeAll(async () => {
  server = await startTestServer();
  admin = new Browser(server.url);
  await admin.login("admin");
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const db = () => server.services.db;
async function userNamed(username: string) {
  const [u] = await db().select().from(users).where(eq(users.username, username));
  return u;
}
async function auditCount(action: string) {
  return (await db().select().from(auditLog).where(eq(auditLog.action, action))).length;
}
/** Is this browser signed in (a staff page answers 200, not a redirect to /login)? */
async function signedIn(b: Browser) {
  return (await b.fetch("/me/password")).status === 200;
}

describe("/login", () => {
  it("refuses an unknown intent in words and signs no one in", async () => {
    const b = new Browser(server.url);
    const res = await b.post("/login", {
      intent: "explode",
      username: "admin",
      password: "typed-secret-1",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(UNKNOWN);
    expect(html).toContain('value="admin"');
    expect(html).not.toContain("typed-secret-1");
    expect(await signedIn(b)).toBe(false);
  });

  it("says what is missing beside the field, keeping the username but not the password", async () => {
    const b = new Browser(server.url);
    const res = await b.post("/login", { intent: "login", username: "admin", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请填写此项");
    expect(html).toContain('value="admin"');
    expect(await signedIn(b)).toBe(false);
  });

  it("signs in with the form's intent and without one (scripts)", async () => {
    const withIntent = new Browser(server.url);
    const res = await withIntent.post("/login", {
      intent: "login",
      username: "observer",
      password: "huashan2026",
    });
    expect(res.status).toBe(302);
    expect(await signedIn(withIntent)).toBe(true);
    const bare = new Browser(server.url);
    expect(
      (await bare.post("/login", { username: "observer", password: "huashan2026" })).status,
    ).toBe(302);
  });
});

describe("/logout", () => {
  it("refuses an intent no form sends and stays signed in; the header's form signs out", async () => {
    const b = new Browser(server.url);
    await b.login("observer");
    const odd = await b.post("/logout", { intent: "explode" });
    expect(odd.status).toBe(400);
    expect(await signedIn(b)).toBe(true);
    const out = await b.post("/logout", { intent: "logout" });
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/login");
    expect(await signedIn(b)).toBe(false);
  });
});

describe("/me/password", () => {
  it("refuses an unknown intent and a short password without changing it; a good change signs out", async () => {
    const b = new Browser(server.url);
    await b.login("clerk2");
    const clerk = (await userNamed("clerk2"))!;
    const odd = await b.post("/me/password", {
      intent: "explode",
      current: "huashan2026",
      password: "a-new-password-1",
      confirm: "a-new-password-1",
    });
    expect(odd.status).toBe(400);
    const oddHtml = await odd.text();
    expect(oddHtml).toContain(UNKNOWN);
    expect(oddHtml).not.toContain("a-new-password-1");
    expect(await checkPassword(db(), clerk.id, "huashan2026")).toBe(true);

    const short = await b.post("/me/password", {
      intent: "change-password",
      current: "huashan2026",
      password: "short",
      confirm: "short",
    });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(shortHtml).toContain("密码至少 8 位");
    expect(shortHtml).not.toContain('value="short"');
    expect(await checkPassword(db(), clerk.id, "huashan2026")).toBe(true);

    const ok = await b.post("/me/password", {
      intent: "change-password",
      current: "huashan2026",
      password: "a-new-password-1",
      confirm: "a-new-password-1",
    });
    expect(ok.status).toBe(302);
    expect(await checkPassword(db(), clerk.id, "a-new-password-1")).toBe(true);
  });
});

describe("/j/<token> (judge card PIN)", () => {
  it("refuses an unknown intent and a malformed PIN without signing in or counting a guess; the PIN signs in", async () => {
    const [c] = await db().select().from(competitions);
    const { cards } = await issueJudgeCodes(db(), { userId: null, label: "test" }, c!.id);
    const card = cards[0]!;
    const path = `/j/${card.token}`;
    const tablet = new Browser(server.url);
    const logins = await auditCount("auth.login_pin");

    const odd = await tablet.post(path, { intent: "explode", pin: card.pin });
    expect(odd.status).toBe(400);
    const oddHtml = await odd.text();
    expect(oddHtml).toContain(UNKNOWN);
    expect(oddHtml).not.toContain(`value="${card.pin}"`);

    const malformed = await tablet.post(path, { intent: "pin", pin: "12ab" });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("请输入登录卡上的 6 位数字 PIN");
    expect(await signedIn(tablet)).toBe(false);
    expect(await auditCount("auth.login_pin")).toBe(logins);

    const ok = await tablet.post(path, {
      intent: "pin",
      pin: `${card.pin.slice(0, 3)} ${card.pin.slice(3)}`,
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/judge/live/${c!.id}`);
    expect(await auditCount("auth.login_pin")).toBe(logins + 1);
  });
});

describe("/admin/users/new", () => {
  const fields = {
    intent: "create",
    username: "new-judge",
    displayName: "新评委",
    role: "judge",
    communityId: "",
    title: "",
    password: "judge-password-1",
  };

  it("refuses an unknown intent and a bad username, keeping what was typed but the password", async () => {
    const odd = await admin.post("/admin/users/new", { ...fields, intent: "explode" });
    expect(odd.status).toBe(400);
    const oddHtml = await odd.text();
    expect(oddHtml).toContain(UNKNOWN);
    expect(oddHtml).toContain('value="新评委"');
    expect(oddHtml).not.toContain("judge-password-1");

    const bad = await admin.post("/admin/users/new", { ...fields, username: "No Spaces!" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("用户名只能包含小写字母");
    expect(badHtml).toContain('value="No Spaces!"');
    expect(await userNamed("new-judge")).toBeUndefined();
  });

  it("creates the user", async () => {
    const res = await admin.post("/admin/users/new", fields);
    expect(res.status).toBe(302);
    expect((await userNamed("new-judge"))?.displayName).toBe("新评委");
  });
});

describe("/admin/users/<id>", () => {
  it("refuses an unknown intent and a bad value for each form, changing nothing; each form saves", async () => {
    const judge = (await userNamed("judge5"))!;
    const path = `/admin/users/${judge.id}`;
    const profile = {
      intent: "update",
      displayName: "改过的名字",
      title: judge.title ?? "",
      role: "judge",
      communityId: "",
      active: "on",
    };
    const odd = await admin.post(path, { ...profile, intent: "explode" });
    expect(odd.status).toBe(400);
    const oddHtml = await odd.text();
    expect(oddHtml).toContain(UNKNOWN);
    expect(oddHtml).toContain('value="改过的名字"');

    const noCommunity = await admin.post(path, { ...profile, role: "secretary" });
    expect(noCommunity.status).toBe(400);
    const badHtml = await noCommunity.text();
    expect(badHtml).toContain("社区书记必须选择所属社区");
    expect(badHtml).toContain('value="改过的名字"');

    const short = await admin.post(path, { intent: "reset-password", password: "short" });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(shortHtml).toContain("密码至少 8 位");
    expect(shortHtml).not.toContain('value="short"');

    const unchanged = (await userNamed("judge5"))!;
    expect(unchanged.displayName).toBe(judge.displayName);
    expect(unchanged.role).toBe("judge");
    expect(await checkPassword(db(), judge.id, "huashan2026")).toBe(true);

    expect((await admin.post(path, profile)).status).toBe(302);
    expect((await userNamed("judge5"))!.displayName).toBe("改过的名字");
    const reset = await admin.post(path, {
      intent: "reset-password",
      password: "reset-password-1",
    });
    expect(reset.status).toBe(302);
    expect(await checkPassword(db(), judge.id, "reset-password-1")).toBe(true);
  });
});

describe("/admin/competitions/new", () => {
  it("refuses an unknown intent in words and creates nothing", async () => {
    const res = await admin.post("/admin/competitions/new", {
      intent: "explode",
      title: "明年的路演",
      slug: "next-year-intent",
      year: "2027",
      round: "1",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(UNKNOWN);
    expect(html).toContain('value="明年的路演"');
    const rows = await db()
      .select()
      .from(competitions)
      .where(and(eq(competitions.slug, "next-year-intent")));
    expect(rows).toHaveLength(0);
  });
});

describe("/admin/needs (CSV import)", () => {
  const csv = "社区,标题,描述,来源,提出人数,状态\n春和社区,意图测试的需求,,网格员,3,待解决\n";
  function importForm(fields: Record<string, string>, file: string | null = csv) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (file !== null) body.append("file", new Blob([file], { type: "text/csv" }), "needs.csv");
    return admin.fetch("/admin/needs", { method: "POST", body });
  }
  const stored = async () =>
    (await db().query.needs.findMany({ where: (n, { eq: is }) => is(n.title, "意图测试的需求") }))
      .length;

  it("refuses an unknown intent and a missing file in words, importing nothing; the file imports", async () => {
    const odd = await importForm({ intent: "explode" });
    expect(odd.status).toBe(400);
    expect(await odd.text()).toContain(UNKNOWN);
    const empty = await importForm({ intent: "import" }, "");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("请选择文件");
    expect(await stored()).toBe(0);
    const ok = await importForm({ intent: "import" });
    expect(ok.status).toBe(302);
    expect(await stored()).toBe(1);
  });
});

describe("/audit (verify the chain)", () => {
  it("refuses an unknown intent in words; the button verifies", async () => {
    const odd = await admin.post("/audit", { intent: "explode" });
    expect(odd.status).toBe(400);
    const html = await odd.text();
    expect(html).toContain(UNKNOWN);
    expect(html).not.toContain("哈希链完整");
    const ok = await admin.post("/audit", { intent: "verify" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("哈希链完整");
  });
});
