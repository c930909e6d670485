import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, communities, sessions, streets } from "../../db/schema";
import { useTestDb } from "../../db/testing/test-db";
import { createUser, setPassword, updateUser, UsernameTakenError } from "../models/user.server";
import { makeContext, makeServices } from "../testing/context";
import { authenticate, getUser, requireUser, startSession } from "./auth.server";

const t = useTestDb();
const admin = { userId: null, label: "test" };

async function cookieFrom(response: Response) {
  const setCookie = response.headers.get("Set-Cookie")!;
  return setCookie.split(";")[0]!;
}

describe("accounts and sessions", () => {
  let communityId: number;
  beforeEach(async () => {
    const [s] = await t.db.insert(streets).values({ name: "花山街道" }).returning();
    const [c] = await t.db
      .insert(communities)
      .values({ streetId: s!.id, name: "春和社区" })
      .returning();
    communityId = c!.id;
  });

  it("logs in with the right password, case-insensitively by username, and audits it", async () => {
    const user = await createUser(t.db, admin, {
      username: "Sec-Chunhe",
      displayName: "李春梅",
      role: "secretary",
      communityId,
      password: "correct horse",
    });
    expect(user.username).toBe("sec-chunhe");
    const context = makeContext(makeServices(t.handle));
    const result = await authenticate(context, {
      username: "SEC-CHUNHE",
      password: "correct horse",
    });
    expect(result).toMatchObject({
      ok: true,
      user: { id: user.id, role: "secretary", communityId },
    });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.login"));
    expect(entries).toHaveLength(1);
    expect(await authenticate(context, { username: "sec-chunhe", password: "wrong" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(context, { username: "nobody", password: "x" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("stores only an argon2id hash", async () => {
    await createUser(t.db, admin, {
      username: "judge1",
      displayName: "陈",
      role: "judge",
      password: "a-long-password",
    });
    const rows = await t.db.query.users.findMany();
    expect(rows[0]!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a taken username", async () => {
    const input = {
      username: "judge1",
      displayName: "陈",
      role: "judge" as const,
      password: "a-long-password",
    };
    await createUser(t.db, admin, input);
    await expect(createUser(t.db, admin, input)).rejects.toBeInstanceOf(UsernameTakenError);
  });

  it("throttles after five failures for a username and IP, but not other IPs", async () => {
    await createUser(t.db, admin, {
      username: "judge2",
      displayName: "刘",
      role: "judge",
      password: "a-long-password",
    });
    const services = makeServices(t.handle);
    const attacker = makeContext(services, "198.51.100.1");
    for (let i = 0; i < 4; i++) {
      expect(
        await authenticate(attacker, { username: "judge2", password: "guess" + i }),
      ).toMatchObject({
        reason: "invalid",
      });
    }
    const fifth = await authenticate(attacker, { username: "judge2", password: "guess5" });
    expect(fifth).toMatchObject({ ok: false, reason: "throttled" });
    // Even the right password is refused while blocked...
    expect(
      await authenticate(attacker, { username: "judge2", password: "a-long-password" }),
    ).toMatchObject({
      reason: "throttled",
    });
    // ...but the real judge on another device can still sign in.
    const judge = makeContext(services, "192.0.2.10");
    expect(
      await authenticate(judge, { username: "judge2", password: "a-long-password" }),
    ).toMatchObject({ ok: true });
    const locked = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.locked"));
    expect(locked).toHaveLength(1);
  });

  it("creates a revocable session; a password reset or deactivation ends it", async () => {
    const user = await createUser(t.db, admin, {
      username: "observer",
      displayName: "监督员",
      role: "observer",
      password: "a-long-password",
    });
    const context = makeContext(makeServices(t.handle));
    const login = await startSession(
      { request: new Request("http://x/login"), context },
      { ...user, communityId: null },
      "/observer",
    );
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/observer");
    const setCookie = login.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const request = new Request("http://x/observer", {
      headers: { Cookie: await cookieFrom(login) },
    });
    expect(await getUser({ request, context })).toMatchObject({ id: user.id, role: "observer" });

    await setPassword(t.db, admin, user.id, "another-password", "user.reset_password");
    expect(await getUser({ request, context })).toBeNull();
    expect(await t.db.select().from(sessions)).toHaveLength(0);

    const again = await startSession(
      { request: new Request("http://x/login"), context },
      { ...user, communityId: null },
      null,
    );
    const request2 = new Request("http://x/observer", {
      headers: { Cookie: await cookieFrom(again) },
    });
    expect(await getUser({ request: request2, context })).not.toBeNull();
    await updateUser(t.db, admin, user.id, {
      displayName: "监督员",
      title: "",
      role: "observer",
      communityId: null,
      active: false,
    });
    expect(await getUser({ request: request2, context })).toBeNull();
    expect(
      await authenticate(context, { username: "observer", password: "another-password" }),
    ).toMatchObject({
      reason: "invalid",
    });
  });

  it("requireUser redirects visitors to login and back, and refuses other roles with 403", async () => {
    const context = makeContext(makeServices(t.handle));
    const visitor = new Request("http://x/admin/users?page=2");
    const redirect = await requireUser(
      { request: visitor, context },
      { role: "street_admin" },
    ).catch((r: Response) => r);
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).headers.get("Location")).toBe(
      "/login?redirectTo=%2Fadmin%2Fusers%3Fpage%3D2",
    );

    const user = await createUser(t.db, admin, {
      username: "clerk1",
      displayName: "甲",
      role: "clerk",
      password: "a-long-password",
    });
    const login = await startSession(
      { request: visitor, context },
      { ...user, communityId: null },
      null,
    );
    const request = new Request("http://x/admin", { headers: { Cookie: await cookieFrom(login) } });
    const denied = await requireUser({ request, context }, { role: "street_admin" }).catch(
      (r: Response) => r,
    );
    expect((denied as Response).status).toBe(403);
    expect(await requireUser({ request, context }, { role: ["clerk", "observer"] })).toMatchObject({
      id: user.id,
    });
  });

  it("audits every user change in the same transaction", async () => {
    const user = await createUser(t.db, admin, {
      username: "judge3",
      displayName: "张",
      role: "judge",
      password: "a-long-password",
    });
    await updateUser(t.db, admin, user.id, {
      displayName: "张伟",
      title: "教授",
      role: "judge",
      communityId: null,
      active: true,
    });
    await setPassword(t.db, admin, user.id, "new-password-1", "user.reset_password");
    const actions = (await t.db.select().from(auditLog)).map((e) => e.action);
    expect(actions).toEqual(["user.create", "user.update", "user.reset_password"]);
    const update = (
      await t.db.select().from(auditLog).where(eq(auditLog.action, "user.update"))
    )[0]!;
    expect(update.payload).toMatchObject({
      before: { displayName: "张" },
      after: { displayName: "张伟", title: "教授" },
    });
  });
});
