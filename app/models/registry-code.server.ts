/**
 * The SMS-code proof of the registry path: a resident who matches the registry by name and
 * phone gets a one-time code on that phone, and only the code opens their card. Nothing here
 * tells whether a name and phone are in the registry, or whether the resident has voted: the
 * caller answers alike either way.
 */
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registryCodes, registryEntries } from "../../db/schema";
import { normalisePhone } from "../domain/registry";
import {
  SMS_CODE_TTL_MS,
  checkSmsCode,
  generateSmsCode,
  normaliseSmsCode,
  smsCodeText,
} from "../domain/sms-code";
import type { SmsSender } from "../services/sms.server";
import { cardForEntry, registryHash, type RegistryCheck } from "./ballot.server";
import { getSecret } from "./secrets.server";

async function codeHash(db: Db, entryId: number, code: string) {
  return createHmac("sha256", await getSecret(db, "registry"))
    .update(`sms-code:${entryId}:${code}`)
    .digest("hex");
}

/** The registry entry with this name and phone (the 证件号 is not asked on this path). */
async function entryByIdentity(db: Db, competitionId: number, name: string, phone: string) {
  const identity = await registryHash(db, { name, phone });
  const [entry] = await db
    .select({ id: registryEntries.id, communityId: registryEntries.communityId })
    .from(registryEntries)
    .where(
      and(
        eq(registryEntries.competitionId, competitionId),
        eq(registryEntries.identityHash, identity),
      ),
    )
    .orderBy(asc(registryEntries.id))
    .limit(1);
  return entry;
}

/**
 * Sends a new code to the phone when name and phone match a registry entry (replacing any
 * earlier code); does nothing otherwise. The message leaves without being waited for, so a
 * match does not answer slower than a miss; a failed send is logged.
 */
export async function sendRegistryCode(
  db: Db,
  sms: SmsSender,
  competition: { id: number; title: string },
  input: { name: string; phone: string },
  log: (line: string) => void = (line) => console.error(line),
  now = new Date(),
): Promise<void> {
  const entry = await entryByIdentity(db, competition.id, input.name, input.phone);
  if (!entry) return;
  const code = generateSmsCode(randomInt);
  const values = {
    codeHash: await codeHash(db, entry.id, code),
    expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
    attempts: 0,
  };
  await db
    .insert(registryCodes)
    .values({ registryEntryId: entry.id, ...values })
    .onConflictDoUpdate({ target: registryCodes.registryEntryId, set: values });
  sms
    .send(normalisePhone(input.phone), smsCodeText(code, competition.title))
    .catch((e: unknown) =>
      log(`[sms:${sms.driver}] sending failed: ${e instanceof Error ? e.message : String(e)}`),
    );
}

type CodeCheck = RegistryCheck | { ok: false; refusal: "badCode" };

/**
 * The resident's card for name, phone and the code sent to that phone. A wrong code uses up one
 * of its tries; a right one is deleted (single use); an expired or spent one is deleted too.
 * Every failure is the same "badCode", whether or not name and phone are in the registry.
 */
export async function tokenForResidentByCode(
  db: Db,
  competitionId: number,
  input: { name: string; phone: string; code: string },
  now = new Date(),
): Promise<CodeCheck> {
  const entry = await entryByIdentity(db, competitionId, input.name, input.phone);
  if (!entry) return { ok: false, refusal: "badCode" };
  const typed = await codeHash(db, entry.id, normaliseSmsCode(input.code));
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .select()
      .from(registryCodes)
      .where(eq(registryCodes.registryEntryId, entry.id))
      .for("update");
    const matches =
      stored !== undefined &&
      timingSafeEqual(Buffer.from(stored.codeHash, "hex"), Buffer.from(typed, "hex"));
    const verdict = checkSmsCode(stored, matches, now);
    if (verdict === "none") return { ok: false, refusal: "badCode" } as const;
    if (verdict === "wrong") {
      await tx
        .update(registryCodes)
        .set({ attempts: stored!.attempts + 1 })
        .where(eq(registryCodes.id, stored!.id));
      return { ok: false, refusal: "badCode" } as const;
    }
    await tx.delete(registryCodes).where(eq(registryCodes.id, stored!.id));
    if (verdict !== "ok") return { ok: false, refusal: "badCode" } as const;
    return cardForEntry(tx, db, competitionId, entry);
  });
}
