/** Users and their roles. Every change is audited in the same transaction. */
import { asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { communities, sessions, users } from "../../db/schema";
import type { Role } from "../domain/enums";
import { appendAudit, type Actor } from "./audit.server";
import { hashPassword, verifyPassword } from "./password.server";

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  title: users.title,
  role: users.role,
  communityId: users.communityId,
  partnerUnitId: users.partnerUnitId,
  active: users.active,
  createdAt: users.createdAt,
};

export function normaliseUsername(username: string) {
  return username.trim().toLowerCase();
}

export async function listUsers(db: DbOrTx) {
  return db
    .select({ ...userColumns, communityName: communities.name })
    .from(users)
    .leftJoin(communities, eq(communities.id, users.communityId))
    .orderBy(asc(users.role), asc(users.username));
}

export async function getUserById(db: DbOrTx, id: number) {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function findUserForLogin(db: DbOrTx, username: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.username, normaliseUsername(username)))
    .limit(1);
  return row ?? null;
}

export class UsernameTakenError extends Error {}

interface NewUser {
  username: string;
  displayName: string;
  title?: string;
  role: Role;
  communityId?: number | null;
  /** Required for (and only kept with) the partner role. */
  partnerUnitId?: number | null;
  password: string;
}

export async function createUser(db: Db, actor: Actor, input: NewUser) {
  const passwordHash = await hashPassword(input.password);
  const username = normaliseUsername(input.username);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username,
        displayName: input.displayName,
        title: input.title ?? "",
        role: input.role,
        communityId: input.role === "secretary" ? (input.communityId ?? null) : null,
        partnerUnitId: input.role === "partner" ? (input.partnerUnitId ?? null) : null,
        passwordHash,
      })
      .onConflictDoNothing({ target: users.username })
      .returning(userColumns);
    if (!row) throw new UsernameTakenError(username);
    await appendAudit(tx, actor, {
      action: "user.create",
      subjectType: "user",
      subjectId: row.id,
      payload: {
        username,
        role: row.role,
        communityId: row.communityId,
        ...(row.partnerUnitId ? { partnerUnitId: row.partnerUnitId } : {}),
      },
    });
    return row;
  });
}

interface UserUpdate {
  displayName: string;
  title: string;
  role: Role;
  communityId: number | null;
  active: boolean;
}

export async function updateUser(db: Db, actor: Actor, id: number, input: UserUpdate) {
  return db.transaction(async (tx) => {
    const before = await getUserById(tx, id);
    if (!before) return null;
    const communityId = input.role === "secretary" ? input.communityId : null;
    // A partner login keeps its unit; any other role has none.
    const partnerUnitId = input.role === "partner" ? before.partnerUnitId : null;
    const [row] = await tx
      .update(users)
      .set({ ...input, communityId, partnerUnitId, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning(userColumns);
    // A deactivated user or a changed role must sign in again.
    if (!input.active || before.role !== input.role) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
    }
    await appendAudit(tx, actor, {
      action: "user.update",
      subjectType: "user",
      subjectId: id,
      payload: {
        before: pick(before, ["displayName", "title", "role", "communityId", "active"]),
        after: pick(row!, ["displayName", "title", "role", "communityId", "active"]),
      },
    });
    return row!;
  });
}

/** Sets a new password and signs the user out everywhere. */
export async function setPassword(
  db: Db,
  actor: Actor,
  id: number,
  password: string,
  action: "user.reset_password" | "user.change_password",
) {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!row) return false;
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendAudit(tx, actor, { action, subjectType: "user", subjectId: id });
    return true;
  });
}

export async function checkPassword(db: DbOrTx, id: number, password: string) {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return verifyPassword(row?.passwordHash ?? null, password);
}

export async function countUsers(db: DbOrTx) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export function actorOf(user: { id: number; username: string; role: Role }): Actor {
  return { userId: user.id, label: `${user.username} (${user.role})` };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = obj[k];
  return out;
}
