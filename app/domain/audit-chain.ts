/**
 * The audit hash chain, pure: no database, no I/O. Each sealed entry's hash is
 * SHA-256(canonical JSON of the entry including the previous entry's hash), so changing,
 * removing or inserting any entry breaks every link after it.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

interface ChainEntry {
  id: number;
  seq: number;
  createdAt: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  payload: unknown;
}

export interface SealedEntry extends ChainEntry {
  prevHash: string | null;
  hash: string | null;
}

export function hashEntry(entry: ChainEntry, prevHash: string): string {
  const canonical = canonicalize({
    id: entry.id,
    seq: entry.seq,
    createdAt: entry.createdAt.toISOString(),
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    payload: entry.payload ?? null,
    prevHash,
  });
  if (canonical === undefined) throw new Error("audit entry cannot be canonicalised");
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

export type ChainBreak =
  | { kind: "seq_gap"; id: number; seq: number; expectedSeq: number }
  | { kind: "prev_mismatch"; id: number; seq: number }
  | { kind: "hash_mismatch"; id: number; seq: number }
  /** The entry at a published head's seq is not the one that was published (a rewrite). */
  | { kind: "head_mismatch"; id: number; seq: number }
  /** The chain ends before a published head (entries deleted or unsealed from the end). */
  | { kind: "truncated"; id: null; seq: number; lastSeq: number };

/** A head of the chain as published (on a 公示, in the open data): seq and hash of the entry. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Published heads by seq (two heads claiming different hashes for one seq: both are checked). */
export function headIndex(heads: Iterable<ChainHead>) {
  const index = new Map<number, string[]>();
  for (const h of heads) index.set(h.seq, [...(index.get(h.seq) ?? []), h.hash]);
  return index;
}

/** After the whole chain was walked: a published head past its end means it was cut short. */
export function truncation(
  heads: Iterable<ChainHead>,
  lastSeq: number,
): Extract<ChainBreak, { kind: "truncated" }> | null {
  let furthest = 0;
  for (const h of heads) furthest = Math.max(furthest, h.seq);
  return furthest > lastSeq ? { kind: "truncated", id: null, seq: furthest, lastSeq } : null;
}

interface ChainCheck {
  /** The hash of the last good entry (the head), or null when broken. */
  head: string;
  lastSeq: number;
  checked: number;
  broken: ChainBreak | null;
}

/**
 * Walks sealed entries in seq order, starting after `from` (the last verified head), checking
 * each against the published heads at its seq. Stops at the first broken link and names it.
 * (A head past the end is `truncation`'s to find, once the whole chain was walked.)
 */
export function checkChain(
  entries: Iterable<SealedEntry>,
  from: { head: string; lastSeq: number } = { head: GENESIS_HASH, lastSeq: 0 },
  heads: Map<number, string[]> = new Map(),
): ChainCheck {
  let head = from.head;
  let lastSeq = from.lastSeq;
  let checked = 0;
  for (const entry of entries) {
    const expectedSeq = lastSeq + 1;
    if (entry.seq !== expectedSeq) {
      return {
        head,
        lastSeq,
        checked,
        broken: { kind: "seq_gap", id: entry.id, seq: entry.seq, expectedSeq },
      };
    }
    if (entry.prevHash !== head) {
      return {
        head,
        lastSeq,
        checked,
        broken: { kind: "prev_mismatch", id: entry.id, seq: entry.seq },
      };
    }
    if (entry.hash !== hashEntry(entry, head)) {
      return {
        head,
        lastSeq,
        checked,
        broken: { kind: "hash_mismatch", id: entry.id, seq: entry.seq },
      };
    }
    if (heads.get(entry.seq)?.some((published) => published !== entry.hash)) {
      return {
        head,
        lastSeq,
        checked,
        broken: { kind: "head_mismatch", id: entry.id, seq: entry.seq },
      };
    }
    head = entry.hash;
    lastSeq = entry.seq;
    checked += 1;
  }
  return { head, lastSeq, checked, broken: null };
}
