import { describe, expect, it } from "vitest";
import type { ScoreSubmit } from "../../realtime/events";
import {
  enqueue,
  ScoreOutbox,
  type OutboxStore,
  type ScoreReply,
  type SendState,
  type Sheet,
} from "./score-outbox";

const sheet = (proposalId = 7, points = 10): Sheet => ({
  competitionId: 1,
  proposalId,
  items: { "1": points, "2": 4 },
  comment: "",
});

const queued = (proposalId: number, revision: number, key = `key-${revision}`): ScoreSubmit => ({
  ...sheet(proposalId),
  revision,
  key,
});

const recorded = (revision: number, totalHalfPoints = 14): ScoreReply => ({
  ok: true,
  status: "recorded",
  detail: { totalHalfPoints, revision },
});
const OFFLINE: ScoreReply = { ok: false, error: "offline" };

/**
 * An outbox over a memory store (as localStorage would keep it) and a scripted server: each
 * send takes the next reply, or answers offline when the script has run out.
 */
function setup(replies: ScoreReply[] = [], stored: ScoreSubmit | null = null) {
  let store = stored;
  const memory: OutboxStore = { read: () => store, write: (s) => void (store = s) };
  const sent: ScoreSubmit[] = [];
  const states: SendState[] = [];
  let n = 0;
  const outbox = new ScoreOutbox(
    memory,
    async (s) => {
      sent.push(s);
      return replies.shift() ?? OFFLINE;
    },
    (state) => states.push(state),
    () => `key-${++n}`,
  );
  return { outbox, sent, states, stored: () => store, replies };
}

describe("enqueue", () => {
  it("queues a sheet when none waits", () => {
    expect(enqueue(null, queued(7, 1))).toEqual(queued(7, 1));
  });

  it("keeps the later revision of the same sheet: an older or equal one is a duplicate", () => {
    expect(enqueue(queued(7, 3, "a"), queued(7, 2, "b")).key).toBe("a");
    expect(enqueue(queued(7, 3, "a"), queued(7, 3, "b")).key).toBe("a");
    expect(enqueue(queued(7, 3, "a"), queued(7, 4, "b")).key).toBe("b");
  });

  it("lets a sheet for the next pitch take the place of the last pitch's", () => {
    expect(enqueue(queued(7, 5), queued(8, 1))).toEqual(queued(8, 1));
  });
});

describe("the judge tablet's outbox", () => {
  it("keeps a sheet sent while offline, and tells the judge it is waiting", async () => {
    const { outbox, sent, states, stored } = setup([OFFLINE]);
    await outbox.submit(sheet(), 0);
    expect(sent).toEqual([{ ...sheet(), revision: 1, key: "key-1" }]);
    expect(stored()).toEqual(sent[0]);
    expect(states).toEqual([{ kind: "sending" }, { kind: "pending" }]);
  });

  it("keeps a sheet the server could not record (its database went away) and resends it", async () => {
    const unavailable: ScoreReply = { ok: false, error: "unavailable" };
    const { outbox, sent, states, stored } = setup([unavailable, recorded(1)]);
    await outbox.submit(sheet(), 0);
    expect(stored()).toEqual(sent[0]);
    expect(states).toEqual([{ kind: "sending" }, { kind: "pending" }]);
    await outbox.flush();
    expect(sent.map((s) => s.key)).toEqual(["key-1", "key-1"]);
    expect(stored()).toBeNull();
  });

  it("sends the same sheet again after a reconnect and drops it once the server has it", async () => {
    const { outbox, sent, states, stored } = setup([OFFLINE, OFFLINE, recorded(1)]);
    await outbox.submit(sheet(), 0);
    await outbox.flush(); // a reconnect that did not last
    expect(stored()).not.toBeNull();
    await outbox.flush();
    // One sheet, one key: the server records it once however often it arrives.
    expect(sent.map((s) => [s.key, s.revision])).toEqual([
      ["key-1", 1],
      ["key-1", 1],
      ["key-1", 1],
    ]);
    expect(stored()).toBeNull();
    expect(states.at(-1)).toEqual({ kind: "sent", total: 14 });
    await outbox.flush(); // nothing waits any more
    expect(sent).toHaveLength(3);
  });

  it("resends a sheet left from before a reload", async () => {
    const { outbox, sent, stored } = setup([recorded(4)], queued(7, 4, "from-before"));
    await outbox.flush();
    expect(sent.map((s) => s.key)).toEqual(["from-before"]);
    expect(stored()).toBeNull();
  });

  it("counts revisions above the server's, the last answer's and the waiting sheet's", async () => {
    const { outbox, sent } = setup([OFFLINE, recorded(6), recorded(7)]);
    await outbox.submit(sheet(), 4); // the snapshot says revision 4: this one is 5
    await outbox.submit(sheet(), 4); // 5 still waits: above it
    // The answer said 6; a snapshot that has not caught up (still 4) does not take it back.
    await outbox.submit(sheet(), 4);
    expect(sent.map((s) => s.revision)).toEqual([5, 6, 7]);
    expect(outbox.nextRevision(7, 4)).toBe(8);
    // Another pitch starts from its own sheet.
    expect(outbox.nextRevision(8, 0)).toBe(1);
  });

  it("takes a refused sheet out of the queue and tells the judge why", async () => {
    const { outbox, sent, states, stored } = setup([{ ok: false, error: "notScoring" }]);
    await outbox.submit(sheet(), 0);
    expect(stored()).toBeNull();
    expect(states.at(-1)).toEqual({ kind: "error", code: "notScoring" });
    await outbox.flush(); // the same sheet would be refused again: it is not resent
    expect(sent).toHaveLength(1);
  });

  it("learns the server's revision from a refused revision, so the next press goes through", async () => {
    const { outbox, sent, states } = setup([
      { ok: false, error: "badRevision", detail: { revision: 30 } },
      recorded(31),
    ]);
    await outbox.submit(sheet(), 0);
    expect(states.at(-1)).toEqual({ kind: "error", code: "badRevision" });
    await outbox.submit(sheet(), 0);
    expect(sent.map((s) => s.revision)).toEqual([1, 31]);
  });

  it("says so when the server already holds a later sheet from another tablet", async () => {
    const { outbox, states, stored } = setup([
      { ok: true, status: "stale", detail: { totalHalfPoints: 20, revision: 9 } },
    ]);
    await outbox.submit(sheet(), 0);
    expect(stored()).toBeNull();
    expect(states.at(-1)).toEqual({ kind: "stale", total: 20 });
    expect(outbox.nextRevision(7, 0)).toBe(10);
  });

  it("does not drop a newer sheet when the answer to an older one comes in", () => {
    // The older sheet was in flight when the judge pressed again: the newer one now waits.
    const newer = queued(7, 2, "newer");
    const { outbox, stored } = setup([], newer);
    expect(outbox.settle(queued(7, 1, "older"), recorded(1))).toEqual({ kind: "sent", total: 14 });
    expect(stored()).toEqual(newer);
  });
});
