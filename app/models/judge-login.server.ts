/**
 * Tablet sign-in for judges: the street prints a card per judge with a QR code (a long random
 * token in the URL) and a 6-digit PIN. Scanning the QR on a tablet and typing the PIN signs the
 * judge in. Only hashes are stored; the cards are shown once, when issued.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { competitionJudges, judgeLoginCodes, users } from "../../db/schema";
import { appendAudit, type Actor } from "./audit.server";
import { hashPassword, verifyPassword } from "./password.server";

const VALID_MS = 7 * 24 * 60 * 60 * 1000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function issueJudgeCodes(db: Db, actor: Actor, competitionId: number) {
  const panel = await db
    .select({ id: users.id, name: users.displayName, title: users.title })
    .from(competitionJudges)
    .innerJoin(users, eq(users.id, competitionJudges.userId))
    .where(eq(competitionJudges.competitionId, competitionId))
    .orderBy(asc(competitionJudges.seat));
  const cards = await Promise.all(
    panel.map(async (j) => {
      const token = randomBytes(24).toString("base64url");
      const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
      return { judge: j, token, pin, pinHash: await hashPassword(pin) };
    }),
  );
  const expiresAt = new Date(Date.now() + VALID_MS);
  await db.transaction(async (tx) => {
    for (const c of cards) {
      const row = {
        userId: c.judge.id,
        competitionId,
        tokenHash: sha256(c.token),
        pinHash: c.pinHash,
        expiresAt,
      };
      await tx
        .insert(judgeLoginCodes)
        .values(row)
        .onConflictDoUpdate({ target: judgeLoginCodes.userId, set: row });
    }
    await appendAudit(tx, actor, {
      action: "judge.codes_issued",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { judges: cards.map((c) => c.judge.id), expiresAt: expiresAt.toISOString() },
    });
  });
  return { cards: cards.map(({ judge, token, pin }) => ({ judge, token, pin })), expiresAt };
}

/** The judge a card's token belongs to (for the PIN page), if it is still valid. */
export async function findByToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      userId: judgeLoginCodes.userId,
      competitionId: judgeLoginCodes.competitionId,
      pinHash: judgeLoginCodes.pinHash,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
    })
    .from(judgeLoginCodes)
    .innerJoin(users, eq(users.id, judgeLoginCodes.userId))
    .where(
      and(eq(judgeLoginCodes.tokenHash, sha256(token)), gt(judgeLoginCodes.expiresAt, new Date())),
    )
    .limit(1);
  return row && row.active && row.role === "judge" ? row : null;
}

export function checkPin(pinHash: string, pin: string) {
  return verifyPassword(pinHash, pin);
}
