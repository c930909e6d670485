import { describe, expect, it } from "vitest";
import { GENESIS_HASH, checkChain, hashEntry, type SealedEntry } from "./audit-chain";

function chain(n: number): SealedEntry[] {
  const out: SealedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const entry = {
      id: 100 + i,
      seq: i,
      createdAt: new Date(Date.UTC(2026, 10, 25, 9, 0, i)),
      actorUserId: 1,
      actorLabel: "admin",
      action: "user.create",
      subjectType: "user",
      subjectId: String(i),
      payload: { role: "judge", n: i, nested: { b: 2, a: 1 } },
    };
    const hash = hashEntry(entry, prev);
    out.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("accepts an intact chain and reports its head", () => {
    const entries = chain(5);
    const result = checkChain(entries);
    expect(result.broken).toBeNull();
    expect(result.checked).toBe(5);
    expect(result.head).toBe(entries[4]!.hash);
  });

  it("hashes canonically: key order of the payload does not matter", () => {
    const [e] = chain(1);
    const reordered = { ...e!, payload: { nested: { a: 1, b: 2 }, n: 1, role: "judge" } };
    expect(hashEntry(reordered, GENESIS_HASH)).toBe(e!.hash);
  });

  it("names the first entry whose content was changed", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, payload: { role: "street_admin" } };
    expect(checkChain(entries).broken).toEqual({ kind: "hash_mismatch", id: 103, seq: 3 });
  });

  it("detects a removed entry as a gap", () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(checkChain(entries).broken).toEqual({
      kind: "seq_gap",
      id: 103,
      seq: 3,
      expectedSeq: 2,
    });
  });

  it("detects an entry whose link was rewritten", () => {
    const entries = chain(4);
    entries[3] = { ...entries[3]!, prevHash: "f".repeat(64) };
    expect(checkChain(entries).broken).toEqual({ kind: "prev_mismatch", id: 104, seq: 4 });
  });

  it("continues from a verified head", () => {
    const entries = chain(6);
    const first = checkChain(entries.slice(0, 3));
    const rest = checkChain(entries.slice(3), first);
    expect(rest.broken).toBeNull();
    expect(rest.lastSeq).toBe(6);
  });
});

describe("published heads", () => {
  it("finds a head past the chain's end, and none when the chain reaches it", async () => {
    const { truncation } = await import("./audit-chain");
    expect(truncation([{ seq: 6, hash: "a" }], 4)).toEqual({
      kind: "truncated",
      id: null,
      seq: 6,
      lastSeq: 4,
    });
    expect(truncation([{ seq: 6, hash: "a" }], 6)).toBeNull();
  });
});
