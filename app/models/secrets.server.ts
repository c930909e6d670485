/** Secrets every instance must share (receipt keys, registry match keys), kept in PostgreSQL. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appSecrets } from "../../db/schema";

const cache = new WeakMap<Db, Map<string, Promise<Buffer>>>();

/** A 32-byte secret by name, created on first use (the first writer wins across instances). */
export function getSecret(db: Db, name: "receipt" | "registry" | "envelope"): Promise<Buffer> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let secret = perDb.get(name);
  if (!secret) {
    secret = (async () => {
      await db
        .insert(appSecrets)
        .values({ name, value: randomBytes(32).toString("base64") })
        .onConflictDoNothing();
      const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
      return Buffer.from(row!.value, "base64");
    })();
    secret.catch(() => perDb!.delete(name));
    perDb.set(name, secret);
  }
  return secret;
}
