/**
 * The ballot box: how a cast ballot becomes a stored ballot without anything linking it to the
 * token (or registry entry) it was cast with.
 *
 * 1. Casting (castBallot, one statement) marks the token used and writes a sealed envelope in the
 *    same transaction: exactly once, never lost. The envelope shares the token's transaction id,
 *    but holds only ciphertext (AES-256-GCM under the ballot key, which is not in the database)
 *    and a keyed hash of the receipt hash.
 * 2. flushBallots, in another transaction, opens a batch of envelopes, deletes them and inserts
 *    their ballots and choices in a random order under fresh random ids, with one audit entry
 *    for the batch (a count, no ids). It runs on a short interval once a batch holds at least
 *    2 × MIN_BATCH envelopes (a batch of at least MIN_BATCH, MIN_BATCH kept back for the next
 *    one) or voting is no longer open, and at start. Counting reads envelopes and ballots together,
 *    so nothing waits for a flush to be counted.
 *
 * Counting reads ballots and pending envelopes in one statement (one snapshot), so every ballot
 * counts exactly once whether or not it has been flushed yet.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomInt,
  randomUUID,
} from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { rowsOf } from "../../db/rows";
import {
  ballotChoices,
  ballotEnvelopes,
  ballots,
  competitions,
  evaluationComments,
} from "../../db/schema";
import { emptyDistribution, type Distribution } from "../domain/evaluation";
import { appendAudit, SYSTEM_ACTOR } from "./audit.server";
import { getSecret } from "./secrets.server";

/** A flush moves a competition's envelopes once this many are waiting (or voting has ended). */
export const MIN_BATCH = 10;
const FLUSH_CHUNK = 2000;

export interface BallotKey {
  key: Buffer;
  id: string;
}

// Kept on the Db object itself: the Remix build bundles its own copy of this module, and the
// page and the JSON API must seal with the same key.
const KEY = Symbol.for("roadshow.ballotKey");
const FALLBACK = Symbol.for("roadshow.ballotKeyFallback");
type Keyed = Db & { [KEY]?: BallotKey; [FALLBACK]?: Promise<BallotKey> };

function keyFrom(key: Buffer): BallotKey {
  return {
    key,
    id: createHash("sha256").update(key).update("ballot-key-id").digest("hex").slice(0, 8),
  };
}

/**
 * The server's ballot key, derived from SESSION_SECRET (outside the database). Scripts and tests
 * that never register one use a key kept in the database (weaker: whoever reads the database can
 * open pending envelopes; they flush at the end of every script).
 */
export function registerBallotKey(db: Db, secret: string | Buffer) {
  (db as Keyed)[KEY] = keyFrom(createHmac("sha256", secret).update("ballot-envelope").digest());
}

/** The key a database's ballots are sealed with (read it outside a transaction, then pass it in). */
export function ballotKey(db: Db): Promise<BallotKey> {
  const keyed = db as Keyed;
  const own = keyed[KEY];
  if (own) return Promise.resolve(own);
  let k = keyed[FALLBACK];
  if (!k) {
    k = getSecret(db, "envelope").then(keyFrom);
    k.catch(() => {
      keyed[FALLBACK] = undefined;
    });
    keyed[FALLBACK] = k;
  }
  return k;
}

interface Envelope {
  keyId: string;
  sealed: string;
  receiptKey: string;
}

interface Contents {
  receiptHash: string;
  choices: number[];
  /** 效果共评 in rating mode: the rating (1–5) of each choice, in the order of `choices`. */
  ratings?: number[];
  /** 效果共评: comments per project, stored unlinked from the ballot when it is flushed. */
  comments?: Array<{ proposalId: number; body: string }>;
}

/** Seals a ballot's receipt hash and choices for the envelope table. */
export async function sealEnvelope(db: Db, contents: Contents): Promise<Envelope> {
  const { key, id } = await ballotKey(db);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([
    cipher.update(
      JSON.stringify({
        r: contents.receiptHash,
        c: contents.choices,
        ...(contents.ratings ? { s: contents.ratings } : {}),
        ...(contents.comments?.length
          ? { m: contents.comments.map((m) => [m.proposalId, m.body]) }
          : {}),
      }),
      "utf8",
    ),
    cipher.final(),
  ]);
  return {
    keyId: id,
    sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64"),
    receiptKey: await envelopeReceiptKey(db, contents.receiptHash),
  };
}

