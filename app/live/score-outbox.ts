/**
 * The judge tablet's outbox: a sheet is kept on the tablet until the server has answered it, so
 * a score given while the hall's Wi-Fi is down goes out when the socket comes back (even after
 * a reload). Plain logic over a store and a send function, no browser: use-score-outbox.ts puts
 * it on localStorage and the page's socket.
 *
 *   submit ──▶ queued (store) ──send──▶ answered: ok ──────────▶ dropped, "sent" / "stale"
 *                 ▲                        │      refusal ─────▶ dropped, the refusal's message
 *                 └── no answer (offline) ─┘ kept, "pending"; sent again on reconnect (flush)
 *
 * One sheet waits at a time: a later sheet takes the place of an earlier one (scoring of the
 * earlier pitch has closed, or it is an older revision of the same sheet). A refusal is not
 * retried (the same sheet would be refused again); the draft stays on screen and the judge may
 * submit again. Each sheet carries a revision above every one the tablet knows of, and a key the
 * server uses to spot a resend.
 */
import type { AckError, Acks, ScoreSubmit } from "../../realtime/events";
import type { Offline } from "./use-live";

/** What the judge is told about the last sheet sent. */
export type SendState =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "sent"; total: number }
  | { kind: "stale"; total: number }
  | { kind: "pending" }
  | { kind: "error"; code: AckError };

export type ScoreReply = Acks["score:submit"] | Offline;

/** Where the waiting sheet is kept (localStorage on the tablet). */
export interface OutboxStore {
  read(): ScoreSubmit | null;
  write(sheet: ScoreSubmit | null): void;
}

/** A sheet as the judge submits it; the outbox adds the revision and the key. */
export type Sheet = Omit<ScoreSubmit, "revision" | "key">;

/**
 * What stays queued when `sheet` joins `queued`: the later one. An older or equal revision of the
 * sheet already waiting (a late duplicate) changes nothing.
 */
export function enqueue(queued: ScoreSubmit | null, sheet: ScoreSubmit): ScoreSubmit {
  if (queued && queued.proposalId === sheet.proposalId && queued.revision >= sheet.revision)
    return queued;
  return sheet;
}

/** The revision of this sheet as the server knows it, from an answer (ok, or a refused revision). */
function revisionIn(reply: ScoreReply): number | null {
  if (reply.ok) return reply.detail.revision;
  if (reply.error !== "badRevision") return null;
  const revision = (reply.detail as { revision?: unknown } | undefined)?.revision;
  return typeof revision === "number" ? revision : null;
}

/**
 * Not answered, or answered "the database is unavailable" (nothing recorded): the sheet stays
 * queued and goes out again on the next flush (reconnect).
 */
function retryable(reply: ScoreReply) {
  return !reply.ok && (reply.error === "offline" || reply.error === "unavailable");
}

/** What the judge is told about an answered sheet. */
function stateAfter(reply: ScoreReply): SendState {
  if (!reply.ok) {
    if (reply.error === "offline" || reply.error === "unavailable") return { kind: "pending" };
    return { kind: "error", code: reply.error };
  }
  const total = reply.detail.totalHalfPoints;
  // "stale": the server already holds a later sheet (e.g. from another tablet); this one was
  // not taken, and the judge is told so.
  return reply.status === "stale" ? { kind: "stale", total } : { kind: "sent", total };
}

/** A key that works in insecure contexts too (crypto.randomUUID needs https). */
function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class ScoreOutbox {
  /**
   * The server's revision of the judge's sheet, from the latest answer: the next submission goes
   * above it (a snapshot may arrive later than the answer, or not at all).
   */
  private acked: { proposalId: number; revision: number } | null = null;

  constructor(
    private store: OutboxStore,
    private send: (sheet: ScoreSubmit) => Promise<ScoreReply>,
    private report: (state: SendState) => void,
    private makeKey: () => string = newKey,
  ) {}

  /** The sheet waiting for an answer, if any. */
  queued() {
    return this.store.read();
  }

  /** The revision of the next sheet for a pitch: above the server's, the last answer's and the queue's. */
  nextRevision(proposalId: number, serverRevision: number) {
    const queued = this.store.read();
    return (
      Math.max(
        serverRevision,
        this.acked?.proposalId === proposalId ? this.acked.revision : 0,
        queued?.proposalId === proposalId ? queued.revision : 0,
      ) + 1
    );
  }

  /** Queues a sheet (kept until answered) and sends it. */
  async submit(sheet: Sheet, serverRevision: number) {
    const entry: ScoreSubmit = {
      ...sheet,
      revision: this.nextRevision(sheet.proposalId, serverRevision),
      key: this.makeKey(),
    };
    this.store.write(enqueue(this.store.read(), entry));
    await this.deliver(entry);
  }

  /** Sends the waiting sheet again (on every connect and reconnect). */
  async flush() {
    const queued = this.store.read();
    if (queued) await this.deliver(queued);
  }

  private async deliver(entry: ScoreSubmit) {
    this.report({ kind: "sending" });
    const reply = await this.send(entry);
    this.report(this.settle(entry, reply));
  }

  /** Applies an answer to the queue; returns what the judge is told. */
  settle(entry: ScoreSubmit, reply: ScoreReply): SendState {
    if (retryable(reply)) return { kind: "pending" };
    // Answered: out of the queue, unless a later sheet took its place meanwhile.
    if (this.store.read()?.key === entry.key) this.store.write(null);
    const revision = revisionIn(reply);
    if (revision !== null) this.acked = { proposalId: entry.proposalId, revision };
    return stateAfter(reply);
  }
}
