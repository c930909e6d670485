/**
 * Authentication and authorisation. The session cookie (httpOnly, SameSite=Lax, signed, Secure
 * in production) carries only a random session id; the session row in the database says who
 * it is, so logging out or resetting a password revokes it at once.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  createCookieSessionStorage,
  redirect,
  type AppLoadContext,
  type SessionStorage,
} from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import type { Role } from "../domain/enums";
import { appendAudit } from "../models/audit.server";
import { verifyPassword } from "../models/password.server";
import { findUserForLogin, normaliseUsername } from "../models/user.server";
import { homeFor } from "../utils/roles";
import { blockedFor, recordFailure } from "./rate-limit.server";
import { safeRedirect } from "./safe-redirect";

const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const SESSION_KEY = "sid";

export interface AuthStorage {
  session: SessionStorage;
  flash: SessionStorage;
}

export function createAuthStorage(options: { secret: string; secure: boolean }): AuthStorage {
  const common = {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: options.secure,
    secrets: [options.secret],
  };
  return {
    session: createCookieSessionStorage({
      cookie: { name: "rs_session", maxAge: SESSION_TTL_MS / 1000, ...common },
    }),
    flash: createCookieSessionStorage({ cookie: { name: "rs_flash", ...common } }),
  };
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  communityId: number | null;
  /** The unit a partner login acts for (null for every other role). */
  partnerUnitId: number | null;
}

interface Args {
  request: Request;
  context: AppLoadContext;
}

async function readSessionId({ request, context }: Args) {
  const session = await context.services.auth.session.getSession(request.headers.get("Cookie"));
  const sid = session.get(SESSION_KEY);
  return typeof sid === "string" ? sid : null;
}

/** A session's name for its socket room: a hash, so the id itself never leaves the database. */
function sessionKeyOf(sid: string) {
  return createHash("sha256").update(`socket-room:${sid}`).digest("hex").slice(0, 32);
}

export async function currentSessionKey(args: Args) {
  const sid = await readSessionId(args);
  return sid ? sessionKeyOf(sid) : null;
}

/** The signed-in user, or null. */
export async function getUser(args: Args): Promise<SessionUser | null> {
  const sid = await readSessionId(args);
  if (!sid) return null;
  const { db } = args.context.services;
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      communityId: users.communityId,
      partnerUnitId: users.partnerUnitId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sid), gt(sessions.expiresAt, new Date()), eq(users.active, true)))
    .limit(1);
  return row ?? null;
}

/**
 * The signed-in user, or a thrown response: a redirect to the login page (and back) for a
 * visitor, 403 for a user without one of the roles asked for.
 */
export async function requireUser(args: Args, options: { role?: Role | readonly Role[] } = {}) {
  const user = await getUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  if (options.role) {
    const allowed = typeof options.role === "string" ? [options.role] : options.role;
    if (!allowed.includes(user.role)) {
      throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    }
  }
  return user;
}

export async function requireAnonymous(args: Args) {
  const user = await getUser(args);
  if (user) throw redirect(homeFor(user.role));
}

/** Creates the session row and redirects with its cookie. */
export async function startSession(args: Args, user: SessionUser, redirectTo: string | null) {
  const { db, auth } = args.context.services;
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id, userId: user.id, expiresAt });
  // Expired rows go away now and then; a login is a fine moment.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const session = await auth.session.getSession(args.request.headers.get("Cookie"));
  session.set(SESSION_KEY, id);
  const target = safeRedirect(redirectTo, homeFor(user.role));
  return redirect(target, {
    headers: { "Set-Cookie": await auth.session.commitSession(session, { expires: expiresAt }) },
  });
}

export async function endSession(args: Args) {
  const { db, auth } = args.context.services;
  const sid = await readSessionId(args);
  if (sid) {
    await db.delete(sessions).where(eq(sessions.id, sid));
    // The live pages opened with this session lose their sockets too.
    args.context.services.realtime.disconnectSession(sessionKeyOf(sid));
  }
  const session = await auth.session.getSession(args.request.headers.get("Cookie"));
  return redirect("/login", {
    headers: { "Set-Cookie": await auth.session.destroySession(session) },
  });
}

type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a username and password with brute-force throttling: 5 consecutive failures per
 * username and IP block that pair for 15 minutes; 100 failures a day block the IP.
 */
export async function authenticate(
  context: AppLoadContext,
  input: { username: string; password: string },
): Promise<LoginResult> {
  const { db, limiters } = context.services;

  const username = normaliseUsername(input.username);
  const ip = context.clientIp;
  const pairKey = `${username}|${ip}`;
  const blocked = Math.max(
    await blockedFor(limiters.loginByUserIp, pairKey),
    await blockedFor(limiters.loginByIp, ip),
  );
  if (blocked > 0) return { ok: false, reason: "throttled", retryAfterSeconds: blocked };

  const user = await findUserForLogin(db, username);
  const valid = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  if (!user || !valid) {
    const lockedFor = Math.max(
      await recordFailure(limiters.loginByUserIp, pairKey),
      await recordFailure(limiters.loginByIp, ip),
    );
    if (lockedFor > 0) {
      await appendAudit(
        db,
        { userId: null, label: `ip ${ip}` },
        {
          action: "auth.locked",
          subjectType: "user",
          subjectId: username,
          payload: { ip, seconds: lockedFor },
        },
      );
      return { ok: false, reason: "throttled", retryAfterSeconds: lockedFor };
    }
    return { ok: false, reason: "invalid" };
  }
  await limiters.loginByUserIp.delete(pairKey);
  await appendAudit(
    db,
    { userId: user.id, label: `${user.username} (${user.role})` },
    {
      action: "auth.login",
      subjectType: "user",
      subjectId: user.id,
      payload: { ip },
    },
  );
  return {
    ok: true,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      communityId: user.communityId,
      partnerUnitId: user.partnerUnitId,
    },
  };
}