/** Seals a short secret (a card's token) with the ballot key. */
export async function sealText(db: Db, text: string) {
  const { key, id } = await ballotKey(db);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return `${id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** Opens what sealText sealed; null under another key or when tampered with. */
export async function openText(db: Db, sealed: string): Promise<string | null> {
  const { key, id } = await ballotKey(db);
  const [keyId, data] = sealed.split(".");
  if (keyId !== id || !data) return null;
  try {
    const raw = Buffer.from(data, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** The keyed hash that finds a pending envelope by its receipt (for the receipt check). */
async function envelopeReceiptKey(db: Db, receiptHash: string) {
  const { key } = await ballotKey(db);
  return createHmac("sha256", key).update(`receipt:${receiptHash}`).digest("hex");
}

/** Opens an envelope sealed with this server's key; null when it was sealed with another key. */
function openEnvelope(
  { key, id }: BallotKey,
  e: { keyId: string; sealed: string },
): Contents | null {
  if (e.keyId !== id) return null;
  try {
    const raw = Buffer.from(e.sealed, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
      "utf8",
    );
    const parsed = JSON.parse(text) as {
      r: string;
      c: number[];
      s?: number[];
      m?: Array<[number, string]>;
    };
    return {
      receiptHash: parsed.r,
      choices: parsed.c,
      ...(parsed.s ? { ratings: parsed.s } : {}),
      ...(parsed.m
        ? { comments: parsed.m.map(([proposalId, body]) => ({ proposalId, body })) }
        : {}),
    };
  } catch {
    return null;
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * How many ballots of a competition are still sealed envelopes (cast, not yet flushed into the
 * shuffled ballots; their choices and comments are unreadable until then).
 */
export async function sealedEnvelopes(db: DbOrTx, competitionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ballotEnvelopes)
    .where(eq(ballotEnvelopes.competitionId, competitionId));
  return row?.n ?? 0;
}

/**
 * Moves pending envelopes into ballots, in shuffled batches. Only competitions with at least
 * `minBatch` envelopes waiting, or whose voting is no longer open (by the database's clock), are
 * flushed; `minBatch: 0` flushes everything. Safe to run from several instances at once (each
 * envelope is locked by one flush). Returns how many ballots were stored.
 */
export async function flushBallots(
  db: Db,
  options: { competitionId?: number; minBatch?: number; log?: (line: string) => void } = {},
): Promise<number> {
  const minBatch = options.minBatch ?? MIN_BATCH;
  const only = options.competitionId;
  const waiting = rowsOf<{ competition_id: number; n: number; open: boolean }>(
    await db.execute(sql`
      select e.competition_id, count(*)::int as n,
        bool_and(w.phase in ('roadshow', 'voting')
          and (w.voting_opens_at is null or w.voting_opens_at <= now())
          and (w.voting_closes_at is null or w.voting_closes_at >= now())) as open
      from ${ballotEnvelopes} e join ${competitions} w on w.id = e.competition_id
      ${only === undefined ? sql`` : sql`where e.competition_id = ${only}`}
      group by e.competition_id`),
  );
  let moved = 0;
  for (const w of waiting) {
    // While voting is open a flush stores at least minBatch and leaves minBatch behind.
    if (w.open && w.n < Math.max(1, 2 * minBatch)) continue;
    for (;;) {
      const n = await flushChunk(db, Number(w.competition_id), w.open, minBatch, options.log);
      moved += n;
      if (n < FLUSH_CHUNK) break;
    }
  }
  return moved;
}

/**
 * One batch, sized on the rows this transaction actually locked (another instance may hold the
 * rest): never fewer than `minBatch` ballots while voting is open, always `minBatch` left behind
 * for the next batch (so the last one, after closing, is no smaller either), and a chunk that
 * may have more after it keeps `minBatch` back for that tail.
 */
async function flushChunk(
  db: Db,
  competitionId: number,
  votingOpen: boolean,
  minBatch: number,
  log?: (line: string) => void,
): Promise<number> {
  let unreadable = 0;
  const key = await ballotKey(db);
  const moved = await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string; key_id: string; sealed: string }>(
      await tx.execute(sql`select id, key_id, sealed from ${ballotEnvelopes}
        where competition_id = ${competitionId} limit ${FLUSH_CHUNK + minBatch}
        for update skip locked`),
    );
    const readable: Array<{ envelopeId: string } & Contents> = [];
    for (const r of rows) {
      const c = openEnvelope(key, { keyId: r.key_id, sealed: r.sealed });
      if (c) readable.push({ envelopeId: r.id, ...c });
      else unreadable += 1;
    }
    const take =
      rows.length >= FLUSH_CHUNK + minBatch
        ? Math.min(FLUSH_CHUNK, readable.length)
        : votingOpen
          ? readable.length - minBatch
          : readable.length;
    if (take < (votingOpen ? Math.max(1, minBatch) : 1)) return 0;
    const opened = shuffle(readable).slice(0, take);
    await tx.execute(
      sql`delete from ${ballotEnvelopes} where id in (${sql.join(
        opened.map((o) => sql`${o.envelopeId}::uuid`),
        sql`, `,
      )})`,
    );
    const stored = shuffle(opened).map((o) => ({ id: randomUUID(), ...o }));
    for (let i = 0; i < stored.length; i += 1000) {
      await tx
        .insert(ballots)
        .values(
          stored
            .slice(i, i + 1000)
            .map((b) => ({ id: b.id, competitionId, receiptHash: b.receiptHash })),
        );
    }
    const choices = stored.flatMap((b) =>
      shuffle(
        b.choices.map((proposalId, i) => ({
          ballotId: b.id,
          proposalId,
          rating: b.ratings?.[i] ?? null,
        })),
      ),
    );
    for (let i = 0; i < choices.length; i += 5000)
      await tx.insert(ballotChoices).values(choices.slice(i, i + 5000));
    // 效果共评 comments: written with their ballots, shuffled across the batch, with nothing
    // (no ballot id, no time) that leads back to the ballot they came with.
    const comments = shuffle(
      stored.flatMap((b) => (b.comments ?? []).map((m) => ({ competitionId, ...m }))),
    );
    for (let i = 0; i < comments.length; i += 1000)
      await tx.insert(evaluationComments).values(comments.slice(i, i + 1000));
    await appendAudit(tx, SYSTEM_ACTOR, {
      action: "ballot.flush",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { ballots: stored.length },
    });
    return stored.length;
  });
  if (unreadable > 0)
    (log ?? console.error)(
      `[ballots] ${unreadable} pending ballot(s) of competition ${competitionId} were sealed with another key (was SESSION_SECRET changed?); they stay pending`,
    );
  return moved;
}

/**
 * Counts per project and ballots, stored and pending, of one competition, from one snapshot;
 * with the ratings per project and level (效果共评 in rating mode).
 */
export async function onlineCounts(db: DbOrTx, key: BallotKey, competitionId: number) {
  const rows = rowsOf<{
    kind: string;
    proposal_id: number | null;
    rating: number | null;
    n: number | null;
    key_id: string | null;
    sealed: string | null;
  }>(
    await db.execute(sql`
      select 'choice' as kind, c.proposal_id, c.rating, count(*)::int as n, null as key_id, null as sealed
        from ${ballotChoices} c join ${ballots} b on b.id = c.ballot_id
        where b.competition_id = ${competitionId} group by c.proposal_id, c.rating
      union all
      select 'ballots', null, null, count(*)::int, null, null from ${ballots} where competition_id = ${competitionId}
      union all
      select 'pending', null, null, null, key_id, sealed from ${ballotEnvelopes} where competition_id = ${competitionId}`),
  );
  const perProject = new Map<number, number>();
  const ratings = new Map<number, Distribution>();
  const rate = (id: number, rating: number | null | undefined, n: number) => {
    if (rating == null || rating < 1 || rating > 5) return;
    const d = ratings.get(id) ?? emptyDistribution();
    d[rating - 1] = d[rating - 1]! + n;
    ratings.set(id, d);
  };
  let ballotCount = 0;
  let unreadable = 0;
  for (const r of rows) {
    if (r.kind === "choice") {
      const id = Number(r.proposal_id);
      perProject.set(id, (perProject.get(id) ?? 0) + Number(r.n));
      rate(id, r.rating === null ? null : Number(r.rating), Number(r.n));
    } else if (r.kind === "ballots") ballotCount += Number(r.n);
    else {
      const c = openEnvelope(key, { keyId: r.key_id!, sealed: r.sealed! });
      if (!c) {
        unreadable += 1;
        continue;
      }
      ballotCount += 1;
      const seen = new Set<number>();
      c.choices.forEach((id, i) => {
        if (seen.has(id)) return;
        seen.add(id);
        perProject.set(id, (perProject.get(id) ?? 0) + 1);
        rate(id, c.ratings?.[i], 1);
      });
    }
  }
  return { perProject, ratings, ballots: ballotCount, unreadable };
}

/** Every online ballot's choices (stored and pending), from one snapshot, in no particular order. */
export async function onlineBallots(
  db: DbOrTx,
  key: BallotKey,
  competitionId: number,
): Promise<number[][]> {
  const rows = rowsOf<{
    choices: number[] | string | null;
    key_id: string | null;
    sealed: string | null;
  }>(
    await db.execute(sql`
      select array_agg(c.proposal_id order by c.proposal_id) as choices, null as key_id, null as sealed
        from ${ballots} b join ${ballotChoices} c on c.ballot_id = b.id
        where b.competition_id = ${competitionId} group by b.id
      union all
      select null, key_id, sealed from ${ballotEnvelopes} where competition_id = ${competitionId}`),
  );
  const out: number[][] = [];
  for (const r of rows) {
    if (r.sealed !== null) {
      const c = openEnvelope(key, { keyId: r.key_id!, sealed: r.sealed });
      if (c) out.push([...new Set(c.choices)].sort((a, b) => a - b));
    } else out.push(parseIntArray(r.choices));
  }
  // As PostgreSQL orders int arrays: element by element, a prefix first.
  return out.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
}

function parseIntArray(v: number[] | string | null): number[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v.map(Number);
  return v.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
}

/** Whether a receipt hash belongs to a stored or pending ballot of the competition. */
export async function receiptHashCounted(db: Db, competitionId: number, hash: string) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from (
        select 1 from ${ballots} where competition_id = ${competitionId} and receipt_hash = ${hash}
        union all
        select 1 from ${ballotEnvelopes} where competition_id = ${competitionId} and receipt_key = ${await envelopeReceiptKey(db, hash)}
      ) x`),
  );
  return Number(rows[0]?.n ?? 0) > 0;
}
