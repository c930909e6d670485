/**
 * The audit log: `appendAudit` writes an entry inside the caller's transaction, so the entry
 * exists exactly when the change does. `sealAuditLog` then chains committed entries in order
 * (one sealer at a time, under an advisory lock), which keeps the hot path free of a global
 * lock. `verifyAuditLog` re-walks the whole chain and names the first broken entry; it never
 * seals (a verifier that seals would bless whatever it finds unsealed). It also checks the chain
 * against every head published on a 公示 (result_runs.chain_head_*) and any head given to it, so
 * rows cut from the end, or unsealed and re-sealed after an edit, show against them.
 *
 * The table itself refuses UPDATE (but the sealer's NULL → value), DELETE and TRUNCATE by trigger
 * (migration audit_append_only); see the README for the insert-only database role.
 */
import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { auditLog, resultRuns } from "../../db/schema";
import {
  GENESIS_HASH,
  checkChain,
  hashEntry,
  headIndex,
  truncation,
  type ChainBreak,
  type ChainHead,
} from "../domain/audit-chain";

export interface Actor {
  userId: number | null;
  /** A readable name kept with the entry, e.g. "admin (街道管理员)" or "system". */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string | number;
  payload?: Record<string, unknown>;
}

/** Appends an audit entry. Call it with the transaction that makes the change. */
export async function appendAudit(tx: DbOrTx, actor: Actor, input: AuditInput) {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: String(input.subjectId),
      payload: input.payload ?? {},
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

const SEAL_LOCK_KEY = 0x524f4144; // "ROAD"
const SEAL_BATCH = 2000;

/** Chains every committed, unsealed entry. Returns how many were sealed. */
export async function sealAuditLog(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`);
      const [last] = await tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .where(isNotNull(auditLog.seq))
        .orderBy(desc(auditLog.seq))
        .limit(1);
      const pending = await tx
        .select()
        .from(auditLog)
        .where(isNull(auditLog.seq))
        .orderBy(asc(auditLog.id))
        .limit(SEAL_BATCH);
      if (pending.length === 0) return 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      let seq = last?.seq ?? 0;
      const rows = pending.map((entry) => {
        seq += 1;
        const hash = hashEntry({ ...entry, seq }, prevHash);
        const row = { id: entry.id, seq, prevHash, hash };
        prevHash = hash;
        return row;
      });
      const values = sql.join(
        rows.map(
          (r) => sql`(${r.id}::bigint, ${r.seq}::bigint, ${r.prevHash}::text, ${r.hash}::text)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`
        update ${auditLog} as a
        set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        from (values ${values}) as v(id, seq, prev_hash, hash)
        where a.id = v.id and a.seq is null`);
      return rows.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

interface AuditVerification {
  ok: boolean;
  checked: number;
  head: string;
  unsealed: number;
  /** How many published heads the chain was checked against. */
  heads: number;
  broken: (ChainBreak & { action?: string; createdAt?: string }) | null;
}

/** The newest sealed entry: the chain's head (published with each 公示). */
export async function chainHead(db: DbOrTx): Promise<ChainHead | null> {
  const [last] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(isNotNull(auditLog.seq))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return last?.seq != null && last.hash ? { seq: last.seq, hash: last.hash } : null;
}

/** Every head published with a 公示 (published or since superseded). */
async function publishedHeads(db: DbOrTx): Promise<ChainHead[]> {
  const rows = await db
    .select({ seq: resultRuns.chainHeadSeq, hash: resultRuns.chainHeadHash })
    .from(resultRuns)
    .where(and(isNotNull(resultRuns.chainHeadSeq), isNotNull(resultRuns.chainHeadHash)));
  return rows.map((r) => ({ seq: r.seq!, hash: r.hash! }));
}

/**
 * Walks the sealed chain page by page, checking it against the published heads and `heads`
 * (e.g. one copied from a printed 公示). Read-only: it never seals.
 */
export async function verifyAuditLog(
  db: Db,
  options: { heads?: ChainHead[] } = {},
): Promise<AuditVerification> {
  const heads = [...(await publishedHeads(db)), ...(options.heads ?? [])];
  const index = headIndex(heads);
  let state = { head: GENESIS_HASH, lastSeq: 0 };
  let checked = 0;
  const done = async (broken: AuditVerification["broken"]) => {
    const [{ count }] = await countUnsealed(db);
    return { ok: !broken, checked, head: state.head, unsealed: count, heads: heads.length, broken };
  };
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(isNotNull(auditLog.seq), gt(auditLog.seq, state.lastSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(5000);
    if (page.length === 0) break;
    const result = checkChain(
      page.map((e) => ({ ...e, seq: e.seq! })),
      state,
      index,
    );
    checked += result.checked;
    if (result.broken) {
      const bad = page.find((e) => e.id === result.broken!.id);
      state = { head: result.head, lastSeq: result.lastSeq };
      return done({
        ...result.broken,
        action: bad?.action,
        createdAt: bad?.createdAt.toISOString(),
      });
    }
    state = { head: result.head, lastSeq: result.lastSeq };
  }
  return done(truncation(heads, state.lastSeq));
}

function countUnsealed(db: Db) {
  return db
    .select({ count: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(isNull(auditLog.seq)) as unknown as Promise<[{ count: number }]>;
}

export async function listAuditEntries(
  db: Db,
  filter: { subjectType?: string; subjectId?: string; limit?: number; beforeId?: number } = {},
) {
  const conditions = [];
  if (filter.subjectType) conditions.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) conditions.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.beforeId) conditions.push(sql`${auditLog.id} < ${filter.beforeId}`);
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 50);
}
